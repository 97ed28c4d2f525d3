/* marz-stories.c
 *
 * Each article is reduced to what can join it to another: the incidents
 * the store says it reports, its events (a place named in a sentence with
 * a day), and the actors it names.  Two articles are linked by an incident
 * in common, or by an event in common (the same place, days at most
 * EVENT_DAYS apart) together with MIN_ACTORS actors in common: a place and
 * a date alone are often background («the strikes on Kabul on 9 October»).
 * Actors are the specific ones: a side of the conflict («طالبان», the
 * Pakistani army; "side" in the glossary) is named by nearly every article
 * and joins nothing.
 *
 * Only articles that share an incident or an event's place can be linked,
 * so each article is compared with those an inverted index (incident id,
 * place) gives for it, not with every other article.
 */
#define G_LOG_DOMAIN "marz-stories"

#include "marz-stories.h"

#include <stdio.h>
#include <string.h>

#define EVENT_DAYS 3
#define MIN_ACTORS 2

/* An article without a date leaves «19 أكتوبر» without a year: such a day
 * is compared by month and day alone, counted in a leap year. */
typedef struct
{
  const char *place;   /* interned key */
  guint32     day;     /* Julian day, 0 when the year is unknown */
  guint32     in_year; /* Julian day of the same month and day in 2024 */
} Event;

typedef struct
{
  MarzArticleInfo *info;
  GHashTable      *incidents;   /* incident id (gint64 *) */
  GArray          *events;      /* Event */
  GHashTable      *actors;      /* interned keys */
} Profile;

static void
profile_free (Profile *p)
{
  g_clear_pointer (&p->info, marz_article_info_free);
  g_clear_pointer (&p->incidents, g_hash_table_unref);
  g_clear_pointer (&p->events, g_array_unref);
  g_clear_pointer (&p->actors, g_hash_table_unref);
  g_free (p);
}

void
marz_story_free (MarzStory *story)
{
  if (story == NULL)
    return;
  g_free (story->id);
  g_clear_pointer (&story->articles, g_ptr_array_unref);
  g_clear_pointer (&story->languages, g_ptr_array_unref);
  g_clear_pointer (&story->shared, g_ptr_array_unref);
  g_free (story);
}

static GDate *
reference_of (const MarzArticleInfo *info)
{
  int y = 0, m = 0, d = 0;

  if (info->date == NULL || sscanf (info->date, "%d-%d-%d", &y, &m, &d) < 2
      || !g_date_valid_dmy (MAX (d, 1), m, y))
    return NULL;
  if (d == 0)
    d = g_date_get_days_in_month (m, y);
  return g_date_new_dmy (d, m, y);
}

static void
read_sentence (Profile                    *p,
               const MarzAnchoredSentence *s)
{
  Event days[8];
  guint n_days = 0;

  for (guint i = 0; i < s->anchors->len; i++)
    {
      const MarzAnchor *a = &g_array_index (s->anchors, MarzAnchor, i);
      if (a->kind == MARZ_ANCHOR_DATE && a->precision == MARZ_DATE_PRECISION_DAY
          && n_days < G_N_ELEMENTS (days) && g_date_valid_dmy (a->day, a->month, 2024))
        {
          g_autoptr(GDate) in_year = g_date_new_dmy (a->day, a->month, 2024);
          days[n_days].day = 0;
          if (a->year > 0 && g_date_valid_dmy (a->day, a->month, a->year))
            {
              g_autoptr(GDate) date = g_date_new_dmy (a->day, a->month, a->year);
              days[n_days].day = g_date_get_julian (date);
            }
          days[n_days++].in_year = g_date_get_julian (in_year);
        }
      else if (a->kind == MARZ_ANCHOR_CONCEPT && a->concept->kind == MARZ_CONCEPT_ACTOR && !a->concept->side)
        g_hash_table_add (p->actors, (gpointer) a->key);
    }
  for (guint i = 0; i < s->anchors->len; i++)
    {
      const MarzAnchor *a = &g_array_index (s->anchors, MarzAnchor, i);
      if (a->kind != MARZ_ANCHOR_PLACE || a->contained || a->place->kind == MARZ_PLACE_COUNTRY)
        continue;
      for (guint d = 0; d < n_days; d++)
        {
          Event e = { a->key, days[d].day, days[d].in_year };
          g_array_append_val (p->events, e);
        }
    }
}

