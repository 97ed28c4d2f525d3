/* marz-gazetteer.c
 *
 * Loads data/gazetteer.json.  Names that are also ordinary words («غور» is
 * "depth", «نیمروز» is "noon") are "weak": they count as a place only right
 * after a word that announces one («ولایت», «شهر», «في», «در»).
 */
#define G_LOG_DOMAIN "marz-gazetteer"

#include "marz-gazetteer.h"
#include "marz-normalize.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

struct _MarzGazetteer
{
  GObject      parent_instance;

  /* owned */
  GPtrArray   *places;         /* MarzPlace */
  GHashTable  *by_id;          /* id → MarzPlace (borrowed from places) */
  MarzLexicon *names;          /* strong names → MarzPlace */
  MarzLexicon *weak_names;     /* weak names → MarzPlace */
  MarzLexicon *cues;           /* words that announce a place */
};

G_DEFINE_TYPE (MarzGazetteer, marz_gazetteer, G_TYPE_OBJECT)
G_DEFINE_QUARK (marz-gazetteer-error-quark, marz_gazetteer_error)

static const char * const kind_names[] = {
  "country", "province", "city", "town", "district", "crossing", "border", NULL
};

static const char * const place_cues[] = {
  "ولایت", "ولایات", "ولایتهای", "استان", "شهر", "شهرستان", "ولسوالی", "منطقه", "مرکز",
  "در", "به", "بر", "از", "نزدیک", "نزدیکی", "حوالی",
  "ولاية", "ولايات", "محافظة", "مدينة", "مديرية", "إقليم", "منطقة", "في", "على", "قرب",
  "بالقرب", "داخل", NULL
};

static void
place_free (MarzPlace *place)
{
  g_free (place->id);
  g_free (place->parent_id);
  g_free (place->country);
  g_free (place->name_en);
  g_free (place->name_ar);
  g_free (place->name_fa);
  g_free (place->name_ps);
  g_clear_pointer (&place->spellings, g_ptr_array_unref);
  g_free (place);
}

static gboolean
invalid (GError    **error,
         const char *path,
         const char *id,
         const char *why)
{
  g_set_error (error, MARZ_GAZETTEER_ERROR, MARZ_GAZETTEER_ERROR_INVALID,
               _("%s: place “%s”: %s"), path, id ? id : "?", why);
  return FALSE;
}

static gboolean
get_kind (const char    *name,
          MarzPlaceKind *kind)
{
  for (guint i = 0; kind_names[i]; i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

static char *
dup_member (JsonObject *obj,
            const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
get_coordinate (JsonObject *obj,
                const char *member,
                double      limit,
                double     *value)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  *value = json_node_get_double (node);
  return *value >= -limit && *value <= limit;
}

static void
add_names (MarzGazetteer *self,
           JsonObject    *obj,
           const char    *member,
           MarzPlace     *place,
           GHashTable    *weak)
{
  JsonNode *node = json_object_get_member (obj, member);
  g_autoptr(GList) values = NULL;

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    values = json_object_get_values (json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    values = json_array_get_elements (json_node_get_array (node));

  for (GList *l = values; l; l = l->next)
    {
      const char *name = JSON_NODE_HOLDS_VALUE (l->data) ? json_node_get_string (l->data) : NULL;
      if (name == NULL || *name == '\0')
        continue;
      g_ptr_array_add (place->spellings, g_strdup (name));
      g_autofree char *key = marz_normalize_key (name);

      /* Weak by its key: «نيمروز» is as weak as «نیمروز». */
      marz_lexicon_add (g_hash_table_contains (weak, key) ? self->weak_names : self->names,
                        name, place);
    }
}

static GHashTable *
weak_set (JsonObject *obj)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = json_object_has_member (obj, "weak_names")
                   ? json_object_get_array_member (obj, "weak_names") : NULL;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);
      if (s != NULL)
        g_hash_table_add (set, marz_normalize_key (s));
    }
  return set;
}

static gboolean
read_names (MarzPlace  *place,
            JsonObject *obj)
{
  JsonObject *names = json_object_has_member (obj, "names")
                    ? json_object_get_object_member (obj, "names") : NULL;

  if (names == NULL)
    return FALSE;
  place->name_en = dup_member (names, "en");
  place->name_ar = dup_member (names, "ar");
  place->name_fa = dup_member (names, "fa");
  place->name_ps = dup_member (names, "ps");
  return place->name_en != NULL;
}

