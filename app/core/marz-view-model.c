/* marz-view-model.c: what the window shows, in one GTK-free object */
#define G_LOG_DOMAIN "marz-view-model"

#include "marz-view-model.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

struct _MarzViewModel
{
  GObject parent_instance;

  /* owned */
  char          *from;            /* "YYYY-MM-DD" or NULL */
  char          *to;
  guint          types;
  char          *language;
  char          *place;
  gboolean       show_diplomacy;
  char          *search_text;
  gint64         selected_incident;
  char          *article;
  guint          evidence_start;  /* equal when there is no evidence */
  guint          evidence_end;

  guint          freeze_count;
  MarzViewChange pending;         /* what changed while frozen */
};

G_DEFINE_FINAL_TYPE (MarzViewModel, marz_view_model, G_TYPE_OBJECT)
G_DEFINE_QUARK (marz-view-model-error-quark, marz_view_model_error)
G_DEFINE_FLAGS_TYPE (MarzViewChange, marz_view_change,
                     G_DEFINE_ENUM_VALUE (MARZ_VIEW_CHANGED_RANGE, "range"),
                     G_DEFINE_ENUM_VALUE (MARZ_VIEW_CHANGED_FILTER, "filter"),
                     G_DEFINE_ENUM_VALUE (MARZ_VIEW_CHANGED_SEARCH, "search"),
                     G_DEFINE_ENUM_VALUE (MARZ_VIEW_CHANGED_SELECTION, "selection"))

enum {
  PROP_0,
  PROP_FROM,
  PROP_TO,
  PROP_TYPES,
  PROP_LANGUAGE,
  PROP_PLACE,
  PROP_SHOW_DIPLOMACY,
  PROP_SEARCH_TEXT,
  PROP_SELECTED_INCIDENT,
  PROP_ARTICLE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Replaces *@field by a copy of @value, "" counting as NULL.  Whether it
 * changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
emit_changed (MarzViewModel  *self,
              MarzViewChange  what)
{
  if (self->freeze_count > 0)
    self->pending |= what;
  else
    g_signal_emit (self, signals[CHANGED], 0, what);
}

static void
notify_changed (MarzViewModel  *self,
                guint           prop,
                MarzViewChange  what)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  emit_changed (self, what);
}

static gboolean
is_day (const char *day)
{
  static const char pattern[] = "dddd-dd-dd";

  /* Up to and with the NUL: nothing may follow. */
  for (guint i = 0; i < sizeof pattern; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (day[i]) : day[i] != pattern[i])
      return FALSE;
  return g_date_valid_dmy (atoi (day + 8), atoi (day + 5), atoi (day));
}

/* NULL, "", or a real day as "YYYY-MM-DD". */
static gboolean
check_day (const char  *day,
           GError     **error)
{
  if (day == NULL || *day == '\0' || is_day (day))
    return TRUE;
  g_set_error (error, MARZ_VIEW_MODEL_ERROR, MARZ_VIEW_MODEL_ERROR_INVALID_DATE,
               _("“%s” is not a date (YYYY-MM-DD)"), day);
  return FALSE;
}

static gboolean
check_range (const char  *from,
             const char  *to,
             GError     **error)
{
  if (!check_day (from, error) || !check_day (to, error))
    return FALSE;
  if (from == NULL || to == NULL || *from == '\0' || *to == '\0' || strcmp (from, to) <= 0)
    return TRUE;
  g_set_error (error, MARZ_VIEW_MODEL_ERROR, MARZ_VIEW_MODEL_ERROR_REVERSED_RANGE,
               _("The range starts on %s, after it ends (%s)"), from, to);
  return FALSE;
}

static gboolean
type_passes (MarzViewModel    *self,
             MarzIncidentType  type)
{
  return type < MARZ_N_INCIDENT_TYPES && (self->types & (1u << type)) != 0
      && (self->show_diplomacy || marz_incident_type_get_category (type) == MARZ_CATEGORY_VIOLENCE);
}

/* What of an incident's date is known: "2025" of "2025", "2025-10" of
 * "2025-10", as the store writes them; 0 for none. */
static gsize
known_length (const MarzIncident *incident)
{
  gsize len = incident->precision == MARZ_DATE_PRECISION_DAY ? 10
            : incident->precision == MARZ_DATE_PRECISION_MONTH ? 7
            : incident->precision == MARZ_DATE_PRECISION_YEAR ? 4 : 0;

  return incident->date != NULL && strlen (incident->date) >= len ? len : 0;
}