static Profile *
read_profile (MarzStore        *store,
              MarzAnchorFinder *finder,
              const char       *name,
              GError          **error)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GDate) reference = NULL;
  Profile *p = g_new0 (Profile, 1);
  const char *body;

  p->incidents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  p->events = g_array_new (FALSE, FALSE, sizeof (Event));
  p->actors = g_hash_table_new (NULL, NULL);
  if ((p->info = marz_store_get_article (store, name, error)) == NULL
      || (incidents = marz_store_query_article_incidents (store, name, error)) == NULL)
    {
      profile_free (p);
      return NULL;
    }
  for (guint i = 0; i < incidents->len; i++)
    g_hash_table_add (p->incidents, g_memdup2 (&((MarzIncident *) g_ptr_array_index (incidents, i))->id,
                                               sizeof (gint64)));
  reference = reference_of (p->info);
  body = g_utf8_offset_to_pointer (p->info->text, p->info->body_start);
  sentences = marz_anchor_finder_scan (finder, p->info->text, strlen (p->info->text),
                                       body - p->info->text, reference);
  for (guint i = 0; i < sentences->len; i++)
    read_sentence (p, g_ptr_array_index (sentences, i));
  g_clear_pointer (&p->info->text, g_free);   /* a story lists articles, not texts */
  return p;
}

/* What joins @x and @y, for people, or NULL when nothing does. */
static char *
link_reason (const Profile *x,
             const Profile *y)
{
  GHashTableIter iter;
  gpointer key;
  guint actors = 0;

  g_hash_table_iter_init (&iter, x->incidents);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (y->incidents, key))
      return g_strdup_printf ("incident %" G_GINT64_FORMAT, *(gint64 *) key);

  g_hash_table_iter_init (&iter, x->actors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    actors += g_hash_table_contains (y->actors, key);
  if (actors < MIN_ACTORS)
    return NULL;
  for (guint i = 0; i < x->events->len; i++)
    for (guint j = 0; j < y->events->len; j++)
      {
        const Event *a = &g_array_index (x->events, Event, i), *b = &g_array_index (y->events, Event, j);
        gint64 apart = a->day && b->day ? (gint64) a->day - b->day : (gint64) a->in_year - b->in_year;
        if (a->place == b->place && ABS (apart) <= EVENT_DAYS)
          {
            g_autoptr(GDate) date = g_date_new_julian (a->day ? a->day : b->day ? b->day : a->in_year);
            char text[16];
            g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
            return g_strdup_printf ("%s %s", a->place, text);
          }
      }
  return NULL;
}

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

static gint
compare_profiles (gconstpointer a,
                  gconstpointer b)
{
  const MarzArticleInfo *x = (*(Profile **) a)->info, *y = (*(Profile **) b)->info;
  int c = g_strcmp0 (x->date, y->date);
  return c ? c : g_strcmp0 (x->name, y->name);
}

static gint
compare_stories (gconstpointer a,
                 gconstpointer b)
{
  const MarzStory *x = *(MarzStory **) a, *y = *(MarzStory **) b;

  if (x->articles->len != y->articles->len)
    return x->articles->len < y->articles->len ? 1 : -1;
  return g_strcmp0 (x->id, y->id);
}

static void
add_unique (GPtrArray  *list,
            const char *text)
{
  if (!g_ptr_array_find_with_equal_func (list, text, g_str_equal, NULL))
    g_ptr_array_add (list, g_strdup (text));
}

static MarzStory *
story_for (GHashTable *by_root,
           GPtrArray  *stories,
           guint       root)
{
  MarzStory *story = g_hash_table_lookup (by_root, GUINT_TO_POINTER (root + 1));

  if (story == NULL)
    {
      story = g_new0 (MarzStory, 1);
      story->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_article_info_free);
      story->languages = g_ptr_array_new_with_free_func (g_free);
      story->shared = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (by_root, GUINT_TO_POINTER (root + 1), story);
      g_ptr_array_add (stories, story);
    }
  return story;
}

/* Which articles hold each incident and each event's place. */
typedef struct
{
  GHashTable *by_incident;   /* gint64 * (borrowed from the profiles) → GArray of guint */
  GHashTable *by_place;      /* interned key → GArray of guint */
} Index;

static void
index_free (Index *index)
{
  g_hash_table_unref (index->by_incident);
  g_hash_table_unref (index->by_place);
  g_free (index);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Index, index_free)

static void
post (GHashTable *table,
      gpointer    key,
      guint       i)
{
  GArray *list = g_hash_table_lookup (table, key);

  if (list == NULL)
    g_hash_table_insert (table, key, (list = g_array_new (FALSE, FALSE, sizeof (guint))));
  /* profiles are posted in order: a repeat can only be the last one */
  if (list->len == 0 || g_array_index (list, guint, list->len - 1) != i)
    g_array_append_val (list, i);
}

static Index *
index_profiles (GPtrArray *profiles)
{
  Index *index = g_new0 (Index, 1);

  index->by_incident = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_array_unref);
  index->by_place = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < profiles->len; i++)
    {
      const Profile *p = g_ptr_array_index (profiles, i);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, p->incidents);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        post (index->by_incident, key, i);
      for (guint e = 0; e < p->events->len; e++)
        post (index->by_place, (gpointer) g_array_index (p->events, Event, e).place, i);
    }
  return index;
}

