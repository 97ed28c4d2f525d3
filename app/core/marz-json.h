/* marz-json.h: the JSON that marz-cli and exports print */
#pragma once

#include <json-glib/json-glib.h>

#include "marz-store.h"

G_BEGIN_DECLS

JsonNode *marz_json_incidents (GPtrArray *incidents);
JsonNode *marz_json_articles  (GPtrArray *articles);
JsonNode *marz_json_article   (const MarzArticleInfo *article);
JsonNode *marz_json_search    (GPtrArray *hits);
char     *marz_json_to_string (JsonNode  *node,
                               gboolean   pretty);

G_END_DECLS
