/* marz-stories.h: articles that report the same events, grouped
 *
 * Two articles belong to one story when they report an incident in common
 * (the store's reports), or name enough of the same places on dates within
 * a few days of each other and the same specific actors.  Stories are the
 * connected groups of that relation (union-find), so a story can hold
 * articles in several languages that share nothing directly.
 */
#pragma once

#include <gio/gio.h>

#include "marz-anchors.h"
#include "marz-store.h"

G_BEGIN_DECLS

typedef struct
{
  char      *id;          /* stable: the name of its first article */
  GPtrArray *articles;    /* MarzArticleInfo (owned, without text), by date then name */
  GPtrArray *languages;   /* char *: distinct codes, "ar", "fa-AF", … in article order */
  GPtrArray *shared;      /* char *: what joins them, for people: "incident 12",
                           * "place:kabul 2025-10-09", "concept:ttp" */
} MarzStory;

/* @finder reads the articles' places, dates and actors.
 * Returns: (element-type MarzStory) (transfer full): largest first, then by id;
 *   an article that shares nothing is a story of its own */
GPtrArray       *marz_stories_build             (MarzStore        *store,
                                                 MarzAnchorFinder *finder,
                                                 GError          **error);
/* The story holding @article, or NULL. (transfer none) */
const MarzStory *marz_stories_find              (GPtrArray        *stories,
                                                 const char       *article);
/* What «Compare with…» offers for @article: the other articles of its
 * story first, then every other article.
 * Returns: (element-type utf8) (transfer full) */
GPtrArray       *marz_stories_compare_candidates (GPtrArray       *stories,
                                                  const char      *article);
void             marz_story_free                (MarzStory        *story);

G_END_DECLS
