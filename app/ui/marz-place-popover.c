/* marz-place-popover.c
 *
 * Lists a place's incidents (date, type, figures) and under each the
 * articles that report it; a report's button activates
 * `win.open-report ("(suu)": article, start, end of the evidence)`, so the
 * window opens the article at its evidence.
 *
 * A place may have thousands: the popover lists what it was given, says
 * how many there are in all, and emits ::load-more when the list is
 * scrolled to its end or «Show more» is chosen; whoever reads the next page
 * adds it with marz_place_popover_add_incidents().
 */
#define G_LOG_DOMAIN "marz-place-popover"

#include "marz-place-popover.h"

#include <glib/gi18n.h>

#include "marz-labels.h"
#include "marz-language.h"

struct _MarzPlacePopover
{
  GtkPopover  parent_instance;

  /* template widgets */
  GtkLabel   *title_label;
  GtkLabel   *summary_label;
  GtkBox     *incidents_box;
  GtkWidget  *more_button;

  /* owned */
  GPtrArray  *incidents;      /* MarzIncident */
  guint       n_pinned;       /* the first of them, listed ahead of the pages */
  guint       n_paged;        /* incidents the pages gave: where the next starts */
  guint       total;          /* how many the place has, listed or not */
  gboolean    loading;        /* ::load-more was emitted, no page came yet */
};

G_DEFINE_FINAL_TYPE (MarzPlacePopover, marz_place_popover, GTK_TYPE_POPOVER)

enum { LOAD_MORE, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
casualties_text (const MarzIncident *incident)
{
  g_autofree char *own = marz_labels_casualties (incident->killed, incident->injured);
  g_autofree char *shared = NULL;

  if (incident->shared_places == NULL || incident->shared_places->len < 2)
    return g_steal_pointer (&own);
  shared = marz_labels_casualties (incident->shared_killed, incident->shared_injured);
  /* Translators: figures an article gives for several places together,
   * «10 killed, 8 injured across 3 places» */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s across %u place", "%s across %u places",
                                       incident->shared_places->len),
                          shared, incident->shared_places->len);
}

static GtkWidget *
new_report_button (const MarzReport *report)
{
  const char *language = marz_language_get_name (report->language, NULL);
  /* Translators: a report's article and its language, «000.txt · Arabic» */
  g_autofree char *text = g_strdup_printf (_("%s · %s"), report->article, language);
  /* Translators: what a report's button does, for screen readers */
  g_autofree char *name = g_strdup_printf (_("Open %s (%s) at the evidence"), report->article, language);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = new_label (text, NULL);

  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, report->evidence);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-report");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(suu)", report->article,
                                    report->start, report->end);
  return button;
}

static GtkWidget *
new_incident_box (const MarzIncident *incident)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *heading = marz_labels_incident (incident);
  g_autofree char *figures = casualties_text (incident);

  gtk_box_append (GTK_BOX (box), new_label (heading, "heading"));
  gtk_box_append (GTK_BOX (box), new_label (figures, "dim-label"));
  for (guint i = 0; i < incident->reports->len; i++)
    gtk_box_append (GTK_BOX (box), new_report_button (g_ptr_array_index (incident->reports, i)));
  return box;
}

static void
update_summary (MarzPlacePopover *self)
{
  g_autofree char *summary = NULL;

  /* A pinned incident outside the pages' filter (the range) adds one. */
  guint all = MAX (self->total, self->incidents->len);

  if (self->total > self->n_paged)
    /* Translators: «50 of 6,925 incidents», while the list pages */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u incident", "%u of %u incidents",
                                            all), self->incidents->len, all);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u incident", "%u incidents",
                                            self->incidents->len), self->incidents->len);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (self->more_button, self->total > self->n_paged);
  gtk_widget_set_sensitive (self->more_button, !self->loading);
}

static void
load_more (MarzPlacePopover *self)
{
  if (self->loading || self->total <= self->n_paged)
    return;
  self->loading = TRUE;
  update_summary (self);
  g_signal_emit (self, signals[LOAD_MORE], 0);
}

static void
on_scrolled_edge_reached_cb (GtkScrolledWindow *scrolled,
                             GtkPositionType    position,
                             MarzPlacePopover  *self)
{
  if (position == GTK_POS_BOTTOM)
    load_more (self);
}

static void
on_more_button_clicked_cb (GtkButton        *button,
                           MarzPlacePopover *self)
{
  load_more (self);
}

static void
marz_place_popover_finalize (GObject *object)
{
  MarzPlacePopover *self = MARZ_PLACE_POPOVER (object);

  g_clear_pointer (&self->incidents, g_ptr_array_unref);
  G_OBJECT_CLASS (marz_place_popover_parent_class)->finalize (object);
}