static gboolean
read_place (MarzGazetteer *self,
            const char    *path,
            JsonNode      *node,
            GError       **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GHashTable) weak = NULL;
  MarzPlace *place;

  if (obj == NULL)
    return invalid (error, path, NULL, _("not an object"));
  place = g_new0 (MarzPlace, 1);
  place->spellings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->places, place);
  place->id = dup_member (obj, "id");
  kind = dup_member (obj, "kind");
  if (place->id == NULL || g_hash_table_contains (self->by_id, place->id))
    return invalid (error, path, place->id, _("missing or duplicate id"));
  g_hash_table_insert (self->by_id, place->id, place);
  if (!get_kind (kind, &place->kind))
    return invalid (error, path, place->id, _("unknown kind"));
  if (!get_coordinate (obj, "lat", 90, &place->lat) || !get_coordinate (obj, "lon", 180, &place->lon))
    return invalid (error, path, place->id, _("missing or invalid lat/lon"));
  if (!read_names (place, obj))
    return invalid (error, path, place->id, _("no English name"));
  place->parent_id = dup_member (obj, "parent");
  place->country = dup_member (obj, "country");
  if (json_object_has_member (obj, "geonames_id") && !json_object_get_null_member (obj, "geonames_id"))
    place->geonames_id = json_object_get_int_member (obj, "geonames_id");

  weak = weak_set (obj);
  add_names (self, obj, "names", place, weak);
  add_names (self, obj, "variants", place, weak);
  return TRUE;
}

static gboolean
link_parents (MarzGazetteer *self,
              const char    *path,
              GError       **error)
{
  for (guint i = 0; i < self->places->len; i++)
    {
      MarzPlace *place = g_ptr_array_index (self->places, i);
      if (place->parent_id == NULL)
        continue;
      place->parent = g_hash_table_lookup (self->by_id, place->parent_id);
      if (place->parent == NULL)
        return invalid (error, path, place->id, _("its parent does not exist"));
    }
  return TRUE;
}

static gboolean
load (MarzGazetteer *self,
      const char    *path,
      GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *places;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "places")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "places")))
    {
      g_set_error (error, MARZ_GAZETTEER_ERROR, MARZ_GAZETTEER_ERROR_INVALID,
                   _("%s: not a gazetteer (no “places” array)"), path);
      return FALSE;
    }
  places = json_object_get_array_member (json_node_get_object (root), "places");
  for (guint i = 0; i < json_array_get_length (places); i++)
    if (!read_place (self, path, json_array_get_element (places, i), error))
      return FALSE;
  return link_parents (self, path, error);
}

static void
marz_gazetteer_finalize (GObject *object)
{
  MarzGazetteer *self = (MarzGazetteer *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->names, marz_lexicon_unref);
  g_clear_pointer (&self->weak_names, marz_lexicon_unref);
  g_clear_pointer (&self->cues, marz_lexicon_unref);

  G_OBJECT_CLASS (marz_gazetteer_parent_class)->finalize (object);
}

static void
marz_gazetteer_class_init (MarzGazetteerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = marz_gazetteer_finalize;
}

static void
marz_gazetteer_init (MarzGazetteer *self)
{
  self->places = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->names = marz_lexicon_new (MARZ_LEXICON_CLITICS | MARZ_LEXICON_GLUED);
  self->weak_names = marz_lexicon_new (MARZ_LEXICON_CLITICS);
  self->cues = marz_lexicon_new (MARZ_LEXICON_EXACT);
  for (guint i = 0; place_cues[i]; i++)
    marz_lexicon_add (self->cues, place_cues[i], (gpointer) place_cues[i]);
}

