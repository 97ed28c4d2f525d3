/* marz-json.c
 *
 * The incident JSON is a contract with scripts and reports: keys are always
 * present, unknown figures and dates are null, offsets count characters of
 * the original text.
 */
#define G_LOG_DOMAIN "marz-json"

#include "marz-json.h"

static void
add_count (JsonBuilder *b,
           const char  *key,
           gint64       value)
{
  json_builder_set_member_name (b, key);
  if (value >= 0)
    json_builder_add_int_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_report (JsonBuilder      *b,
            const MarzReport *r)
{
  json_builder_begin_object (b);
  add_string (b, "article", r->article);
  add_string (b, "language", r->language);
  add_string (b, "evidence", r->evidence);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, r->start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, r->end);
  add_count (b, "killed", r->killed);
  add_count (b, "injured", r->injured);
  json_builder_set_member_name (b, "casualties_shared");
  json_builder_add_boolean_value (b, r->shared);
  json_builder_end_object (b);
}

static void
add_place (JsonBuilder        *b,
           const MarzIncident *i)
{
  json_builder_set_member_name (b, "place");
  json_builder_begin_object (b);
  add_string (b, "id", i->place_id);
  add_string (b, "name", i->place_name);
  json_builder_set_member_name (b, "lat");
  json_builder_add_double_value (b, i->lat);
  json_builder_set_member_name (b, "lon");
  json_builder_add_double_value (b, i->lon);
  json_builder_end_object (b);
}

/* «10 killed and 8 injured in Khost, Kunar and Paktika»: figures that belong
 * to several incidents together, which no one of them may claim alone. */
static void
add_shared (JsonBuilder        *b,
            const MarzIncident *i)
{
  json_builder_set_member_name (b, "shared_casualties");
  if (i->shared_places == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_count (b, "killed", i->shared_killed);
  add_count (b, "injured", i->shared_injured);
  json_builder_set_member_name (b, "places");
  json_builder_begin_array (b);
  for (guint k = 0; k < i->shared_places->len; k++)
    json_builder_add_string_value (b, g_ptr_array_index (i->shared_places, k));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_incident (JsonBuilder        *b,
              const MarzIncident *i)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, i->id);
  add_string (b, "type", marz_incident_type_to_string (i->type));
  add_string (b, "category",
              marz_incident_category_to_string (marz_incident_type_get_category (i->type)));
  add_string (b, "date", i->date);
  add_string (b, "date_precision", marz_date_precision_to_string (i->precision));
  add_place (b, i);
  add_count (b, "killed", i->killed);
  add_count (b, "injured", i->injured);
  add_shared (b, i);
  json_builder_set_member_name (b, "reports");
  json_builder_begin_array (b);
  for (guint k = 0; k < i->reports->len; k++)
    add_report (b, g_ptr_array_index (i->reports, k));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
marz_json_incidents (GPtrArray *incidents)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "incidents");
  json_builder_begin_array (b);
  for (guint i = 0; i < incidents->len; i++)
    add_incident (b, g_ptr_array_index (incidents, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_article_members (JsonBuilder           *b,
                     const MarzArticleInfo *a)
{
  add_string (b, "article", a->name);
  add_string (b, "path", a->path);
  add_string (b, "language", a->language);
  add_string (b, "variety", a->variety);
  add_string (b, "date", a->date);
  add_string (b, "date_precision", marz_date_precision_to_string (a->precision));
  add_string (b, "date_origin", marz_date_origin_to_string (a->origin));
  add_string (b, "source", a->source);
  add_string (b, "title", a->title);
  add_string (b, "encoding", a->encoding);
  json_builder_set_member_name (b, "incidents");
  json_builder_add_int_value (b, a->n_incidents);
}

JsonNode *
marz_json_article (const MarzArticleInfo *article)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_article_members (b, article);
  if (article->text != NULL)
    add_string (b, "text", article->text);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
marz_json_articles (GPtrArray *articles)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "articles");
  json_builder_begin_array (b);
  for (guint i = 0; i < articles->len; i++)
    {
      json_builder_begin_object (b);
      add_article_members (b, g_ptr_array_index (articles, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
marz_json_search (GPtrArray *hits)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < hits->len; i++)
    {
      MarzSearchHit *hit = g_ptr_array_index (hits, i);
      json_builder_begin_object (b);
      add_article_members (b, hit->article);
      add_string (b, "snippet", hit->snippet);
      json_builder_set_member_name (b, "match_start");
      json_builder_add_int_value (b, hit->match_start);
      json_builder_set_member_name (b, "match_end");
      json_builder_add_int_value (b, hit->match_end);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
marz_json_to_string (JsonNode *node,
                     gboolean  pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}