/* An incident known to the month overlaps the range when any day of that
 * month is in it: when its month lies between the months of the bounds.
 * Comparing the known part of the date with as much of each bound does that
 * for every precision.  Without a date, it has no day in any range (the
 * store's filter agrees). */
static gboolean
date_passes (MarzViewModel      *self,
             const MarzIncident *incident)
{
  gsize len;

  if (self->from == NULL && self->to == NULL)
    return TRUE;
  if ((len = known_length (incident)) == 0)
    return FALSE;
  return (self->from == NULL || strncmp (incident->date, self->from, len) >= 0)
      && (self->to == NULL || strncmp (incident->date, self->to, len) <= 0);
}

static gboolean
language_passes (MarzViewModel      *self,
                 const MarzIncident *incident)
{
  if (self->language == NULL)
    return TRUE;
  for (guint i = 0; incident->reports != NULL && i < incident->reports->len; i++)
    {
      MarzReport *report = g_ptr_array_index (incident->reports, i);
      if (g_strcmp0 (report->language, self->language) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
marz_view_model_finalize (GObject *object)
{
  MarzViewModel *self = (MarzViewModel *) object;

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->place, g_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->article, g_free);

  G_OBJECT_CLASS (marz_view_model_parent_class)->finalize (object);
}

static void
marz_view_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MarzViewModel *self = MARZ_VIEW_MODEL (object);

  switch (prop_id)
    {
    case PROP_FROM:              g_value_set_string (value, self->from); break;
    case PROP_TO:                g_value_set_string (value, self->to); break;
    case PROP_TYPES:             g_value_set_uint (value, self->types); break;
    case PROP_LANGUAGE:          g_value_set_string (value, self->language); break;
    case PROP_PLACE:             g_value_set_string (value, self->place); break;
    case PROP_SHOW_DIPLOMACY:    g_value_set_boolean (value, self->show_diplomacy); break;
    case PROP_SEARCH_TEXT:       g_value_set_string (value, self->search_text); break;
    case PROP_SELECTED_INCIDENT: g_value_set_int64 (value, self->selected_incident); break;
    case PROP_ARTICLE:           g_value_set_string (value, self->article); break;
    default:                     G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
marz_view_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MarzViewModel *self = MARZ_VIEW_MODEL (object);

  switch (prop_id)
    {
    case PROP_TYPES:
      marz_view_model_set_types (self, g_value_get_uint (value));
      break;
    case PROP_LANGUAGE:
      marz_view_model_set_language (self, g_value_get_string (value));
      break;
    case PROP_PLACE:
      marz_view_model_set_place (self, g_value_get_string (value));
      break;
    case PROP_SHOW_DIPLOMACY:
      marz_view_model_set_show_diplomacy (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH_TEXT:
      marz_view_model_set_search_text (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_INCIDENT:
      marz_view_model_select_incident (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char  *name,
                 GParamFlags  access)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              access | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
marz_view_model_class_init (MarzViewModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = marz_view_model_finalize;
  object_class->get_property = marz_view_model_get_property;
  object_class->set_property = marz_view_model_set_property;

  /* The bounds change together, and only through marz_view_model_set_range(),
   * which can refuse them. */
  properties[PROP_FROM] = string_property ("from", G_PARAM_READABLE);
  properties[PROP_TO] = string_property ("to", G_PARAM_READABLE);
  properties[PROP_TYPES] = g_param_spec_uint ("types", NULL, NULL, 0, MARZ_VIEW_ALL_TYPES,
                                              MARZ_VIEW_ALL_TYPES, rw);
  properties[PROP_LANGUAGE] = string_property ("language", G_PARAM_READWRITE);
  properties[PROP_PLACE] = string_property ("place", G_PARAM_READWRITE);
  properties[PROP_SHOW_DIPLOMACY] = g_param_spec_boolean ("show-diplomacy", NULL, NULL, TRUE, rw);
  properties[PROP_SEARCH_TEXT] = string_property ("search-text", G_PARAM_READWRITE);
  properties[PROP_SELECTED_INCIDENT] = g_param_spec_int64 ("selected-incident", NULL, NULL,
                                                           0, G_MAXINT64, 0, rw);
  /* With its evidence: marz_view_model_show_article(). */
  properties[PROP_ARTICLE] = string_property ("article", G_PARAM_READABLE);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MarzViewModel::changed:
   * @what: every part that changed since the last emission
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, MARZ_TYPE_VIEW_CHANGE);
}

static void
marz_view_model_init (MarzViewModel *self)
{
  self->types = MARZ_VIEW_ALL_TYPES;
  self->show_diplomacy = TRUE;
}

MarzViewModel *
marz_view_model_new (void)
{
  return g_object_new (MARZ_TYPE_VIEW_MODEL, NULL);
}

const char *
marz_view_model_get_from (MarzViewModel *self)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), NULL);
  return self->from;
}

const char *
marz_view_model_get_to (MarzViewModel *self)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), NULL);
  return self->to;
}

