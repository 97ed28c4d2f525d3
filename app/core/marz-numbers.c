/* marz-numbers.c
 *
 * A number is a run of atoms (digits or a number word) read into groups below
 * a thousand, each closed by a falling scale: «ثلاثة آلاف ومئتان», «سه هزار و
 * دویست».  A group fills each place once, in its language's order: Arabic ones
 * before tens («خمسة وعشرون»), Persian tens before ones («بیست و پنج»).  What
 * does not fit ends the number, which keeps «50 … و447» two numbers.
 *
 * Some number words are common words too: Persian «نه» (no), «ده» (village),
 * «یک» (a), «سی», «صد», «نود»; Arabic «ست» (lady), «صد» (repelled), «نود» (we
 * want), «ألف», «مائة» (Persian «مایه»), «واحد», «ستون», «أربعين» (Persian: unit,
 * column, Arbaeen).  Alone, such a word counts only before a counted noun («ده
 * نفر», «ست نساء»); in a compound («ده هزار», «بیست و یک») it always counts.
 */
#define G_LOG_DOMAIN "marz-numbers"

#include "marz-numbers.h"
#include "marz-lexicon.h"
#include "marz-normalize.h"
#include "marz-tokenizer.h"

#include <string.h>

#define MAX_QUALIFIER_WORDS 4
#define AFTER_WINDOW        4   /* «50 مدنياً أفغانياً على الأقل» */
#define MAX_DECIMALS        9
#define TOKEN(s, i)         (&g_array_index ((s)->tokens, MarzToken, (i)))

typedef enum
{
  WORD_UNIT,          /* 1–999 in one word: «خمسة», «بیست», «سیصد» */
  WORD_HUNDRED,       /* «مئة», «صد»: 100, or a multiplier in «ثلاث مئة», «دو صد» */
  WORD_SCALE,         /* «ألف», «هزار», «مليون» */
  WORD_SCALE_DUAL,    /* «ألفان»: a scale that takes no multiplier */
  WORD_SCALE_PLURAL,  /* «آلاف»: a scale after a count, vague alone */
  WORD_VAGUE,         /* «عشرات», «صدها» */
} WordKind;

/* HOMOGRAPH: also a common word, a number alone only before a counted noun. */
enum { AR = 1 << 0, FA = 1 << 1, HOMOGRAPH = 1 << 2 };
enum { SLOT_ONES = 1 << 0, SLOT_TENS = 1 << 1, SLOT_HUNDREDS = 1 << 2, SLOT_ALL = 7 };
enum { BEFORE = 1 << 0, AFTER = 1 << 1 };

typedef struct
{
  const char *spelling;  /* spellings of one value, kind and flags, separated by «|» */
  guint64     value;
  guint8      kind;
  guint8      flags;
} NumberWord;

typedef struct
{
  const char         *phrases;  /* separated by «|» */
  MarzNumberQualifier qualifier;
  guint8              where;
} Qualifier;

