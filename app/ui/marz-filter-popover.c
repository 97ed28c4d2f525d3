/* marz-filter-popover.c
 *
 * Controls for the filters of a MarzViewModel: incident types, the
 * language of the reports, a place (typed in any script, with completion
 * over every name and spelling in the gazetteer), the date range, and
 * diplomacy.  The popover holds no state of its own: it writes to the
 * model and follows its ::changed, so the timeline and this popover always
 * agree on the range.
 */
#define G_LOG_DOMAIN "marz-filter-popover"

#include "marz-filter-popover.h"

#include <glib/gi18n.h>

#include "marz-labels.h"
#include "marz-language.h"
#include "marz-normalize.h"

/* The languages offered, in the order of the drop-down; NULL is «all». */
static const char * const languages[] = { NULL, "ar", "fa", "ps", "ur", "en" };

struct _MarzFilterPopover
{
  GtkPopover      parent_instance;

  /* template widgets */
  GtkBox         *types_box;
  GtkDropDown    *language_dropdown;
  GtkEntry       *place_entry;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkLabel       *error_label;
  GtkSwitch      *diplomacy_switch;

  /* owned */
  MarzViewModel  *model;
  MarzGazetteer  *gazetteer;
  GHashTable     *places_by_key;   /* normalized name or spelling → place id */
  GtkCheckButton *type_buttons[MARZ_N_INCIDENT_TYPES];
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (MarzFilterPopover, marz_filter_popover, GTK_TYPE_POPOVER)

static void
index_name (MarzFilterPopover *self,
            GtkListStore      *names,
            const char        *name,
            const char        *place_id)
{
  g_autofree char *key = NULL;

  if (name == NULL || *name == '\0')
    return;
  key = marz_normalize_key (name);
  if (g_hash_table_contains (self->places_by_key, key))
    return;
  g_hash_table_insert (self->places_by_key, g_steal_pointer (&key), g_strdup (place_id));
  gtk_list_store_insert_with_values (names, NULL, -1, 0, name, -1);
}

/* Every name in every script completes, and every one finds its place. */
static void
setup_completion (MarzFilterPopover *self)
{
  g_autoptr(GtkListStore) names = gtk_list_store_new (1, G_TYPE_STRING);
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();
  GPtrArray *places = marz_gazetteer_get_places (self->gazetteer);

  for (guint i = 0; i < places->len; i++)
    {
      MarzPlace *place = g_ptr_array_index (places, i);
      const char *own[] = { place->name_en, place->name_ar, place->name_fa, place->name_ps };

      for (guint n = 0; n < G_N_ELEMENTS (own); n++)
        index_name (self, names, own[n], place->id);
      for (guint s = 0; place->spellings && s < place->spellings->len; s++)
        index_name (self, names, g_ptr_array_index (place->spellings, s), place->id);
    }
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (names));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (self->place_entry, completion);
}

static void
show_error (MarzFilterPopover *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The controls say what the model says. */
static void
sync_from_model (MarzFilterPopover *self)
{
  guint types = marz_view_model_get_types (self->model);
  const char *language = marz_view_model_get_language (self->model);
  const char *place = marz_view_model_get_place (self->model);
  MarzPlace *known = place ? marz_gazetteer_lookup (self->gazetteer, place) : NULL;

  self->syncing = TRUE;
  for (guint t = 0; t < MARZ_N_INCIDENT_TYPES; t++)
    gtk_check_button_set_active (self->type_buttons[t], (types & (1u << t)) != 0);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i], language) == 0)
      gtk_drop_down_set_selected (self->language_dropdown, i);
  gtk_editable_set_text (GTK_EDITABLE (self->place_entry), known ? known->name_en : place ? place : "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), marz_view_model_get_from (self->model) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), marz_view_model_get_to (self->model) ?: "");
  gtk_switch_set_active (self->diplomacy_switch, marz_view_model_get_show_diplomacy (self->model));
  self->syncing = FALSE;
}

static void
on_model_changed_cb (MarzViewModel     *model,
                     MarzViewChange     changes,
                     MarzFilterPopover *self)
{
  if (changes & (MARZ_VIEW_CHANGED_RANGE | MARZ_VIEW_CHANGED_FILTER))
    sync_from_model (self);
}

static void
on_type_toggled_cb (GtkCheckButton    *button,
                    MarzFilterPopover *self)
{
  guint types = 0;

  if (self->syncing)
    return;
  for (guint t = 0; t < MARZ_N_INCIDENT_TYPES; t++)
    if (gtk_check_button_get_active (self->type_buttons[t]))
      types |= 1u << t;
  marz_view_model_set_types (self->model, types);
}

static void
on_language_selected_cb (GtkDropDown       *dropdown,
                         GParamSpec        *pspec,
                         MarzFilterPopover *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (!self->syncing && selected < G_N_ELEMENTS (languages))
    marz_view_model_set_language (self->model, languages[selected]);
}

