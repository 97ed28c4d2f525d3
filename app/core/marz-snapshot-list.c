/* marz-snapshot-list.c: the numbered list of the incidents a figure shows
 *
 * In its own panel beside (or below) the map, so that it never hides a
 * marker: each incident in view, numbered in date order as the tags beside
 * the markers are, with its date, type, place, casualties and the articles
 * that report it.  What does not fit is counted at the end.  In a
 * right-to-left figure the list is mirrored: numbers on the right, the text
 * flush right against them.
 */
#define G_LOG_DOMAIN "marz-snapshot"

#include "marz-snapshot-private.h"

#include <glib/gi18n.h>

#include "marz-basemap-private.h"
#include "marz-labels.h"

#define PAD 14.0

typedef struct
{
  MarzSnapshot *self;
  cairo_t      *cr;
  GHashTable   *names;     /* place id → name in the snapshot's language (borrowed) */
  double        x, width;  /* the text column */
  gboolean      rtl;
  char         *font, *bold, *small;
} List;

static char *
figure (gint64 n)
{
  return n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n) : g_strdup ("?");
}

static char *
casualties_text (const MarzIncident *incident)
{
  g_autofree char *killed = figure (incident->killed);
  g_autofree char *injured = figure (incident->injured);

  if (incident->shared_places != NULL)
    {
      g_autofree char *sk = figure (incident->shared_killed);
      g_autofree char *si = figure (incident->shared_injured);
      /* Translators: figures an article gives for several places together */
      return g_strdup_printf (_("%s killed, %s injured (with %u other places together)"), sk, si,
                              MAX (incident->shared_places->len, 1) - 1);
    }
  if (incident->killed < 0 && incident->injured < 0)
    return g_strdup (_("no casualty figures"));
  return g_strdup_printf (_("%s killed, %s injured"), killed, injured);
}

static char *
sources_text (List               *list,
              const MarzIncident *incident)
{
  GString *text = g_string_new (_("Sources: "));

  for (guint r = 0; r < incident->reports->len; r++)
    {
      MarzReport *report = g_ptr_array_index (incident->reports, r);
      const char *source = list->self->sources ? g_hash_table_lookup (list->self->sources, report->article) : NULL;

      g_string_append (text, r ? "; " : "");
      /* The file name in an LTR isolate: it must not join an RTL source name. */
      if (source && g_strcmp0 (source, report->article) != 0)
        g_string_append_printf (text, "%s (\u2066%s\u2069, %s)", source, report->article, report->language);
      else
        g_string_append_printf (text, "\u2066%s\u2069 (%s)", report->article, report->language);
    }
  return g_string_free (text, FALSE);
}

static char *
entry_markup (List               *list,
              const MarzIncident *incident)
{
  const char *name = g_hash_table_lookup (list->names, incident->place_id);
  g_autofree char *date = marz_labels_date (incident->date, incident->precision);
  g_autofree char *casualties = casualties_text (incident);
  g_autofree char *sources = sources_text (list, incident);

  return g_markup_printf_escaped ("<b>%s · %s · %s</b>\n%s\n<span size=\"smaller\" foreground=\"#5c5750\">%s</span>",
                                  date, marz_labels_incident_type (incident->type),
                                  name ? name : incident->place_name, casualties, sources);
}

/* Returns: the height drawn, or -1 if the entry does not fit above @limit */
static double
draw_entry (List               *list,
            guint               number,
            const MarzIncident *incident,
            double              y,
            double              limit)
{
  g_autofree char *markup = entry_markup (list, incident);
  g_autofree char *num = g_strdup_printf ("%u.", number);
  g_autoptr(PangoLayout) layout = _marz_snapshot_layout_new (list->cr, list->font, "");
  g_autoptr(PangoLayout) label = _marz_snapshot_layout_new (list->cr, list->bold, num);
  int h, nw;

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_width (layout, (int) (list->width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  _marz_snapshot_layout_flush (layout, list->rtl);
  pango_layout_get_pixel_size (layout, NULL, &h);
  if (y + h > limit)
    return -1;
  pango_layout_get_pixel_size (label, &nw, NULL);
  cairo_set_source_rgb (list->cr, 0.15, 0.14, 0.12);
  cairo_move_to (list->cr, list->rtl ? list->x + list->width + 6 : list->x - 6 - nw, y);
  _marz_show_layout (list->cr, label, 0);
  cairo_move_to (list->cr, list->x, y);
  _marz_show_layout (list->cr, layout, 0);
  return h;
}

static void
draw_more (List   *list,
           guint   n_more,
           double  y)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more incident",
                                                        "… and %u more incidents", n_more), n_more);
  g_autoptr(PangoLayout) layout = _marz_snapshot_layout_new (list->cr, list->small, text);

  pango_layout_set_width (layout, (int) (list->width * PANGO_SCALE));
  _marz_snapshot_layout_flush (layout, list->rtl);
  cairo_set_source_rgb (list->cr, 0.36, 0.34, 0.31);
  cairo_move_to (list->cr, list->x, y);
  _marz_show_layout (list->cr, layout, 0);
}

static GHashTable *
place_names (MarzSnapshot *self)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; self->markers && i < marz_marker_set_get_n_places (self->markers); i++)
    {
      const MarzPlaceSummary *place = marz_marker_set_get_place (self->markers, i);
      g_hash_table_insert (names, place->place_id, place->name);
    }
  return names;
}

void
_marz_snapshot_draw_list (MarzSnapshot      *self,
                          MarzSnapshotFrame *frame,
                          cairo_t           *cr)
{
  g_autoptr(GHashTable) names = place_names (self);
  g_autofree char *heading_font = g_strdup_printf ("%s Bold 15px", MARZ_SNAPSHOT_FONT);
  g_autoptr(PangoLayout) heading = _marz_snapshot_layout_new (cr, heading_font, _("Incidents shown"));
  gboolean rtl = _marz_snapshot_is_rtl (self);
  List list = { self, cr, names, frame->list_x + PAD + (rtl ? 0 : 28), frame->list_width - 2 * PAD - 28, rtl,
                g_strdup_printf ("%s 12px", MARZ_SNAPSHOT_FONT), g_strdup_printf ("%s Bold 12px", MARZ_SNAPSHOT_FONT),
                g_strdup_printf ("%s 11px", MARZ_SNAPSHOT_FONT) };
  double y = frame->list_y + PAD, limit = frame->list_y + frame->list_height - PAD - 16;
  int h;
  guint i;

  cairo_save (cr);
  cairo_rectangle (cr, frame->list_x, frame->list_y, frame->list_width, frame->list_height);
  cairo_clip_preserve (cr);
  cairo_set_source_rgb (cr, 0.98, 0.976, 0.957);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.11, 0.1, 0.09);
  pango_layout_set_width (heading, (int) ((frame->list_width - 2 * PAD) * PANGO_SCALE));
  _marz_snapshot_layout_flush (heading, rtl);
  cairo_move_to (cr, frame->list_x + PAD, y);
  _marz_show_layout (cr, heading, 0);
  pango_layout_get_pixel_size (heading, NULL, &h);
  y += h + 8;
  for (i = 0; i < frame->shown->len; i++)
    {
      double drawn = draw_entry (&list, i + 1, g_ptr_array_index (frame->shown, i), y, limit);
      if (drawn < 0)
        break;
      y += drawn + 6;
    }
  if (i < frame->shown->len)
    draw_more (&list, frame->shown->len - i, y);
  cairo_restore (cr);
  g_free (list.font);
  g_free (list.bold);
  g_free (list.small);
}