/**
 * marz_view_model_set_range:
 * @from: (nullable): the first day shown, "YYYY-MM-DD", or NULL for no limit
 * @to: (nullable): the last day shown
 *
 * Returns: FALSE with @error set, and nothing changed, when a bound is not a
 *   real date or @from comes after @to
 */
gboolean
marz_view_model_set_range (MarzViewModel  *self,
                           const char     *from,
                           const char     *to,
                           GError        **error)
{
  gboolean from_changed, to_changed;

  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_range (from, to, error))
    return FALSE;
  from_changed = set_string (&self->from, from);
  to_changed = set_string (&self->to, to);
  if (from_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
  if (to_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
  if (from_changed || to_changed)
    emit_changed (self, MARZ_VIEW_CHANGED_RANGE);
  return TRUE;
}

/* A mask of MarzIncidentType bits; 0 shows no incident at all. */
guint
marz_view_model_get_types (MarzViewModel *self)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), 0);
  return self->types;
}

void
marz_view_model_set_types (MarzViewModel *self,
                           guint          types)
{
  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));
  g_return_if_fail ((types & ~MARZ_VIEW_ALL_TYPES) == 0);

  if (self->types == types)
    return;
  self->types = types;
  notify_changed (self, PROP_TYPES, MARZ_VIEW_CHANGED_FILTER);
}

const char *
marz_view_model_get_language (MarzViewModel *self)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), NULL);
  return self->language;
}

/**
 * marz_view_model_set_language:
 * @language: (nullable): show only incidents that an article in this
 *   language reports ("ar", "fa", …), or NULL for any
 */
void
marz_view_model_set_language (MarzViewModel *self,
                              const char    *language)
{
  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));

  if (set_string (&self->language, language))
    notify_changed (self, PROP_LANGUAGE, MARZ_VIEW_CHANGED_FILTER);
}

const char *
marz_view_model_get_place (MarzViewModel *self)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), NULL);
  return self->place;
}

/**
 * marz_view_model_set_place:
 * @place_id: (nullable): a gazetteer id, or NULL for any place
 */
void
marz_view_model_set_place (MarzViewModel *self,
                           const char    *place_id)
{
  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));

  if (set_string (&self->place, place_id))
    notify_changed (self, PROP_PLACE, MARZ_VIEW_CHANGED_FILTER);
}

gboolean
marz_view_model_get_show_diplomacy (MarzViewModel *self)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), FALSE);
  return self->show_diplomacy;
}

void
marz_view_model_set_show_diplomacy (MarzViewModel *self,
                                    gboolean       show)
{
  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));

  show = !!show;
  if (self->show_diplomacy == show)
    return;
  self->show_diplomacy = show;
  notify_changed (self, PROP_SHOW_DIPLOMACY, MARZ_VIEW_CHANGED_FILTER);
}

const char *
marz_view_model_get_search_text (MarzViewModel *self)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), NULL);
  return self->search_text;
}

void
marz_view_model_set_search_text (MarzViewModel *self,
                                 const char    *text)
{
  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));

  if (set_string (&self->search_text, text))
    notify_changed (self, PROP_SEARCH_TEXT, MARZ_VIEW_CHANGED_SEARCH);
}

gint64
marz_view_model_get_selected_incident (MarzViewModel *self)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), 0);
  return self->selected_incident;
}

void
marz_view_model_select_incident (MarzViewModel *self,
                                 gint64         incident_id)
{
  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));
  g_return_if_fail (incident_id >= 0);

  if (self->selected_incident == incident_id)
    return;
  self->selected_incident = incident_id;
  notify_changed (self, PROP_SELECTED_INCIDENT, MARZ_VIEW_CHANGED_SELECTION);
}

const char *
marz_view_model_get_article (MarzViewModel *self)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), NULL);
  return self->article;
}

/**
 * marz_view_model_get_evidence:
 * @start: (out) (optional): where the evidence starts, in characters of the
 *   article's text
 * @end: (out) (optional): where it ends
 *
 * Returns: whether an article is shown with evidence to emphasize
 */