static void
add_later (GHashTable   *seen,
           GArray       *out,
           const GArray *list,
           guint         i)
{
  for (guint k = 0; list && k < list->len; k++)
    {
      guint j = g_array_index (list, guint, k);
      if (j > i && g_hash_table_add (seen, GUINT_TO_POINTER (j + 1)))
        g_array_append_val (out, j);
    }
}

static gint
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* The profiles after @i that share an incident or a place with it, in order. */
static GArray *
find_candidates (Index     *index,
                 GPtrArray *profiles,
                 guint      i)
{
  const Profile *p = g_ptr_array_index (profiles, i);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, p->incidents);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    add_later (seen, out, g_hash_table_lookup (index->by_incident, key), i);
  for (guint e = 0; e < p->events->len; e++)
    add_later (seen, out, g_hash_table_lookup (index->by_place, g_array_index (p->events, Event, e).place), i);
  g_array_sort (out, compare_uints);
  return out;
}

static GPtrArray *
group (GPtrArray *profiles)
{
  guint n = profiles->len;
  g_autofree guint *parent = g_new (guint, n + 1);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_full (n, g_free);
  g_autoptr(GHashTable) by_root = g_hash_table_new (NULL, NULL);
  GPtrArray *stories = g_ptr_array_new_with_free_func ((GDestroyNotify) marz_story_free);
  g_autoptr(Index) index = index_profiles (profiles);

  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (reasons, g_ptr_array_new_with_free_func (g_free));
  g_ptr_array_set_free_func (reasons, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GArray) candidates = find_candidates (index, profiles, i);

      for (guint k = 0; k < candidates->len; k++)
        {
          guint j = g_array_index (candidates, guint, k);
          char *why = link_reason (g_ptr_array_index (profiles, i), g_ptr_array_index (profiles, j));
          if (why == NULL)
            continue;
          parent[find_root (parent, i)] = find_root (parent, j);
          g_ptr_array_add (g_ptr_array_index (reasons, i), why);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      Profile *p = g_ptr_array_index (profiles, i);
      MarzStory *story = story_for (by_root, stories, find_root (parent, i));
      GPtrArray *why = g_ptr_array_index (reasons, i);

      if (story->id == NULL)
        story->id = g_strdup (p->info->name);
      add_unique (story->languages, p->info->variety && g_str_equal (p->info->variety, "fa-AF")
                                    ? p->info->variety : p->info->language);
      for (guint k = 0; k < why->len; k++)
        add_unique (story->shared, g_ptr_array_index (why, k));
      g_ptr_array_add (story->articles, g_steal_pointer (&p->info));
    }
  g_ptr_array_sort (stories, compare_stories);
  return stories;
}

/**
 * marz_stories_build:
 *
 * Returns: (transfer full) (element-type MarzStory)
 */
GPtrArray *
marz_stories_build (MarzStore        *store,
                    MarzAnchorFinder *finder,
                    GError          **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) profile_free);

  g_return_val_if_fail (MARZ_IS_STORE (store), NULL);
  g_return_val_if_fail (finder != NULL, NULL);

  if ((articles = marz_store_list_articles (store, error)) == NULL)
    return NULL;
  for (guint i = 0; i < articles->len; i++)
    {
      const MarzArticleInfo *info = g_ptr_array_index (articles, i);
      Profile *p = read_profile (store, finder, info->name, error);
      if (p == NULL)
        return NULL;
      g_ptr_array_add (profiles, p);
    }
  g_ptr_array_sort (profiles, compare_profiles);
  return group (profiles);
}

const MarzStory *
marz_stories_find (GPtrArray  *stories,
                   const char *article)
{
  g_return_val_if_fail (stories != NULL && article != NULL, NULL);

  for (guint i = 0; i < stories->len; i++)
    {
      const MarzStory *story = g_ptr_array_index (stories, i);
      for (guint j = 0; j < story->articles->len; j++)
        if (g_strcmp0 (((MarzArticleInfo *) g_ptr_array_index (story->articles, j))->name, article) == 0)
          return story;
    }
  return NULL;
}

GPtrArray *
marz_stories_compare_candidates (GPtrArray  *stories,
                                 const char *article)
{
  const MarzStory *own;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (stories != NULL && article != NULL, out);

  own = marz_stories_find (stories, article);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < stories->len; i++)
      {
        const MarzStory *story = g_ptr_array_index (stories, i);
        if ((story == own) != (pass == 0))
          continue;
        for (guint j = 0; j < story->articles->len; j++)
          {
            const char *name = ((MarzArticleInfo *) g_ptr_array_index (story->articles, j))->name;
            if (g_strcmp0 (name, article) != 0)
              g_ptr_array_add (out, g_strdup (name));
          }
      }
  return out;
}
