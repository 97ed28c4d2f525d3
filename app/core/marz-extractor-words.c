/* marz-extractor-words.c: the words the extractor looks for
 *
 * Part of MarzExtractor.  Arabic and Persian (Iranian and Dari) spellings in
 * natural form; the lexicon normalizes them, so ZWNJ, hamza and yeh/kaf
 * forms need not be listed twice.
 */
#define G_LOG_DOMAIN "marz-extractor"

#include "marz-extractor-private.h"

typedef struct { MarzIncidentType type; const char *phrases[40]; } TriggerTable;

static const TriggerTable trigger_table[] = {
  { MARZ_INCIDENT_AIRSTRIKE, {
    "غارة جوية", "غارات جوية", "ضربة جوية", "ضربات جوية", "قصف جوي", "هجوم جوي", "هجمات جوية",
    "غارة", "غارات", "طائرة مسيرة", "طائرات مسيرة", "حمله هوایی", "حملات هوایی", "حملهٔ هوایی",
    "حمله‌های هوایی", "ضربات هوایی", "بمباران", "بمباران هوایی", "حمله پهپادی", "حملات پهپادی",
    "airstrike", "airstrikes", "air strike", "air strikes", "drone strike", NULL } },
  { MARZ_INCIDENT_SHELLING, {
    "قصف مدفعي", "قصف", "قذائف", "قذيفة", "قذائف هاون", "گلوله باران", "گلوله‌باری", "راکت",
    "راکتی", "حملات راکتی", "خمپاره", "توپخانه", "shelling", NULL } },
  { MARZ_INCIDENT_CLASH, {
    "اشتباك", "اشتباكات", "مواجهات", "مواجهة مسلحة", "معارك", "اقتتال", "تبادل إطلاق النار",
    "تبادل لإطلاق النار", "درگیری", "درگیری مسلحانه", "درگیری‌های مرزی", "زد و خورد", "تیراندازی",
    "نبرد", "clash", "clashes", "fighting", NULL } },
  { MARZ_INCIDENT_ATTACK, {
    "هجوم", "هجمات", "هجوم انتحاري", "تفجير انتحاري", "كمين", "حمله", "حملات", "حمله انتحاری",
    "کمین", "attack", "attacks", NULL } },
  { MARZ_INCIDENT_EXPLOSION, {
    "انفجار", "انفجارات", "انفجارها", "انفجاری", "انفجار ها", "explosion", "explosions", "blast", NULL } },
  { MARZ_INCIDENT_CEASEFIRE, {
    "وقف إطلاق النار", "وقف لإطلاق النار", "وقف النار", "هدنة", "آتش‌بس", "آتش بس",
    "ceasefire", "truce", NULL } },
  { MARZ_INCIDENT_TALKS, {
    "محادثات", "مفاوضات", "مباحثات", "جولة محادثات", "گفت‌وگو", "گفتگو", "گفتوگوها", "گفتگوها",
    "مذاکره", "مذاکرات", "دیدار", "talks", "negotiations", NULL } },
  { MARZ_INCIDENT_CLOSURE, {
    "إغلاق معبر", "إغلاق المعبر", "إغلاق الحدود", "إغلاق المعابر", "بسته شدن", "بسته شد",
    "مسدود", "border closure", NULL } },
};

static const char * const killed_after_words[] = {
  "قتيل", "قتيلا", "قتلى", "قتلوا", "لقوا حتفهم", "شهيد", "شهيدا", "كشته", "کشته", "کشته شدند",
  "جان باختند", "جان باخت", "جان‌باختگان", "شهید", "هلاک", "killed", "dead", NULL
};
static const char * const injured_after_words[] = {
  "جريح", "جريحا", "جرحى", "مصاب", "مصابا", "مصابين", "أصيبوا", "زخمی", "زخمی شدند",
  "مجروح", "injured", "wounded", NULL
};
static const char * const killed_before_words[] = {
  "مقتل", "قتل", "مصرع", "استشهاد", "کشته شدن", "جان باختن", "killing", NULL
};
static const char * const injured_before_words[] = {
  "إصابة", "جرح", "زخمی شدن", "مجروح شدن", "wounding", NULL
};
static const char * const blame_words[] = {
  "متهم", "مسئول", "مسوول", "مسول", "مقصر", "اتهام", "اتهمت", "تتهم", "يتهم", "اتهم", "حملت", "تحمل",
  "يحمل", "accused", "blamed", NULL
};
static const char * const province_cue_words[] = {
  "ولایت", "ولایات", "ولایتهای", "ولایت های", "استان", "استانهای", "ولاية", "ولايات",
  "محافظة", "محافظات", "province", "provinces", NULL
};

static void
add_words (MarzLexicon        *lex,
           const char * const *words,
           int                 value)
{
  for (guint i = 0; words[i]; i++)
    marz_lexicon_add (lex, words[i], GINT_TO_POINTER (value));
}

/**
 * _marz_extractor_words_add:
 *
 * Fills the extractor's lexicons: incident words (→ MarzIncidentType + 1),
 * casualty words after and before a figure (→ CASUALTY_*), words announcing
 * a province, words of blame (→ 1).
 */
void
_marz_extractor_words_add (MarzLexicon *triggers,
                           MarzLexicon *after,
                           MarzLexicon *before,
                           MarzLexicon *province_cues,
                           MarzLexicon *blame)
{
  for (guint t = 0; t < G_N_ELEMENTS (trigger_table); t++)
    add_words (triggers, trigger_table[t].phrases, trigger_table[t].type + 1);
  add_words (after, killed_after_words, CASUALTY_KILLED);
  add_words (after, injured_after_words, CASUALTY_INJURED);
  add_words (before, killed_before_words, CASUALTY_KILLED);
  add_words (before, injured_before_words, CASUALTY_INJURED);
  add_words (province_cues, province_cue_words, 1);
  add_words (blame, blame_words, 1);
}