static const NumberWord arabic_words[] = {
  { "واحد|واحدة", 1, WORD_UNIT, AR | HOMOGRAPH }, { "اثنان|اثنين|اثنتان|اثنتين", 2, WORD_UNIT, AR },
  { "ثلاث|ثلاثة", 3, WORD_UNIT, AR }, { "أربع|أربعة", 4, WORD_UNIT, AR },
  { "خمس|خمسة", 5, WORD_UNIT, AR }, { "ست", 6, WORD_UNIT, AR | HOMOGRAPH },
  { "ستة", 6, WORD_UNIT, AR }, { "سبع|سبعة", 7, WORD_UNIT, AR },
  { "ثمان|ثماني|ثمانية", 8, WORD_UNIT, AR }, { "تسع|تسعة", 9, WORD_UNIT, AR },
  { "عشر|عشرة", 10, WORD_UNIT, AR }, { "أحد عشر|إحدى عشرة|إحدى عشر", 11, WORD_UNIT, AR },
  { "اثنا عشر|اثني عشر|اثنتا عشرة|اثنتي عشرة", 12, WORD_UNIT, AR },
  { "ثلاثة عشر|ثلاث عشرة|ثلاث عشر|ثلاثة عشرة", 13, WORD_UNIT, AR },
  { "أربعة عشر|أربع عشرة|أربع عشر|أربعة عشرة", 14, WORD_UNIT, AR },
  { "خمسة عشر|خمس عشرة|خمس عشر|خمسة عشرة", 15, WORD_UNIT, AR },
  { "ستة عشر|ست عشرة|ست عشر|ستة عشرة", 16, WORD_UNIT, AR },
  { "سبعة عشر|سبع عشرة|سبع عشر|سبعة عشرة", 17, WORD_UNIT, AR },
  { "ثمانية عشر|ثماني عشرة|ثمان عشرة|ثماني عشر|ثمان عشر|ثمانية عشرة", 18, WORD_UNIT, AR },
  { "تسعة عشر|تسع عشرة|تسع عشر|تسعة عشرة", 19, WORD_UNIT, AR },
  { "عشرون|عشرين", 20, WORD_UNIT, AR }, { "ثلاثون|ثلاثين", 30, WORD_UNIT, AR },
  { "أربعون", 40, WORD_UNIT, AR }, { "أربعين", 40, WORD_UNIT, AR | HOMOGRAPH },
  { "خمسون|خمسين", 50, WORD_UNIT, AR }, { "ستون", 60, WORD_UNIT, AR | HOMOGRAPH },
  { "ستين", 60, WORD_UNIT, AR }, { "سبعون|سبعين", 70, WORD_UNIT, AR },
  { "ثمانون|ثمانين", 80, WORD_UNIT, AR }, { "تسعون|تسعين", 90, WORD_UNIT, AR },
  { "مئة", 100, WORD_HUNDRED, AR }, { "مائة", 100, WORD_HUNDRED, AR | HOMOGRAPH },
  { "مئتان|مئتين|مائتان|مائتين|مئتا|مائتا", 200, WORD_UNIT, AR },
  { "ثلاثمئة|ثلاثمائة", 300, WORD_UNIT, AR }, { "أربعمئة|أربعمائة", 400, WORD_UNIT, AR },
  { "خمسمئة|خمسمائة", 500, WORD_UNIT, AR }, { "ستمئة|ستمائة", 600, WORD_UNIT, AR },
  { "سبعمئة|سبعمائة", 700, WORD_UNIT, AR }, { "تسعمئة|تسعمائة", 900, WORD_UNIT, AR },
  { "ثمانمئة|ثمانمائة|ثمانيمئة|ثمانيمائة", 800, WORD_UNIT, AR },
  { "ألف", 1000, WORD_SCALE, AR | HOMOGRAPH }, { "ألفان|ألفين", 2000, WORD_SCALE_DUAL, AR },
  { "آلاف", 1000, WORD_SCALE_PLURAL, AR },
  { "مليون", 1000000, WORD_SCALE, AR | FA },  /* = Dari «ملیون» once normalized */
  { "مليونان|مليونين", 2000000, WORD_SCALE_DUAL, AR }, { "ملايين", 1000000, WORD_SCALE_PLURAL, AR },
  { "مليار", 1000000000, WORD_SCALE, AR | FA }, { "مليارات", 1000000000, WORD_SCALE_PLURAL, AR },
  { "عشرات|مئات|عدة|بضع|بضعة", 0, WORD_VAGUE, AR },
};

