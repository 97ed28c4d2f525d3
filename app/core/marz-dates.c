/* marz-dates.c
 *
 * A small grammar over tokens, one expression at a time, left to right:
 *
 *   [يوم|روز|ليلة|شب …] weekday [الماضي|المقبل] [، الموافق] [date]
 *   [يوم|روز …] relative                      «أمس», «روز گذشته»
 *   [يوم|روز …] date                          below
 *   [ماه|شهر] month [ماه] [الماضي|year]       «في أكتوبر», «مهرماه»
 *   [عام|سال] year [era]                      «عام 2021», «سال ۱۴۰۰»
 *
 *   date := day [و|تا day] [من] month [year [era]]   «۱۵ و ۱۶ آبان»
 *         | day [من] this-month                    «التاسع من الشهر الجاري»
 *         | Y/M/D | D/M/Y                          «۱۴۰۴/۰۸/۱۷»
 *
 * Words come from two lexicons (see marz-date-names.c); a word only counts
 * when the longest phrase at its token has the kind asked for, so «روز
 * گذشته» is «yesterday», never «day» + «past».  The parts of an expression
 * must follow each other with nothing but spaces between them (a comma or a
 * bracket where noted): a date never runs across a sentence.
 */
#define G_LOG_DOMAIN "marz-dates"

#include "marz-dates.h"
#include "marz-dates-private.h"

#include <string.h>

struct _MarzDateFinder
{
  gatomicrefcount ref_count;

  /* owned, immutable after new(): lookups are read-only, so threads share them */
  MarzLexicon    *arabic;
  MarzLexicon    *persian;
};

typedef struct
{
  const MarzDateFinder *finder;
  const char           *text;
  const GArray         *tokens;

  /* Every token is asked for a dozen kinds of word: what each lexicon
   * matches there is looked up once.  Two slots per token, one per lexicon;
   * state 0: not looked up yet, 1: no match, 2: @matches holds it. */
  MarzLexiconMatch     *matches;
  guint8               *state;
} Scan;

/* A month name with what was written around it. */
typedef struct
{
  const DateWord *word;
  guint           next;
  guint32         end;
  gboolean        noun;                 /* «ماه»/«شهر» attached: «مهرماه» */
} Month;

/* ---- tokens ---- */

static const MarzToken *
token (const Scan *s,
       guint       i)
{
  return &g_array_index (s->tokens, MarzToken, i);
}

/* Whether only spaces, and characters of @extra, separate tokens i − 1 and i. */
static gboolean
gap_only (const Scan *s,
          guint       i,
          const char *extra)
{
  const char *p, *end;

  if (i == 0 || i >= s->tokens->len)
    return FALSE;
  p = s->text + token (s, i - 1)->end;
  end = s->text + token (s, i)->start;
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != ' ' && c != '\t' && (c == 0 || g_utf8_strchr (extra, -1, c) == NULL))
        return FALSE;
    }
  return TRUE;
}

/* The one character between tokens i − 1 and i, or 0. */
static gunichar
gap_char (const Scan *s,
          guint       i)
{
  const char *p, *end;

  if (i == 0 || i >= s->tokens->len)
    return 0;
  p = s->text + token (s, i - 1)->end;
  end = s->text + token (s, i)->start;
  if (p >= end || g_utf8_next_char (p) != end)
    return 0;
  return g_utf8_get_char (p);
}

/* The value of number token @i if it has at most @max_digits ASCII digits,
 * else −1.  Normalization has already turned Arabic and Persian digits to
 * ASCII; other scripts' digits are not dates. */
static int
number_at (const Scan *s,
           guint       i,
           guint       max_digits)
{
  const MarzToken *t;
  int value = 0;

  if (i >= s->tokens->len)
    return -1;
  t = token (s, i);
  if (t->kind != MARZ_TOKEN_NUMBER || t->end - t->start > max_digits)
    return -1;
  for (guint32 p = t->start; p < t->end; p++)
    {
      if (!g_ascii_isdigit (s->text[p]))
        return -1;
      value = value * 10 + (s->text[p] - '0');
    }
  return value;
}

static guint
digits_at (const Scan *s,
           guint       i)
{
  return token (s, i)->end - token (s, i)->start;
}