static void
marz_place_popover_class_init (MarzPlacePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = marz_place_popover_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/marzatlas/Marz/ui/marz-place-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, MarzPlacePopover, title_label);
  gtk_widget_class_bind_template_child (widget_class, MarzPlacePopover, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MarzPlacePopover, incidents_box);
  gtk_widget_class_bind_template_child (widget_class, MarzPlacePopover, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_scrolled_edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_more_button_clicked_cb);

  /**
   * MarzPlacePopover::load-more:
   *
   * The list wants its next page: see marz_place_popover_add_incidents().
   */
  signals[LOAD_MORE] = g_signal_new ("load-more", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
marz_place_popover_init (MarzPlacePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * marz_place_popover_new:
 * @incidents: (transfer full) (element-type MarzIncident): the place's
 *   incidents, with their reports
 */
GtkWidget *
marz_place_popover_new (const char *place_name,
                        GPtrArray  *incidents)
{
  MarzPlacePopover *self = g_object_new (MARZ_TYPE_PLACE_POPOVER, NULL);

  g_return_val_if_fail (place_name != NULL && incidents != NULL, NULL);

  self->incidents = incidents;
  self->n_paged = self->total = incidents->len;
  gtk_label_set_text (self->title_label, place_name);
  for (guint i = 0; i < incidents->len; i++)
    gtk_box_append (self->incidents_box, new_incident_box (g_ptr_array_index (incidents, i)));
  update_summary (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, place_name, -1);
  return GTK_WIDGET (self);
}

/**
 * marz_place_popover_set_total:
 * @total: how many incidents the place has, the listed ones and the rest
 */
void
marz_place_popover_set_total (MarzPlacePopover *self,
                              guint             total)
{
  g_return_if_fail (MARZ_IS_PLACE_POPOVER (self));

  self->total = MAX (total, self->n_paged);
  update_summary (self);
}

/**
 * marz_place_popover_set_n_pinned:
 * @n_pinned: how many of the first incidents it was given are not from the
 *   first page but listed ahead of it (the incident chosen on the
 *   timeline, say)
 *
 * They do not move the next page's offset, and when a page brings one of
 * them again it is not listed twice.
 */
void
marz_place_popover_set_n_pinned (MarzPlacePopover *self,
                                 guint             n_pinned)
{
  g_return_if_fail (MARZ_IS_PLACE_POPOVER (self));
  g_return_if_fail (n_pinned <= self->incidents->len);

  self->n_pinned = n_pinned;
  self->n_paged = self->incidents->len - n_pinned;
  update_summary (self);
}

static gboolean
is_pinned (MarzPlacePopover   *self,
           const MarzIncident *incident)
{
  for (guint i = 0; i < self->n_pinned; i++)
    if (((MarzIncident *) g_ptr_array_index (self->incidents, i))->id == incident->id)
      return TRUE;
  return FALSE;
}

/**
 * marz_place_popover_page_failed:
 *
 * The page asked for by ::load-more could not be read: «Show more» may be
 * tried again.
 */
void
marz_place_popover_page_failed (MarzPlacePopover *self)
{
  g_return_if_fail (MARZ_IS_PLACE_POPOVER (self));

  self->loading = FALSE;
  update_summary (self);
}

/**
 * marz_place_popover_add_incidents:
 * @page: (element-type MarzIncident): the next page, from
 *   marz_place_popover_get_n_paged(); its incidents move to the popover's
 *   list (those pinned ahead of the pages are dropped), leaving @page empty
 */
void
marz_place_popover_add_incidents (MarzPlacePopover *self,
                                  GPtrArray        *page)
{
  g_return_if_fail (MARZ_IS_PLACE_POPOVER (self));
  g_return_if_fail (page != NULL);

  for (guint i = 0; i < page->len; i++)
    {
      MarzIncident *incident = g_ptr_array_index (page, i);

      if (is_pinned (self, incident))
        {
          marz_incident_free (incident);
          continue;
        }
      g_ptr_array_add (self->incidents, incident);
      gtk_box_append (self->incidents_box, new_incident_box (incident));
    }
  self->n_paged += page->len;
  g_ptr_array_set_free_func (page, NULL);
  g_ptr_array_set_size (page, 0);
  self->loading = FALSE;
  self->total = MAX (self->total, self->n_paged);
  update_summary (self);
}

/**
 * marz_place_popover_get_n_paged:
 *
 * Returns: how many incidents its pages brought: the offset of the next
 */
guint
marz_place_popover_get_n_paged (MarzPlacePopover *self)
{
  g_return_val_if_fail (MARZ_IS_PLACE_POPOVER (self), 0);
  return self->n_paged;
}

guint
marz_place_popover_get_n_loaded (MarzPlacePopover *self)
{
  g_return_val_if_fail (MARZ_IS_PLACE_POPOVER (self), 0);
  return self->incidents->len;
}

guint
marz_place_popover_get_total (MarzPlacePopover *self)
{
  g_return_val_if_fail (MARZ_IS_PLACE_POPOVER (self), 0);
  return self->total;
}

/**
 * marz_place_popover_get_incidents:
 *
 * Returns: (transfer none) (element-type MarzIncident): what it lists
 */
GPtrArray *
marz_place_popover_get_incidents (MarzPlacePopover *self)
{
  g_return_val_if_fail (MARZ_IS_PLACE_POPOVER (self), NULL);
  return self->incidents;
}