static const NumberWord persian_words[] = {
  { "یک", 1, WORD_UNIT, FA | HOMOGRAPH }, { "دو", 2, WORD_UNIT, FA }, { "سه", 3, WORD_UNIT, FA },
  { "چهار", 4, WORD_UNIT, FA }, { "پنج", 5, WORD_UNIT, FA }, { "شش", 6, WORD_UNIT, FA },
  { "هفت", 7, WORD_UNIT, FA }, { "هشت", 8, WORD_UNIT, FA }, { "نه", 9, WORD_UNIT, FA | HOMOGRAPH },
  { "ده", 10, WORD_UNIT, FA | HOMOGRAPH }, { "یازده", 11, WORD_UNIT, FA },
  { "دوازده", 12, WORD_UNIT, FA }, { "سیزده", 13, WORD_UNIT, FA }, { "چهارده", 14, WORD_UNIT, FA },
  { "پانزده|پونزده", 15, WORD_UNIT, FA }, { "شانزده", 16, WORD_UNIT, FA },
  { "هفده|هیفده", 17, WORD_UNIT, FA }, { "هجده|هیجده|هژده", 18, WORD_UNIT, FA },
  { "نوزده", 19, WORD_UNIT, FA }, { "بیست", 20, WORD_UNIT, FA },
  { "سی", 30, WORD_UNIT, FA | HOMOGRAPH }, { "چهل", 40, WORD_UNIT, FA },
  { "پنجاه", 50, WORD_UNIT, FA }, { "شصت", 60, WORD_UNIT, FA }, { "هفتاد", 70, WORD_UNIT, FA },
  { "هشتاد", 80, WORD_UNIT, FA }, { "نود", 90, WORD_UNIT, FA | HOMOGRAPH },
  { "صد", 100, WORD_HUNDRED, FA | HOMOGRAPH }, { "یکصد", 100, WORD_UNIT, FA },
  { "دویست", 200, WORD_UNIT, FA }, { "سیصد", 300, WORD_UNIT, FA }, { "چهارصد", 400, WORD_UNIT, FA },
  { "پانصد", 500, WORD_UNIT, FA }, { "ششصد", 600, WORD_UNIT, FA }, { "هفتصد", 700, WORD_UNIT, FA },
  { "هشتصد", 800, WORD_UNIT, FA }, { "نهصد", 900, WORD_UNIT, FA }, { "هزار", 1000, WORD_SCALE, FA },
  { "میلیون", 1000000, WORD_SCALE, FA }, { "میلیارد|ملیارد", 1000000000, WORD_SCALE, FA },
  { "ده‌ها|صد‌ها|هزاران|هزار‌ها|میلیون‌ها|چندین|چند", 0, WORD_VAGUE, FA },
};


static const Qualifier qualifiers[] = {
  { "أكثر من|ما لا يقل عن|لا يقل عن|ما يزيد عن|ما يزيد على|يزيد عن|يزيد على|ما يربو على"
    "|دستکم|دست‌کم|بیش از|بیشتر از|more than|over", MARZ_NUMBER_AT_LEAST, BEFORE },
  { "على الأقل|حداقل|at least", MARZ_NUMBER_AT_LEAST, BEFORE | AFTER },
  { "حدود|نحو|حوالي|حوالى|قرابة|زهاء|ما يقارب|يقارب|ما يناهز|يناهز|نزدیک به|قریب به"
    "|around|about|approximately|nearly", MARZ_NUMBER_ABOUT, BEFORE },
  { "تقريباً|تقریباً", MARZ_NUMBER_ABOUT, BEFORE | AFTER },
};

/* What a homograph must be followed by, in its own language, to be read as a
 * number: people, forces, time and distance units, places.  Persian counts
 * take the singular.  Deliberately not «هجوم» («صد هجوم» is
 * «repelled an attack») nor verbs («نه تنها», «ده را»). */
static const char persian_nouns[] =
  "نفر|تن|فرد|کس|غیر نظامی|نظامی|ملکی|سرباز|عسکر|نیرو|نیروی|پولیس|پلیس|مرزبان|طالب|جنگجو|کودک"
  "|زن|مرد|شهروند|کشته|زخمی|مجروح|عضو|روز|شب|سال|ماه|هفته|ساعت|دقیقه|کیلومتر|متر|ولایت|استان"
  "|ولسوالی|روستا|قریه|خانه|خانواده|پاسگاه|پوسته|مرکز|تانک|هواپیما|پهپاد|بار|مورد|کشور|درصد";
static const char arabic_nouns[] =
  "شخص|شخصاً|أشخاص|مدني|مدنياً|مدنيين|مدنيون|جندي|جندياً|جنود|عسكري|عسكريين|عسكريون|قتيل|قتيلاً"
  "|قتلى|جريح|جريحاً|جرحى|مصاب|مصاباً|مصابين|امرأة|نساء|أطفال|طفل|طفلاً|عنصر|عناصر|مسلح|مسلحين"
  "|شهيد|شهداء|سنوات|سنة|أيام|يوم|يوماً|ساعات|ساعة|أشهر|شهر|شهراً|أسابيع|أسبوع|دقائق|كيلومتر"
  "|كيلومتراً|كيلومترات|مرات|مرة|غارات|هجمات|مواقع|نقاط|ولايات|منازل|قرى|عائلات|دول|بلدان";
static const guint8 persian = FA, arabic = AR;

struct _MarzNumberFinder
{
  gatomicrefcount  ref_count;
  MarzLexicon     *words;       /* number words; Arabic clitics stripped */
  MarzLexicon     *qualifiers;
  MarzLexicon     *nouns;       /* what a homograph must count */
};