/* Whether token @i is glued to the number before it: «2,021», «1.2021». */
static gboolean
joined (const Scan *s,
        guint       i)
{
  gunichar c = gap_char (s, i);

  return c != 0 && c < 0x80 && strchr (".,:/", c) != NULL
         && token (s, i - 1)->kind == MARZ_TOKEN_NUMBER
         && token (s, i)->kind == MARZ_TOKEN_NUMBER;
}

/* The number at @i is a piece of a larger one. */
static gboolean
number_continues (const Scan *s,
                  guint       i)
{
  return joined (s, i) || joined (s, i + 1);
}

/* ---- words ---- */

static const DateWord *
find_kind (const GPtrArray *values,
           DateWordKind     kind)
{
  for (guint v = 0; v < values->len; v++)
    {
      const DateWord *w = g_ptr_array_index (values, v);
      if (w->kind == kind)
        return w;
    }
  return NULL;
}

static const MarzLexiconMatch *
lexicon_match (const Scan *s,
               guint       i,
               guint       l)
{
  MarzLexicon *lexicon = l == 0 ? s->finder->arabic : s->finder->persian;
  guint slot = 2 * i + l;

  if (s->state[slot] == 0)
    s->state[slot] = marz_lexicon_match_at (lexicon, s->text, s->tokens, i, &s->matches[slot])
                     ? 2 : 1;
  return s->state[slot] == 2 ? &s->matches[slot] : NULL;
}

/* The word of @kind at token @i: the longest phrase there, in either
 * lexicon, must be one. */
static const DateWord *
word_at (const Scan       *s,
         guint             i,
         DateWordKind      kind,
         MarzLexiconMatch *match)
{
  const MarzLexiconMatch *found[2];
  const DateWord *best = NULL;
  guint longest = 0;

  if (i >= s->tokens->len)
    return NULL;
  for (guint l = 0; l < 2; l++)
    if ((found[l] = lexicon_match (s, i, l)) != NULL)
      longest = MAX (longest, found[l]->n_tokens);
  for (guint l = 0; l < 2 && best == NULL; l++)
    if (found[l] != NULL && found[l]->n_tokens == longest
        && (best = find_kind (found[l]->values, kind)) != NULL)
      *match = *found[l];
  return best;
}

/* A word of @kind at token @i, right after the previous token. */
static gboolean
next_word (const Scan      *s,
           guint            i,
           DateWordKind     kind,
           const DateWord **word,
           guint           *next,
           guint32         *end)
{
  MarzLexiconMatch m;
  const DateWord *w;

  if (!gap_only (s, i, "") || (w = word_at (s, i, kind, &m)) == NULL)
    return FALSE;
  if (word)
    *word = w;
  *next = i + m.n_tokens;
  *end = m.end;
  return TRUE;
}

static void
take (DateExpr *e,
      guint     next,
      guint32   end)
{
  e->next = next;
  e->end = end;
}

/* ---- years and months ---- */

/* The 4-digit year at @i in @calendar, unless it counts something. */
static int
year_at (const Scan   *s,
         guint         i,
         DateCalendar  calendar)
{
  MarzLexiconMatch m;
  int year = number_at (s, i, 4);

  if (year < 0 || digits_at (s, i) != 4 || !_marz_date_year_fits (calendar, year)
      || number_continues (s, i))
    return 0;
  if (gap_only (s, i + 1, "") && word_at (s, i + 1, DATE_WORD_UNIT, &m))
    return 0;
  return year;
}

/* «هـ.ش» after a year: taken when it agrees with the calendar.  Returns
 * FALSE for a year of another calendar: «1447 هـ» is Lunar Hijri. */
static gboolean
take_era (const Scan   *s,
          DateCalendar  calendar,
          DateExpr     *e)
{
  const DateWord *era;
  guint next;
  guint32 end;

  if (!next_word (s, e->next, DATE_WORD_ERA, &era, &next, &end))
    return TRUE;
  if (!_marz_date_era_fits (calendar, era->value))
    return FALSE;
  take (e, next, end);
  return TRUE;
}

