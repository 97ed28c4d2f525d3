/* marz-glossary.c
 *
 * Loads data/glossary.json: {"concepts":[{"id","kind","names":{"en","ar",
 * "fa","ps"},"variants":[…],"side"}]}, "side" (optional, false) for an
 * actor that names one side of the conflict.  Every name and variant goes into one
 * lexicon, so the longest spelling wins: «حركة طالبان الباكستانية» is the
 * TTP, not the Taliban followed by an adjective.
 */
#define G_LOG_DOMAIN "marz-glossary"

#include "marz-glossary.h"
#include "marz-gazetteer.h"
#include "marz-lexicon.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

struct _MarzGlossary
{
  GObject      parent_instance;

  /* owned */
  GPtrArray   *concepts;   /* MarzConcept */
  GHashTable  *by_id;      /* id → MarzConcept (borrowed from concepts) */
  MarzLexicon *names;      /* every spelling → MarzConcept */
};

G_DEFINE_TYPE (MarzGlossary, marz_glossary, G_TYPE_OBJECT)
G_DEFINE_QUARK (marz-glossary-error-quark, marz_glossary_error)

static const char * const kind_names[] = { "actor", "term", NULL };

static void
concept_free (MarzConcept *concept)
{
  g_free (concept->id);
  g_free (concept->name_en);
  g_free (concept->name_ar);
  g_free (concept->name_fa);
  g_free (concept->name_ps);
  g_clear_pointer (&concept->spellings, g_ptr_array_unref);
  g_free (concept);
}

static gboolean
invalid (GError    **error,
         const char *path,
         const char *id,
         const char *why)
{
  g_set_error (error, MARZ_GLOSSARY_ERROR, MARZ_GLOSSARY_ERROR_INVALID,
               _("%s: concept “%s”: %s"), path, id ? id : "?", why);
  return FALSE;
}

static char *
dup_string (JsonObject *obj,
            const char *member)
{
  JsonNode *node = obj ? json_object_get_member (obj, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static void
add_spelling (MarzGlossary *self,
              MarzConcept  *concept,
              const char   *spelling)
{
  if (spelling == NULL || *spelling == '\0')
    return;
  g_ptr_array_add (concept->spellings, g_strdup (spelling));
  marz_lexicon_add (self->names, spelling, concept);
}

static gboolean
read_spellings (MarzGlossary *self,
                MarzConcept  *concept,
                JsonObject   *obj)
{
  JsonObject *names = json_object_has_member (obj, "names")
                    ? json_object_get_object_member (obj, "names") : NULL;
  JsonArray *variants = json_object_has_member (obj, "variants")
                      ? json_object_get_array_member (obj, "variants") : NULL;

  concept->name_en = dup_string (names, "en");
  concept->name_ar = dup_string (names, "ar");
  concept->name_fa = dup_string (names, "fa");
  concept->name_ps = dup_string (names, "ps");
  if (concept->name_en == NULL)
    return FALSE;
  /* The English name describes; English variants ("TTP") are matched. */
  add_spelling (self, concept, concept->name_ar);
  add_spelling (self, concept, concept->name_fa);
  add_spelling (self, concept, concept->name_ps);
  for (guint i = 0; variants && i < json_array_get_length (variants); i++)
    add_spelling (self, concept, json_array_get_string_element (variants, i));
  return TRUE;
}

static gboolean
read_concept (MarzGlossary *self,
              const char   *path,
              JsonNode     *node,
              GError      **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autofree char *kind = NULL;
  MarzConcept *concept;
  guint i;

  if (obj == NULL)
    return invalid (error, path, NULL, _("not an object"));
  concept = g_new0 (MarzConcept, 1);
  concept->spellings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->concepts, concept);
  concept->id = dup_string (obj, "id");
  if (concept->id == NULL || g_hash_table_contains (self->by_id, concept->id))
    return invalid (error, path, concept->id, _("missing or duplicate id"));
  g_hash_table_insert (self->by_id, concept->id, concept);

  kind = dup_string (obj, "kind");
  for (i = 0; kind_names[i] && g_strcmp0 (kind, kind_names[i]) != 0; i++)
    ;
  if (kind_names[i] == NULL)
    return invalid (error, path, concept->id, _("unknown kind"));
  concept->kind = i;
  if (json_object_has_member (obj, "side"))
    {
      JsonNode *side = json_object_get_member (obj, "side");
      if (!JSON_NODE_HOLDS_VALUE (side) || json_node_get_value_type (side) != G_TYPE_BOOLEAN)
        return invalid (error, path, concept->id, _("“side” is not true or false"));
      concept->side = json_node_get_boolean (side);
    }
  if (!read_spellings (self, concept, obj))
    return invalid (error, path, concept->id, _("no English name"));
  return TRUE;
}

static gboolean
load (MarzGlossary *self,
      const char   *path,
      GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *concepts;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "concepts")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "concepts")))
    {
      g_set_error (error, MARZ_GLOSSARY_ERROR, MARZ_GLOSSARY_ERROR_INVALID,
                   _("%s: not a glossary (no “concepts” array)"), path);
      return FALSE;
    }
  concepts = json_object_get_array_member (json_node_get_object (root), "concepts");
  for (guint i = 0; i < json_array_get_length (concepts); i++)
    if (!read_concept (self, path, json_array_get_element (concepts, i), error))
      return FALSE;
  return TRUE;
}