/* One scan of one text; the finder itself stays immutable. */
typedef struct
{
  MarzNumberFinder *finder;
  const char       *text;
  const GArray     *tokens;
  gboolean          strict;     /* FALSE: a homograph alone is a number too */
} Scanner;

/* WAW joins a compound («وعشرون»); DEFINITE makes «الاثنين» Monday but leaves
 * «العشرات» vague; OTHER is «بخمسة». */
typedef enum { CLITIC_NONE, CLITIC_WAW, CLITIC_DEFINITE, CLITIC_OTHER } Clitic;

/* SKIP: digits that are no count, «2.5» alone, «1404/08/17», «50%». */
typedef enum { ATOM_NONE, ATOM_OK, ATOM_SKIP } AtomResult;

typedef struct
{
  const NumberWord *word;         /* NULL for digits */
  guint64           value, den;   /* digits: value / den */
  guint             token, n_tokens;
  guint32           start, end;   /* clitic excluded */
  Clitic            clitic;
} Atom;

typedef struct
{
  guint64           total;        /* closed groups times their scale */
  guint64           group;        /* the open group, below the last scale */
  guint64           den;          /* «2.5 مليون»: @group is a decimal until scaled */
  guint             slots;        /* places the open group has filled */
  gboolean          tens_persian; /* Persian writes ones after tens, Arabic before */
  guint64           last_scale;   /* scales fall: «مليون وألف», never «ألف مليون» */
  gboolean          overflow, vague, has_digits;
  guint             n_atoms;
  const NumberWord *first_word;
  Clitic            first_clitic;
  guint             token, end_token;
  guint32           start, end;
} Parse;

/* BREAK: the end of a sentence or a line. */
typedef enum { GAP_SPACE, GAP_PUNCT, GAP_BREAK } GapKind;

static void
add_spellings (MarzLexicon   *lexicon,
               const char    *spellings,
               gconstpointer  value)
{
  g_auto(GStrv) each = g_strsplit (spellings, "|", -1);

  for (guint i = 0; each[i] != NULL; i++)
    marz_lexicon_add (lexicon, each[i], (gpointer) value);
}