/* [عام|سال] year [era] at @i, after a month: «آبان ۱۴۰۴», «أكتوبر 2025م». */
static gboolean
take_year (const Scan   *s,
           guint         i,
           DateCalendar  calendar,
           DateExpr     *e)
{
  DateExpr tried = *e;
  guint next;
  guint32 end;
  int year;

  if (!gap_only (s, i, ""))
    return FALSE;
  if (next_word (s, i, DATE_WORD_YEAR_NOUN, NULL, &next, &end))
    i = next;
  if ((year = year_at (s, i, calendar)) == 0 || !gap_only (s, i, ""))
    return FALSE;
  tried.year = year;
  take (&tried, i + 1, token (s, i)->end);
  if (!take_era (s, calendar, &tried))
    return FALSE;
  *e = tried;
  return TRUE;
}

static gboolean
has_month_noun (const Scan             *s,
                const MarzLexiconMatch *m)
{
  /* Only the «X ماه» phrases contain it: no month name does. */
  return g_strstr_len (s->text + m->key_start, m->end - m->key_start, "ماه") != NULL;
}

/* «تشرين الأول/أكتوبر», «أكتوبر (تشرين الأول)»: one month, written twice. */
static void
take_doubled (const Scan *s,
              Month      *month)
{
  MarzLexiconMatch m;
  const DateWord *again;

  if (!gap_only (s, month->next, "/(") || gap_only (s, month->next, ""))
    return;
  again = word_at (s, month->next, DATE_WORD_MONTH, &m);
  if (again == NULL || again->value != month->word->value
      || again->calendar != month->word->calendar)
    return;
  /* «مارس/آذار»: the unambiguous name vouches for the other. */
  if (again->strength < month->word->strength)
    month->word = again;
  month->next += m.n_tokens;
  month->end = m.end;
}

static gboolean
parse_month (const Scan *s,
             guint       i,
             Month      *month)
{
  MarzLexiconMatch m;

  if ((month->word = word_at (s, i, DATE_WORD_MONTH, &m)) == NULL)
    return FALSE;
  month->next = i + m.n_tokens;
  month->end = m.end;
  month->noun = month->word->calendar == DATE_CALENDAR_JALALI && has_month_noun (s, &m);
  take_doubled (s, month);
  return TRUE;
}

/* Many month names are also common words (see marz-date-names.c). */
static gboolean
month_counts (const Month *month,
              gboolean     day,
              gboolean     day_cued,
              gboolean     year,
              gboolean     cued)
{
  if (year || month->noun)
    return TRUE;
  switch ((DateNameStrength) month->word->strength)
    {
    case DATE_NAME_STRONG:
      return day || cued;
    case DATE_NAME_WEAK:
      return day;
    case DATE_NAME_VERY_WEAK:
    default:
      return day && day_cued;
    }
}

static void
set_month (DateExpr    *e,
           const Month *month)
{
  e->kind = MARZ_DATE_MENTION_ABSOLUTE;
  e->calendar = month->word->calendar;
  e->month = month->word->value;
  take (e, month->next, month->end);
}

/* ---- dates ---- */

static gboolean
is_separator (gunichar c)
{
  return c == '/' || c == '-' || c == '.' || c == 0x060D;  /* Arabic date separator */
}

/* «۱۴۰۴/۰۸/۱۷», «2025-11-08», «17/8/1404»: the year decides the order and
 * the calendar. */
static gboolean
parse_numeric (const Scan *s,
               guint       i,
               DateExpr   *e)
{
  gunichar sep = gap_char (s, i + 1);
  int a = number_at (s, i, 4), b = number_at (s, i + 1, 2), c = number_at (s, i + 2, 4);
  int year;

  if (a < 0 || b < 0 || c < 0 || !is_separator (sep) || gap_char (s, i + 2) != sep
      || joined (s, i) || joined (s, i + 3))
    return FALSE;

  year = digits_at (s, i) == 4 ? a : digits_at (s, i + 2) == 4 ? c : 0;
  if (year == a && digits_at (s, i + 2) > 2)
    return FALSE;
  e->calendar = _marz_date_year_fits (DATE_CALENDAR_JALALI, year) ? DATE_CALENDAR_JALALI
                                                        : DATE_CALENDAR_GREGORIAN;
  if (!_marz_date_year_fits (e->calendar, year) || b < 1 || b > 12)
    return FALSE;

  e->kind = MARZ_DATE_MENTION_ABSOLUTE;
  e->year = year;
  e->month = b;
  e->day = year == a ? c : a;
  take (e, i + 3, token (s, i + 2)->end);
  e->invalid = !take_era (s, e->calendar, e) || !_marz_date_exists (e);
  return TRUE;
}