gboolean
marz_view_model_get_evidence (MarzViewModel *self,
                              guint         *start,
                              guint         *end)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), FALSE);

  if (start != NULL)
    *start = self->evidence_start;
  if (end != NULL)
    *end = self->evidence_end;
  return self->evidence_start < self->evidence_end;
}

/**
 * marz_view_model_show_article:
 * @article: (nullable): the article's name (as in the store), or NULL for none
 * @start: the evidence, in characters of the article's text; @start equal
 *   to @end for none
 * @end: its end
 *
 * Notifies MarzViewModel:article only when the article changes; a new
 * evidence in the same article emits ::changed alone.
 */
void
marz_view_model_show_article (MarzViewModel *self,
                              const char    *article,
                              guint          start,
                              guint          end)
{
  gboolean changed;

  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));
  g_return_if_fail (start <= end);

  if (article == NULL || *article == '\0')
    start = end = 0;
  changed = self->evidence_start != start || self->evidence_end != end;
  self->evidence_start = start;
  self->evidence_end = end;
  if (set_string (&self->article, article))
    notify_changed (self, PROP_ARTICLE, MARZ_VIEW_CHANGED_SELECTION);
  else if (changed)
    emit_changed (self, MARZ_VIEW_CHANGED_SELECTION);
}

/**
 * marz_view_model_freeze:
 *
 * Holds notifications and ::changed back until the matching
 * marz_view_model_thaw(); freezes nest.
 */
void
marz_view_model_freeze (MarzViewModel *self)
{
  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));

  g_object_freeze_notify (G_OBJECT (self));
  self->freeze_count++;
}

/**
 * marz_view_model_thaw:
 *
 * At the last thaw, emits the notifications held back, then ::changed once
 * with everything that changed while frozen, if anything did.
 */
void
marz_view_model_thaw (MarzViewModel *self)
{
  MarzViewChange what;

  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));
  g_return_if_fail (self->freeze_count > 0);

  /* Still frozen while the notifications run: a handler that changes the
   * model adds to this ::changed rather than emitting its own first. */
  g_object_thaw_notify (G_OBJECT (self));
  if (--self->freeze_count > 0 || self->pending == 0)
    return;
  what = self->pending;
  self->pending = 0;
  g_signal_emit (self, signals[CHANGED], 0, what);
}

/**
 * marz_view_model_reset_filters:
 *
 * Every filter and the range back to «show everything», with one ::changed;
 * the search text and the selection stay.
 */
void
marz_view_model_reset_filters (MarzViewModel *self)
{
  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));

  marz_view_model_freeze (self);
  marz_view_model_set_range (self, NULL, NULL, NULL);
  marz_view_model_set_types (self, MARZ_VIEW_ALL_TYPES);
  marz_view_model_set_language (self, NULL);
  marz_view_model_set_place (self, NULL);
  marz_view_model_set_show_diplomacy (self, TRUE);
  marz_view_model_thaw (self);
}

/**
 * marz_view_model_fill_filter:
 * @filter: a filter zero-initialized or cleared with
 *   marz_incident_filter_clear(): what it held is freed
 *
 * Sets @filter to the range and filters, for the store to apply.  Free it
 * with marz_incident_filter_clear().
 */
void
marz_view_model_fill_filter (MarzViewModel      *self,
                             MarzIncidentFilter *filter)
{
  g_return_if_fail (MARZ_IS_VIEW_MODEL (self));
  g_return_if_fail (filter != NULL);

  marz_incident_filter_clear (filter);
  filter->from = g_strdup (self->from);
  filter->to = g_strdup (self->to);
  filter->type = -1;
  filter->types = self->types == MARZ_VIEW_ALL_TYPES ? 0
                : self->types == 0 ? MARZ_INCIDENT_TYPES_NONE : self->types;
  filter->hide_diplomacy = !self->show_diplomacy;
  filter->language = g_strdup (self->language);
  filter->place_id = g_strdup (self->place);
}

/**
 * marz_view_model_accepts:
 * @incident: an incident with its reports, as the store gives it
 *
 * Whether the filters and the range let @incident through.  The place must
 * be the filter's own: unlike the store, the model has no gazetteer, so it
 * does not know which places lie within another.
 */
gboolean
marz_view_model_accepts (MarzViewModel      *self,
                         const MarzIncident *incident)
{
  g_return_val_if_fail (MARZ_IS_VIEW_MODEL (self), FALSE);
  g_return_val_if_fail (incident != NULL, FALSE);

  return type_passes (self, incident->type)
      && date_passes (self, incident)
      && (self->place == NULL || g_strcmp0 (self->place, incident->place_id) == 0)
      && language_passes (self, incident);
}