MarzNumberFinder *
marz_number_finder_new (void)
{
  MarzNumberFinder *self = g_new0 (MarzNumberFinder, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->words = marz_lexicon_new (MARZ_LEXICON_CLITICS);
  for (gsize i = 0; i < G_N_ELEMENTS (arabic_words); i++)
    add_spellings (self->words, arabic_words[i].spelling, &arabic_words[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (persian_words); i++)
    add_spellings (self->words, persian_words[i].spelling, &persian_words[i]);

  self->qualifiers = marz_lexicon_new (MARZ_LEXICON_CLITICS);
  for (gsize i = 0; i < G_N_ELEMENTS (qualifiers); i++)
    add_spellings (self->qualifiers, qualifiers[i].phrases, &qualifiers[i]);

  self->nouns = marz_lexicon_new (MARZ_LEXICON_EXACT);  /* «تنها» is not «تن» + ها */
  add_spellings (self->nouns, persian_nouns, &persian);
  add_spellings (self->nouns, arabic_nouns, &arabic);
  return self;
}

MarzNumberFinder *
marz_number_finder_ref (MarzNumberFinder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
marz_number_finder_unref (MarzNumberFinder *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  marz_lexicon_unref (self->words);
  marz_lexicon_unref (self->qualifiers);
  marz_lexicon_unref (self->nouns);
  g_free (self);
}

/* What lies between token @i - 1 and token @i. */
static GapKind
gap_before (const Scanner *s,
            guint          i)
{
  const char *end = s->text + TOKEN (s, i)->start;
  GapKind kind = GAP_SPACE;

  for (const char *p = s->text + TOKEN (s, i - 1)->end; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_utf8_strchr (".!?;:\n؛؟۔…", -1, c) != NULL)
        return GAP_BREAK;
      if (!g_unichar_isspace (c))
        kind = GAP_PUNCT;
    }
  return kind;
}

static gboolean
spaced (const Scanner *s,
        guint          i)
{
  return i > 0 && i < s->tokens->len && gap_before (s, i) == GAP_SPACE;
}

static gboolean
token_is (const Scanner *s,
          guint          i,
          const char    *key)
{
  gsize len = strlen (key);

  return i < s->tokens->len && TOKEN (s, i)->end - TOKEN (s, i)->start == len
      && memcmp (s->text + TOKEN (s, i)->start, key, len) == 0;
}

static Clitic
clitic_of (const char             *text,
           const MarzLexiconMatch *m)
{
  gsize n = m->key_start - m->start;
  const char *prefix = text + m->start;

  if (n == 0)
    return CLITIC_NONE;
  if (n == strlen ("و") && memcmp (prefix, "و", n) == 0)
    return CLITIC_WAW;
  /* «لل» is ل + ال with the alef dropped. */
  if (g_strstr_len (prefix, n, "ال") != NULL || g_strstr_len (prefix, n, "لل") != NULL)
    return CLITIC_DEFINITE;
  return CLITIC_OTHER;
}

/* The digits of the atom's tokens as one integer; FALSE on overflow. */
static gboolean
accumulate_digits (const Scanner *s,
                   Atom          *atom)
{
  atom->value = 0;
  for (guint i = atom->token; i < atom->token + atom->n_tokens; i++)
    for (guint32 k = TOKEN (s, i)->start; k < TOKEN (s, i)->end; k++)
      if (!g_ascii_isdigit (s->text[k])
          || !g_uint64_checked_mul (&atom->value, atom->value, 10)
          || !g_uint64_checked_add (&atom->value, atom->value, s->text[k] - '0'))
        return FALSE;
  return atom->value <= G_MAXINT64;
}

/* A separator glued on both sides of token @i: «2,600», «2.5», «1404/08/17», «10:30». */
static char
glued_separator (const Scanner *s,
                 guint          i)
{
  char c = s->text[TOKEN (s, i)->end];

  if (i + 1 >= s->tokens->len || TOKEN (s, i + 1)->kind != MARZ_TOKEN_NUMBER
      || TOKEN (s, i + 1)->start != TOKEN (s, i)->end + 1 || c == '\0'
      || strchr (",./:-", c) == NULL)
    return '\0';
  return c;
}

/* «F16», «3D» and «50%» are no counts; «و447» is: the tokenizer split a clitic. */
static gboolean
is_label_or_percent (const Scanner *s,
                     const Atom    *atom)
{
  const char *text = s->text;

  return (atom->start > 0 && g_ascii_isalpha (text[atom->start - 1]))
      || g_ascii_isalpha (text[atom->end]) || text[atom->end] == '%'
      || strncmp (text + atom->end, "٪", strlen ("٪")) == 0;
}

/* Groups of three after «,» or «.» are thousands («10.000» in the Arabic
 * press); one other group is a decimal, usable only before a scale. */
static AtomResult
interpret_run (const Scanner *s,
               guint          n_seps,
               gboolean       mixed,
               char           sep,
               Atom          *atom)
{
  guint first = atom->token, last = atom->token + atom->n_tokens - 1;
  guint first_len = TOKEN (s, first)->end - TOKEN (s, first)->start;
  guint last_len = TOKEN (s, last)->end - TOKEN (s, last)->start;
  gboolean groups_of_three = TRUE;

  for (guint i = first + 1; i <= last; i++)
    groups_of_three &= TOKEN (s, i)->end - TOKEN (s, i)->start == 3;

  atom->den = 1;
  if (n_seps > 0 && !(!mixed && strchr (",.", sep) && first_len <= 3 && groups_of_three))
    {
      if (n_seps > 1 || strchr (".,/", sep) == NULL || last_len > MAX_DECIMALS)
        return ATOM_SKIP;
      for (guint k = 0; k < last_len; k++)
        atom->den *= 10;
    }
  return accumulate_digits (s, atom) ? ATOM_OK : ATOM_SKIP;
}

static AtomResult
read_digits (const Scanner *s,
             guint          i,
             Atom          *atom)
{
  guint j = i, n_seps = 0;
  char sep = '\0', c;
  gboolean mixed = FALSE;

  for (; (c = glued_separator (s, j)) != '\0'; j++, n_seps++)
    {
      mixed |= n_seps > 0 && c != sep;
      sep = c;
    }

  *atom = (Atom) { .token = i, .n_tokens = j - i + 1, .clitic = CLITIC_NONE,
                   .start = TOKEN (s, i)->start, .end = TOKEN (s, j)->end };
  if (is_label_or_percent (s, atom))
    return ATOM_SKIP;
  return interpret_run (s, n_seps, mixed, sep, atom);
}

static AtomResult
read_atom (const Scanner *s,
           guint          i,
           Atom          *atom)
{
  MarzLexiconMatch m;
  Clitic clitic;
  const NumberWord *w;

  if (TOKEN (s, i)->kind == MARZ_TOKEN_NUMBER)
    return read_digits (s, i, atom);
  if (!marz_lexicon_match_at (s->finder->words, s->text, s->tokens, i, &m))
    return ATOM_NONE;
  clitic = clitic_of (s->text, &m);
  w = g_ptr_array_index (m.values, 0);  /* no spelling is in two entries */
  /* Persian words never carry the Arabic clitics: «بده» is «give», not «ب» + ten. */
  if (clitic != CLITIC_NONE && (w->flags & AR) == 0)
    return ATOM_NONE;
  *atom = (Atom) { .word = w, .value = w->value, .den = 1, .token = i,
                   .n_tokens = m.n_tokens, .start = m.key_start, .end = m.end,
                   .clitic = clitic };
  return ATOM_OK;
}

static guint
slots_of (guint64 value)
{
  if (value < 20)
    return value < 10 ? SLOT_ONES : SLOT_ONES | SLOT_TENS;
  return value < 100 ? SLOT_TENS : SLOT_HUNDREDS;
}

static gboolean
add_unit (Parse            *p,
          const NumberWord *w,
          gboolean          joined)
{
  guint slots = slots_of (w->value);

  if (!joined || (p->slots & slots) != 0)
    return FALSE;
  if (slots == SLOT_HUNDREDS && p->slots != 0)
    return FALSE;
  if (slots == SLOT_TENS && (p->slots & SLOT_ONES) != 0 && (w->flags & AR) == 0)
    return FALSE;
  if (slots == SLOT_ONES && (p->slots & SLOT_TENS) != 0 && !p->tens_persian)
    return FALSE;

  if (slots == SLOT_TENS)
    p->tens_persian = (w->flags & FA) != 0;
  p->group += w->value;
  p->slots |= slots;
  return TRUE;
}

static gboolean
add_scale (Parse            *p,
           const NumberWord *w,
           gboolean          joined)
{
  guint64 order = w->kind == WORD_SCALE_DUAL ? w->value / 2 : w->value;
  gboolean empty = p->slots == 0;
  guint64 scaled;

  if (p->last_scale != 0 && order >= p->last_scale)
    return FALSE;
  if (empty ? (!joined || w->kind == WORD_SCALE_PLURAL) : (joined || w->kind == WORD_SCALE_DUAL))
    return FALSE;

  if (!g_uint64_checked_mul (&scaled, empty ? 1 : p->group, w->value)
      || scaled % p->den != 0
      || !g_uint64_checked_add (&p->total, p->total, scaled / p->den))
    {
      p->overflow = TRUE;  /* a wrong value is worse than none */
      return FALSE;
    }
  p->group = 0;
  p->den = 1;
  p->slots = 0;
  p->last_scale = order;
  return TRUE;
}

static gboolean
add_word (Parse            *p,
          const NumberWord *w,
          gboolean          joined)
{
  switch (w->kind)
    {
    case WORD_UNIT:
      return add_unit (p, w, joined);
    case WORD_HUNDRED:
      if (joined || p->slots != SLOT_ONES)
        return add_unit (p, w, joined);
      p->group *= 100;  /* «ثلاث مئة», Dari «دو صد» */
      p->slots = SLOT_HUNDREDS;
      return TRUE;
    case WORD_VAGUE:
      return FALSE;
    default:
      return add_scale (p, w, joined);
    }
}

static gboolean
extend (Parse      *p,
        const Atom *a,
        gboolean    joined)
{
  /* «عشرات الآلاف», «صدها هزار»: still vague, one number. */
  if (p->vague)
    return !joined && a->word != NULL && a->word->kind >= WORD_SCALE;
  if (a->word == NULL)  /* «۳ هزار و ۲۰۰»: only in a group a scale has opened */
    {
      if (!joined || p->last_scale == 0 || p->slots != 0 || a->den != 1
          || a->value >= MIN (p->last_scale, 1000))
        return FALSE;
      p->group = a->value;
      p->slots = SLOT_ALL;
      return TRUE;
    }
  if (a->clitic == CLITIC_DEFINITE || a->clitic == CLITIC_OTHER)
    return FALSE;
  return add_word (p, a->word, joined);
}

static void
take_atom (Parse      *p,
           const Atom *a)
{
  p->n_atoms++;
  p->has_digits |= a->word == NULL;
  p->end_token = a->token + a->n_tokens;
  p->end = a->end;
}

static gboolean
begin (Parse      *p,
       const Atom *a)
{
  gboolean vague = a->word != NULL && a->word->kind >= WORD_SCALE_PLURAL;

  *p = (Parse) { .den = 1, .token = a->token, .start = a->start,
                 .first_word = a->word, .first_clitic = a->clitic };
  if (a->clitic == CLITIC_DEFINITE && !vague)
    return FALSE;

  if (a->word == NULL)
    {
      p->group = a->value;
      p->den = a->den;
      p->slots = SLOT_ALL;
    }
  else if (vague)
    p->vague = TRUE;
  else if (!add_word (p, a->word, TRUE))
    return FALSE;
  take_atom (p, a);
  return TRUE;
}

/* Reads the next atom, after a «و» token or with a «و» clitic if any. */
static gboolean
extend_next (const Scanner *s,
             Parse         *p)
{
  guint j = p->end_token;
  gboolean joined = FALSE;
  Atom a;

  if (token_is (s, j, "و") && spaced (s, j))
    {
      joined = TRUE;
      j++;
    }
  if (!spaced (s, j) || read_atom (s, j, &a) != ATOM_OK)
    return FALSE;
  if (!extend (p, &a, joined || a.clitic == CLITIC_WAW))
    {
      if (p->overflow)
        p->end_token = a.token + a.n_tokens;  /* skip it all, not just the digits */
      return FALSE;
    }
  take_atom (p, &a);
  return TRUE;
}

static gboolean
plausible (const Scanner *s,
           const Parse   *p)
{
  MarzLexiconMatch m;

  /* «پنج شنبه», «سه شنبه» written apart are weekdays. */
  if (token_is (s, p->end_token, "شنبه"))
    return FALSE;
  if (!s->strict || p->n_atoms > 1 || p->first_word == NULL
      || (p->first_word->flags & HOMOGRAPH) == 0)
    return TRUE;
  if (p->first_clitic != CLITIC_NONE && p->first_clitic != CLITIC_WAW)
    return FALSE;  /* «بست», «لست» */
  if (!spaced (s, p->end_token)
      || !marz_lexicon_match_at (s->finder->nouns, s->text, s->tokens, p->end_token, &m))
    return FALSE;
  /* «ستون نظامی» is a Persian column, «ستون شخصاً» sixty. */
  for (guint i = 0; i < m.values->len; i++)
    if ((*(const guint8 *) g_ptr_array_index (m.values, i) & p->first_word->flags) != 0)
      return TRUE;
  return FALSE;
}

static const Qualifier *
pick_qualifier (const char             *text,
                const MarzLexiconMatch *m,
                guint8                  where)
{
  const Qualifier *q = g_ptr_array_index (m->values, 0);

  /* «على الحدود»: the border, not «about». */
  return clitic_of (text, m) != CLITIC_DEFINITE && (q->where & where) != 0 ? q : NULL;
}

static const Qualifier *
qualifier_before (const Scanner *s,
                  const Parse   *p)
{
  MarzLexiconMatch m;

  if (!spaced (s, p->token))
    return NULL;
  for (guint k = 1; k <= MAX_QUALIFIER_WORDS && k <= p->token; k++)
    {
      if (marz_lexicon_match_at (s->finder->qualifiers, s->text, s->tokens, p->token - k, &m)
          && m.token + m.n_tokens == p->token)
        return pick_qualifier (s->text, &m, BEFORE);
    }
  return NULL;
}

/* «مقتل 50 مدنياً أفغانياً على الأقل»: after the counted noun, in the same
 * sentence, before any other number. */
static const Qualifier *
qualifier_after (const Scanner *s,
                 const Parse   *p)
{
  MarzLexiconMatch m;

  for (guint j = p->end_token; j < s->tokens->len && j < p->end_token + AFTER_WINDOW; j++)
    {
      if (gap_before (s, j) == GAP_BREAK || TOKEN (s, j)->kind == MARZ_TOKEN_NUMBER
          || marz_lexicon_match_at (s->finder->words, s->text, s->tokens, j, &m))
        return NULL;
      if (marz_lexicon_match_at (s->finder->qualifiers, s->text, s->tokens, j, &m))
        return pick_qualifier (s->text, &m, AFTER);
    }
  return NULL;
}

static MarzNumberQualifier
qualifier_of (const Scanner *s,
              const Parse   *p)
{
  const Qualifier *q;

  if (p->vague)
    return MARZ_NUMBER_VAGUE;
  if ((q = qualifier_before (s, p)) == NULL)
    q = qualifier_after (s, p);
  return q != NULL ? q->qualifier : MARZ_NUMBER_EXACT;
}

/* «99999999999999999999 مليار»: the scale belongs to the digits skipped. */
static guint
scale_after (const Scanner *s,
             guint          i)
{
  Atom a;

  if (!spaced (s, i) || read_atom (s, i, &a) != ATOM_OK || a.word == NULL
      || a.word->kind < WORD_SCALE || a.word->kind > WORD_SCALE_PLURAL)
    return 0;
  return a.n_tokens;
}

/* Returns how many tokens to move on by; fills @number when one starts at @i. */
static guint
number_at (const Scanner *s,
           guint          i,
           MarzNumber    *number,
           gboolean      *found)
{
  Parse p;
  Atom a;
  guint64 value;
  AtomResult r = read_atom (s, i, &a);

  *found = FALSE;
  if (r == ATOM_SKIP)
    return a.n_tokens + scale_after (s, i + a.n_tokens);
  if (r != ATOM_OK || !begin (&p, &a))
    return 1;
  while (extend_next (s, &p))
    ;
  /* «2.5» without a scale, an overflow: no part of it counts. */
  if (p.overflow || p.den != 1 || !g_uint64_checked_add (&value, p.total, p.group)
      || value > G_MAXINT64)
    return p.end_token - i;
  if (!plausible (s, &p))
    return 1;

  *number = (MarzNumber) { .start = p.start, .end = p.end, .token = p.token,
                           .n_tokens = p.end_token - p.token, .value = value,
                           .qualifier = qualifier_of (s, &p), .is_word = !p.has_digits };
  *found = TRUE;
  return number->n_tokens;
}

static GArray *
scan (MarzNumberFinder *self,
      const char       *normalized,
      const GArray     *tokens,
      gboolean          strict)
{
  Scanner s = { self, normalized, tokens, strict };
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (MarzNumber));

  for (guint i = 0; i < tokens->len;)
    {
      MarzNumber number;
      gboolean found;

      i += number_at (&s, i, &number, &found);
      if (found)
        g_array_append_val (numbers, number);
    }
  return numbers;
}

/**
 * marz_number_finder_scan:
 * @normalized: a normalized text (see marz_normalized_new())
 * @tokens: (element-type MarzToken): its tokens
 *
 * Safe to call from several threads on one finder.
 *
 * Returns: (transfer full) (element-type MarzNumber): the numbers, in order
 */
GArray *
marz_number_finder_scan (MarzNumberFinder *self,
                         const char       *normalized,
                         const GArray     *tokens)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (normalized != NULL, NULL);
  g_return_val_if_fail (tokens != NULL, NULL);

  return scan (self, normalized, tokens, TRUE);
}

