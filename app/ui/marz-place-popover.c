/* marz-place-popover.c
 *
 * Lists a place's incidents (date, type, figures) and under each the
 * articles that report it; a report's button activates
 * `win.open-report ("(suu)": article, start, end of the evidence)`, so the
 * window opens the article at its evidence.
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

  /* owned */
  GPtrArray  *incidents;      /* MarzIncident */
};

G_DEFINE_FINAL_TYPE (MarzPlacePopover, marz_place_popover, GTK_TYPE_POPOVER)

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
  g_autofree char *summary = NULL;

  g_return_val_if_fail (place_name != NULL && incidents != NULL, NULL);

  self->incidents = incidents;
  gtk_label_set_text (self->title_label, place_name);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u incident", "%u incidents", incidents->len),
                             incidents->len);
  gtk_label_set_text (self->summary_label, summary);
  for (guint i = 0; i < incidents->len; i++)
    gtk_box_append (self->incidents_box, new_incident_box (g_ptr_array_index (incidents, i)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, place_name, -1);
  return GTK_WIDGET (self);
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