static void
on_diplomacy_active_cb (GtkSwitch         *widget,
                        GParamSpec        *pspec,
                        MarzFilterPopover *self)
{
  if (!self->syncing)
    marz_view_model_set_show_diplomacy (self->model, gtk_switch_get_active (widget));
}

static void
on_entry_activate_cb (GtkEntry          *entry,
                      MarzFilterPopover *self)
{
  marz_filter_popover_apply_text (self,
                                  gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                                  gtk_editable_get_text (GTK_EDITABLE (self->to_entry)),
                                  gtk_editable_get_text (GTK_EDITABLE (self->place_entry)));
}

static void
on_reset_clicked_cb (GtkButton         *button,
                     MarzFilterPopover *self)
{
  marz_view_model_reset_filters (self->model);
  show_error (self, NULL);
}

static void
add_type_buttons (MarzFilterPopover *self)
{
  for (guint t = 0; t < MARZ_N_INCIDENT_TYPES; t++)
    {
      GtkWidget *button = gtk_check_button_new_with_label (marz_labels_incident_type (t));

      self->type_buttons[t] = GTK_CHECK_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (on_type_toggled_cb), self);
      gtk_box_append (self->types_box, button);
    }
}

static void
fill_languages (MarzFilterPopover *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("All languages"));
  for (guint i = 1; i < G_N_ELEMENTS (languages); i++)
    gtk_string_list_append (names, marz_language_get_name (languages[i], NULL));
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
}

static void
marz_filter_popover_dispose (GObject *object)
{
  MarzFilterPopover *self = MARZ_FILTER_POPOVER (object);

  if (self->model)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->gazetteer);
  g_clear_pointer (&self->places_by_key, g_hash_table_unref);
  G_OBJECT_CLASS (marz_filter_popover_parent_class)->dispose (object);
}

static void
marz_filter_popover_class_init (MarzFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = marz_filter_popover_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/marzatlas/Marz/ui/marz-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, MarzFilterPopover, types_box);
  gtk_widget_class_bind_template_child (widget_class, MarzFilterPopover, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MarzFilterPopover, place_entry);
  gtk_widget_class_bind_template_child (widget_class, MarzFilterPopover, from_entry);
  gtk_widget_class_bind_template_child (widget_class, MarzFilterPopover, to_entry);
  gtk_widget_class_bind_template_child (widget_class, MarzFilterPopover, error_label);
  gtk_widget_class_bind_template_child (widget_class, MarzFilterPopover, diplomacy_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_diplomacy_active_cb);
}

static void
marz_filter_popover_init (MarzFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* No model yet: the controls' first signals must not reach it. */
  self->syncing = TRUE;
  self->places_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  add_type_buttons (self);
  fill_languages (self);
}

GtkWidget *
marz_filter_popover_new (MarzViewModel *model,
                         MarzGazetteer *gazetteer)
{
  MarzFilterPopover *self;

  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (model), NULL);
  g_return_val_if_fail (MARZ_IS_GAZETTEER (gazetteer), NULL);

  self = g_object_new (MARZ_TYPE_FILTER_POPOVER, NULL);
  self->model = g_object_ref (model);
  self->gazetteer = g_object_ref (gazetteer);
  setup_completion (self);
  g_signal_connect (model, "changed", G_CALLBACK (on_model_changed_cb), self);
  sync_from_model (self);
  return GTK_WIDGET (self);
}

/**
 * marz_filter_popover_find_place:
 * @name: a place's name or spelling in any script, or its id
 *
 * Returns: (nullable): the place's id
 */
const char *
marz_filter_popover_find_place (MarzFilterPopover *self,
                                const char        *name)
{
  g_autofree char *key = NULL;
  MarzPlace *place;

  g_return_val_if_fail (MARZ_IS_FILTER_POPOVER (self), NULL);

  if ((place = marz_gazetteer_lookup (self->gazetteer, name)))
    return place->id;
  key = marz_normalize_key (name);
  return g_hash_table_lookup (self->places_by_key, key);
}

/**
 * marz_filter_popover_apply_text:
 *
 * What pressing Enter in the popover's entries does: the range and the
 * place, in one change, or nothing and a message saying what is wrong.
 */
gboolean
marz_filter_popover_apply_text (MarzFilterPopover *self,
                                const char        *from,
                                const char        *to,
                                const char        *place)
{
  g_autoptr(GError) error = NULL;
  const char *place_id = NULL;

  g_return_val_if_fail (MARZ_IS_FILTER_POPOVER (self), FALSE);

  if (place && *place && (place_id = marz_filter_popover_find_place (self, place)) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No place called «%s» in the gazetteer"), place);
      show_error (self, message);
      return FALSE;
    }
  marz_view_model_freeze (self->model);
  if (marz_view_model_set_range (self->model, from && *from ? from : NULL, to && *to ? to : NULL, &error))
    marz_view_model_set_place (self->model, place_id);
  marz_view_model_thaw (self->model);
  show_error (self, error ? error->message : NULL);
  return error == NULL;
}