static void
marz_glossary_finalize (GObject *object)
{
  MarzGlossary *self = (MarzGlossary *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->concepts, g_ptr_array_unref);
  g_clear_pointer (&self->names, marz_lexicon_unref);

  G_OBJECT_CLASS (marz_glossary_parent_class)->finalize (object);
}

static void
marz_glossary_class_init (MarzGlossaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = marz_glossary_finalize;
}

static void
marz_glossary_init (MarzGlossary *self)
{
  self->concepts = g_ptr_array_new_with_free_func ((GDestroyNotify) concept_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->names = marz_lexicon_new (MARZ_LEXICON_CLITICS | MARZ_LEXICON_SUFFIXES);
}

MarzGlossary *
marz_glossary_new_from_file (const char  *path,
                             GError     **error)
{
  g_autoptr(MarzGlossary) self = g_object_new (MARZ_TYPE_GLOSSARY, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  if (!load (self, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

MarzGlossary *
marz_glossary_new_default (GError **error)
{
  g_autofree char *path = marz_find_data_file ("glossary.json");
  return marz_glossary_new_from_file (path, error);
}

const MarzConcept *
marz_glossary_lookup (MarzGlossary *self,
                      const char   *id)
{
  g_return_val_if_fail (MARZ_IS_GLOSSARY (self), NULL);
  return id ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/**
 * marz_glossary_get_concepts:
 *
 * Returns: (transfer none) (element-type MarzConcept): every concept
 */
GPtrArray *
marz_glossary_get_concepts (MarzGlossary *self)
{
  g_return_val_if_fail (MARZ_IS_GLOSSARY (self), NULL);
  return self->concepts;
}

GArray *
marz_glossary_scan (MarzGlossary *self,
                    const char   *normalized,
                    const GArray *tokens)
{
  g_autoptr(GArray) matches = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (MarzConceptMention));

  g_return_val_if_fail (MARZ_IS_GLOSSARY (self), out);
  g_return_val_if_fail (normalized != NULL && tokens != NULL, out);

  matches = marz_lexicon_scan (self->names, normalized, tokens);
  for (guint i = 0; i < matches->len; i++)
    {
      const MarzLexiconMatch *m = &g_array_index (matches, MarzLexiconMatch, i);
      MarzConceptMention mention = {
        m->start, m->end, m->token, m->n_tokens, g_ptr_array_index (m->values, 0)
      };
      g_array_append_val (out, mention);
    }
  return out;
}

const char *
marz_concept_get_name (const MarzConcept *concept,
                       const char        *language)
{
  const char *name = NULL;

  g_return_val_if_fail (concept != NULL, NULL);

  if (g_strcmp0 (language, "ar") == 0)
    name = concept->name_ar;
  else if (g_strcmp0 (language, "fa") == 0)
    name = concept->name_fa;
  else if (g_strcmp0 (language, "ps") == 0)
    name = concept->name_ps;
  return name ? name : concept->name_en;
}

const char *
marz_concept_kind_to_string (MarzConceptKind kind)
{
  g_return_val_if_fail (kind <= MARZ_CONCEPT_TERM, NULL);
  return kind_names[kind];
}