MarzGazetteer *
marz_gazetteer_new_from_file (const char  *path,
                              GError     **error)
{
  g_autoptr(MarzGazetteer) self = g_object_new (MARZ_TYPE_GAZETTEER, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  if (!load (self, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * marz_find_data_file:
 * @name: a file name under data/
 *
 * Looks in $MARZ_DATADIR, the installed data dir, then the source tree, so
 * that an uninstalled build and its tests find the same data.
 *
 * Returns: (transfer full): the path (which may not exist)
 */
char *
marz_find_data_file (const char *name)
{
  const char *dirs[] = { g_getenv ("MARZ_DATADIR"), MARZ_PKGDATADIR, MARZ_SOURCE_DATADIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = dirs[i] ? g_build_filename (dirs[i], name, NULL) : NULL;
      if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return g_build_filename (MARZ_PKGDATADIR, name, NULL);
}

MarzGazetteer *
marz_gazetteer_new_default (GError **error)
{
  g_autofree char *path = marz_find_data_file ("gazetteer.json");
  return marz_gazetteer_new_from_file (path, error);
}

MarzPlace *
marz_gazetteer_lookup (MarzGazetteer *self,
                       const char    *id)
{
  g_return_val_if_fail (MARZ_IS_GAZETTEER (self), NULL);
  return id ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/**
 * marz_gazetteer_get_places:
 *
 * Returns: (transfer none) (element-type MarzPlace): every place
 */
GPtrArray *
marz_gazetteer_get_places (MarzGazetteer *self)
{
  g_return_val_if_fail (MARZ_IS_GAZETTEER (self), NULL);
  return self->places;
}

static gboolean
follows_cue (MarzGazetteer *self,
             const char    *text,
             const GArray  *tokens,
             guint          index)
{
  MarzLexiconMatch cue;

  for (guint back = 1; back <= 2 && back <= index; back++)
    if (marz_lexicon_match_at (self->cues, text, tokens, index - back, &cue)
        && cue.token + cue.n_tokens == index)
      return TRUE;
  return FALSE;
}

static void
add_mention (GArray           *out,
             MarzLexiconMatch *m)
{
  MarzPlaceMention mention = { m->start, m->end, m->token, m->n_tokens, m->values };
  g_array_append_val (out, mention);
}

/**
 * marz_gazetteer_scan:
 *
 * Returns: (transfer full) (element-type MarzPlaceMention): the places named
 *   in @normalized, in order
 */
GArray *
marz_gazetteer_scan (MarzGazetteer *self,
                     const char    *normalized,
                     const GArray  *tokens)
{
  g_autoptr(GArray) strong = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (MarzPlaceMention));
  guint next = 0;

  g_return_val_if_fail (MARZ_IS_GAZETTEER (self), out);

  strong = marz_lexicon_scan (self->names, normalized, tokens);
  for (guint i = 0; i < strong->len; i++)
    {
      MarzLexiconMatch *m = &g_array_index (strong, MarzLexiconMatch, i);
      MarzLexiconMatch weak;

      /* Weak names in the gap before this strong one. */
      for (; next < m->token; next++)
        if (marz_lexicon_match_at (self->weak_names, normalized, tokens, next, &weak)
            && weak.token + weak.n_tokens <= m->token
            && follows_cue (self, normalized, tokens, next))
          add_mention (out, &weak);
      add_mention (out, m);
      next = MAX (next, m->token + m->n_tokens);
    }
  for (; next < tokens->len; next++)
    {
      MarzLexiconMatch weak;
      if (marz_lexicon_match_at (self->weak_names, normalized, tokens, next, &weak)
          && follows_cue (self, normalized, tokens, next))
        add_mention (out, &weak);
    }
  return out;
}

gboolean
marz_place_is_within (const MarzPlace *place,
                      const MarzPlace *ancestor)
{
  for (const MarzPlace *p = place; p; p = p->parent)
    if (p == ancestor)
      return TRUE;
  return FALSE;
}

const char *
marz_place_kind_to_string (MarzPlaceKind kind)
{
  g_return_val_if_fail (kind <= MARZ_PLACE_BORDER, "unknown");
  return kind_names[kind];
}

/**
 * marz_place_get_name:
 * @language: "en", "ar", "fa" or "ps"
 *
 * Returns: the name in @language, falling back to English
 */
const char *
marz_place_get_name (const MarzPlace *place,
                     const char      *language)
{
  const char *name = NULL;

  if (g_strcmp0 (language, "ar") == 0)
    name = place->name_ar;
  else if (g_strcmp0 (language, "fa") == 0)
    name = place->name_fa;
  else if (g_strcmp0 (language, "ps") == 0)
    name = place->name_ps;
  return name ? name : place->name_en;
}