static MarzNumberFinder *
default_finder (void)
{
  static MarzNumberFinder *finder;

  if (g_once_init_enter (&finder))
    g_once_init_leave (&finder, marz_number_finder_new ());
  return finder;
}

/**
 * marz_parse_number:
 * @text: one number in any script or in words: «٢٣», «خمسة وعشرون», «ده»
 * @value: (out) (optional): its value
 *
 * Unlike a scan, a homograph alone is read as a number here: the caller says
 * the whole of @text is one.
 *
 * Returns: whether @text is exactly one number with a value
 */
gboolean
marz_parse_number (const char *text,
                   gint64     *value)
{
  g_autofree char *key = NULL;
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) numbers = NULL;
  const MarzNumber *n;

  g_return_val_if_fail (text != NULL, FALSE);

  key = marz_normalize_key (text);
  tokens = marz_tokenize (key, strlen (key));
  numbers = scan (default_finder (), key, tokens, FALSE);
  if (numbers->len != 1)
    return FALSE;
  n = &g_array_index (numbers, MarzNumber, 0);
  if (n->token != 0 || n->n_tokens != tokens->len || n->qualifier == MARZ_NUMBER_VAGUE)
    return FALSE;
  if (value != NULL)
    *value = n->value;
  return TRUE;
}