/* «و ۱۶», «تا ۱۶», «-16» after the first day of a range. */
static guint
skip_range (const Scan *s,
            guint       i)
{
  guint next;
  guint32 end;
  int day;

  if (gap_char (s, i) == '-' && (day = number_at (s, i, 2)) >= 1 && day <= 31)
    return i + 1;
  if (next_word (s, i, DATE_WORD_RANGE, NULL, &next, &end)
      && gap_only (s, next, "") && (day = number_at (s, next, 2)) >= 1 && day <= 31)
    return next + 1;
  return i;
}

/* The day of a date: «۱۵», «۱۵ و ۱۶», «التاسع»; @cued is set when it reads
 * as a day for sure (an ordinal, a range). */
static gboolean
parse_days (const Scan *s,
            guint       i,
            DateExpr   *e,
            guint      *next,
            gboolean   *cued)
{
  MarzLexiconMatch m;
  const DateWord *ordinal;
  int day = number_at (s, i, 2);

  if (day >= 1 && day <= 31 && !number_continues (s, i))
    {
      e->day = day;
      *next = skip_range (s, i + 1);
      *cued = *next > i + 1;
      return TRUE;
    }
  if ((ordinal = word_at (s, i, DATE_WORD_ORDINAL, &m)) != NULL)
    {
      e->day = ordinal->value;
      *next = i + m.n_tokens;
      *cued = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* «التاسع من الشهر الجاري», «نهم این ماه». */
static gboolean
parse_this_month (const Scan *s,
                  guint       i,
                  DateExpr   *e)
{
  guint next;
  guint32 end;

  if (!next_word (s, i, DATE_WORD_THIS_MONTH, NULL, &next, &end))
    return FALSE;
  e->kind = MARZ_DATE_MENTION_RELATIVE;
  e->this_month = TRUE;
  take (e, next, end);
  return TRUE;
}

/* A date that starts with its day; @cued when a «يوم», a weekday or a «في»
 * comes before it. */
static gboolean
parse_date (const Scan *s,
            guint       i,
            DateExpr   *e,
            gboolean    cued)
{
  Month month;
  gboolean day_cued;
  guint k, next;
  guint32 end;

  if (parse_numeric (s, i, e))
    return TRUE;
  if (!parse_days (s, i, e, &k, &day_cued))
    return FALSE;
  if (next_word (s, k, DATE_WORD_OF, NULL, &next, &end))
    k = next;
  if (parse_this_month (s, k, e))
    return TRUE;
  if (!gap_only (s, k, "") || !parse_month (s, k, &month))
    return FALSE;

  set_month (e, &month);
  take_year (s, month.next, e->calendar, e);
  if (!month_counts (&month, TRUE, cued || day_cued, e->year != 0, FALSE))
    return FALSE;
  e->invalid = !_marz_date_exists (e);
  return TRUE;
}

/* ---- weekdays and relative words ---- */

/* «الماضي», «گذشته», «المقبل» after a weekday or a month. */
static void
take_direction (const Scan *s,
                DateExpr   *e)
{
  const DateWord *direction;
  guint next;
  guint32 end;

  if (!next_word (s, e->next, DATE_WORD_DIRECTION, &direction, &next, &end))
    return;
  e->direction = direction->value;
  take (e, next, end);
}

static gboolean
parse_weekday (const Scan *s,
               guint       i,
               DateExpr   *e,
               gboolean    prefixed)
{
  MarzLexiconMatch m;
  const DateWord *weekday;
  guint next;
  guint32 end;
  DateExpr date;

  if ((prefixed && !gap_only (s, i, ""))
      || (weekday = word_at (s, i, DATE_WORD_WEEKDAY, &m)) == NULL)
    return FALSE;
  e->kind = MARZ_DATE_MENTION_WEEKDAY;
  e->weekday = weekday->value;
  take (e, i + m.n_tokens, m.end);
  take_direction (s, e);

  /* «الأربعاء 29 أكتوبر», «چهارشنبه، ۲۶ نوامبر», «الأربعاء الموافق 29 أكتوبر». */
  if (!gap_only (s, e->next, "،,("))
    return TRUE;
  date = *e;
  next = e->next;
  if (next_word (s, next, DATE_WORD_AGREE, NULL, &next, &end) && !gap_only (s, next, ""))
    return TRUE;
  if (parse_date (s, next, &date, TRUE) && date.day != 0 && !date.this_month
      && !date.invalid)
    *e = date;
  return TRUE;
}

static gboolean
parse_relative (const Scan *s,
                guint       i,
                DateExpr   *e,
                gboolean    prefixed)
{
  MarzLexiconMatch m;
  const DateWord *relative;

  if ((prefixed && !gap_only (s, i, ""))
      || (relative = word_at (s, i, DATE_WORD_RELATIVE, &m)) == NULL)
    return FALSE;
  e->kind = MARZ_DATE_MENTION_RELATIVE;
  e->offset = relative->value;
  take (e, i + m.n_tokens, m.end);
  return TRUE;
}

static gboolean
cue_before (const Scan *s,
            guint       i)
{
  MarzLexiconMatch m;

  return i > 0 && gap_only (s, i, "") && word_at (s, i - 1, DATE_WORD_CUE, &m) != NULL
         && m.n_tokens == 1;
}

/* Words that open a date without being one: «يوم», «روز», «ليلة», «صباح يوم». */
static guint
skip_openers (const Scan *s,
              guint       i)
{
  MarzLexiconMatch m;

  for (guint n = 0; n < 3 && i < s->tokens->len; n++)
    {
      if ((n > 0 && !gap_only (s, i, ""))
          || (word_at (s, i, DATE_WORD_DAY, &m) == NULL
              && word_at (s, i, DATE_WORD_PART_OF_DAY, &m) == NULL))
        break;
      i += m.n_tokens;
    }
  return i;
}

static gboolean
parse_day_expression (const Scan *s,
                      guint       i,
                      DateExpr   *e)
{
  guint k = skip_openers (s, i);
  gboolean prefixed = k > i;

  return parse_weekday (s, k, e, prefixed)
         || parse_relative (s, k, e, prefixed)
         || ((!prefixed || gap_only (s, k, ""))
             && parse_date (s, k, e, prefixed || cue_before (s, i)));
}

/* ---- months and years alone ---- */

/* «في أكتوبر», «مهرماه», «ماه مهر», «شهر آب», «أكتوبر الماضي», «آبان ۱۴۰۴». */
static gboolean
parse_month_alone (const Scan *s,
                   guint       i,
                   DateExpr   *e)
{
  MarzLexiconMatch m;
  const DateWord *noun = word_at (s, i, DATE_WORD_MONTH_NOUN, &m);
  gboolean cued = cue_before (s, i);
  guint k = noun != NULL ? i + m.n_tokens : i;
  Month month;

  if ((noun != NULL && !gap_only (s, k, "")) || !parse_month (s, k, &month))
    return FALSE;
  /* «شهر» is the Arabic noun; before a Persian name it is a city: «شهر مهر». */
  if (noun != NULL && noun->value == 1 && month.word->calendar != DATE_CALENDAR_GREGORIAN)
    return FALSE;
  month.noun |= noun != NULL;

  set_month (e, &month);
  take_direction (s, e);
  if (e->direction == 0)
    take_year (s, e->next, e->calendar, e);
  return month_counts (&month, FALSE, FALSE, e->year != 0, cued || e->direction != 0);
}

/* «2021», «عام 2021», «سال ۲۰۲۱»; a Solar Hijri year only after «سال»: a
 * bare number 1300–1499 is far more often a count. */
static gboolean
parse_year_alone (const Scan *s,
                  guint       i,
                  DateExpr   *e)
{
  MarzLexiconMatch m;
  const DateWord *noun = word_at (s, i, DATE_WORD_YEAR_NOUN, &m);
  guint k = noun != NULL ? i + m.n_tokens : i;
  int year;

  if (noun != NULL && !gap_only (s, k, ""))
    return FALSE;
  e->calendar = DATE_CALENDAR_GREGORIAN;
  if ((year = year_at (s, k, e->calendar)) == 0 && noun != NULL && noun->value == 1)
    {
      e->calendar = DATE_CALENDAR_JALALI;
      year = year_at (s, k, e->calendar);
    }
  if (year == 0)
    return FALSE;

  e->kind = MARZ_DATE_MENTION_YEAR;
  e->year = year;
  take (e, k + 1, token (s, k)->end);
  return take_era (s, e->calendar, e);
}

static void
expr_init (DateExpr   *e,
           const Scan *s,
           guint       i)
{
  memset (e, 0, sizeof *e);
  e->start = token (s, i)->start;
  e->next = i;
}

static gboolean
parse_at (const Scan *s,
          guint       i,
          DateExpr   *e)
{
  expr_init (e, s, i);
  if (parse_day_expression (s, i, e))
    return TRUE;
  expr_init (e, s, i);
  if (parse_month_alone (s, i, e))
    return TRUE;
  expr_init (e, s, i);
  return parse_year_alone (s, i, e);
}

/* ---- public API ---- */

MarzDateFinder *
marz_date_finder_new (void)
{
  MarzDateFinder *self = g_new0 (MarzDateFinder, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->arabic = marz_lexicon_new (MARZ_LEXICON_CLITICS);
  self->persian = marz_lexicon_new (MARZ_LEXICON_SUFFIXES);
  _marz_date_names_add (self->arabic, self->persian);
  return self;
}

MarzDateFinder *
marz_date_finder_ref (MarzDateFinder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
marz_date_finder_unref (MarzDateFinder *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  marz_lexicon_unref (self->arabic);
  marz_lexicon_unref (self->persian);
  g_free (self);
}

/**
 * marz_date_finder_scan:
 * @normalized: a normalized text (see marz_normalized_new())
 * @tokens: (element-type MarzToken): its tokens (see marz_tokenize())
 * @reference: (nullable): the publication date, which dates without a year,
 *   weekdays and relative words are resolved against
 *
 * Safe to call from several threads on one finder.
 *
 * Returns: (transfer full) (element-type MarzDateMention): the date
 *   expressions, left to right, not overlapping
 */
GArray *
marz_date_finder_scan (MarzDateFinder *self,
                       const char     *normalized,
                       const GArray   *tokens,
                       const GDate    *reference)
{
  GArray *mentions = g_array_new (FALSE, TRUE, sizeof (MarzDateMention));
  g_autofree MarzLexiconMatch *matches = NULL;
  g_autofree guint8 *state = NULL;
  DateReference ref;
  gboolean has_ref;
  Scan s;

  g_return_val_if_fail (self != NULL, mentions);
  g_return_val_if_fail (normalized != NULL, mentions);
  g_return_val_if_fail (tokens != NULL, mentions);

  matches = g_new (MarzLexiconMatch, 2 * (gsize) tokens->len);
  state = g_new0 (guint8, 2 * (gsize) tokens->len);
  s = (Scan) { self, normalized, tokens, matches, state };
  has_ref = _marz_date_reference_init (&ref, reference);
  for (guint i = 0; i < tokens->len;)
    {
      MarzDateMention mention;
      DateExpr e;

      /* An expression starts at a number or a date word; most words are
       * neither, and trying every parse at each was most of the work. */
      if ((g_array_index (tokens, MarzToken, i).kind != MARZ_TOKEN_NUMBER
           && lexicon_match (&s, i, 0) == NULL && lexicon_match (&s, i, 1) == NULL)
          || !parse_at (&s, i, &e))
        {
          i++;
          continue;
        }
      g_assert (e.next > i);
      if (!e.invalid)
        {
          _marz_date_resolve (&e, has_ref ? &ref : NULL, &mention);
          g_array_append_val (mentions, mention);
        }
      i = e.next;
    }
  return mentions;
}
