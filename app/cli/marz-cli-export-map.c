/* marz-cli-export-map.c: `marz-cli export-map`, a finished map figure
 *
 * PNG, SVG or PDF, drawn by the core (MarzSnapshot) with no display: the
 * offline basemap, the incidents as the window marks them, and the
 * furniture a report needs.  The file is written whole or not at all.
 */
#define G_LOG_DOMAIN "marz-cli"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marz-basemap.h"
#include "marz-cli-private.h"
#include "marz-mercator.h"
#include "marz-snapshot.h"

#define COMMAND "export-map"
#define DEFAULT_WIDTH 1200
#define PRINT_DPI 300

typedef struct
{
  char     *output, *format, *paper, *bbox, *center, *title, *subtitle, *language;
  int       width, height;
  double    dpi, zoom;
  gboolean  portrait, list, no_legend, no_filters, no_scale_bar, no_north_arrow, no_attribution;
  gboolean  no_diplomacy;
} Args;

static void
args_clear (Args *args)
{
  g_free (args->output), g_free (args->format), g_free (args->paper), g_free (args->bbox);
  g_free (args->center), g_free (args->title), g_free (args->subtitle), g_free (args->language);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Args, args_clear)

/* Landscape, in millimetres. */
static const struct { const char *name; double width, height; } papers[] = {
  { "a4", 297, 210 },
  { "a3", 420, 297 },
  { "letter", 279.4, 215.9 },
};

static gboolean
parse_doubles (const char *text,
               double     *values,
               guint       n)
{
  g_auto(GStrv) parts = text ? g_strsplit (text, ",", -1) : NULL;

  if (parts == NULL || g_strv_length (parts) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char *end;
      values[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (*parts[i] == '\0' || *end != '\0' || !isfinite (values[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_format (Args               *args,
                MarzSnapshotFormat *format)
{
  const char *dot;

  if (args->format)
    return marz_snapshot_format_from_string (args->format, format);
  dot = strrchr (args->output, '.');
  if (dot == NULL || !marz_snapshot_format_from_string (dot + 1, format))
    *format = MARZ_SNAPSHOT_PNG;
  return TRUE;
}

/* The height at which the box's aspect in Web Mercator is the map's.  With
 * the list, the layout that height makes: the list on the right of a
 * landscape figure, or at the bottom of a portrait one (floor(H/3) high, so
 * the map is H - floor(H/3), which takes every whole value). */
static guint
height_for_box (const double *bbox,
                guint         width,
                gboolean      list)
{
  double x0, y0, x1, y1, aspect, map_height;
  guint height;

  marz_mercator_project_unit (bbox[3], bbox[0], &x0, &y0);
  marz_mercator_project_unit (bbox[1], bbox[2], &x1, &y1);
  aspect = (y1 - y0) / (x1 - x0);
  if (!list)
    return (guint) CLAMP (round (width * aspect), 1, 20000);
  height = (guint) CLAMP (round ((width - floor (width / 3.0)) * aspect), 1, 20000);
  if (height <= width)
    return height;
  map_height = CLAMP (round (width * aspect), 1, 13334);
  for (height = (guint) floor (map_height * 1.5) - 2; height - height / 3 < map_height; height++)
    ;
  return height;
}

/* The figure's size in px at 96 dpi: a paper, or --width and --height, or
 * what the box's aspect asks for. */
static const char *
resolve_size (Args         *args,
              const double *bbox,
              guint        *width,
              guint        *height)
{
  if (args->paper)
    {
      for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
        if (g_ascii_strcasecmp (args->paper, papers[i].name) == 0)
          {
            guint w = marz_snapshot_mm_to_px (papers[i].width, 96), h = marz_snapshot_mm_to_px (papers[i].height, 96);
            *width = args->portrait ? h : w, *height = args->portrait ? w : h;
            return NULL;
          }
      return _("--paper is a4, a3 or letter");
    }
  if (args->width < 0 || args->height < 0 || args->width > 20000 || args->height > 20000)
    return _("--width and --height are between 1 and 20000 px");
  *width = args->width ? (guint) args->width : DEFAULT_WIDTH;
  if (args->height)
    *height = (guint) args->height;
  else if (bbox != NULL)
    *height = height_for_box (bbox, *width, args->list);
  else
    *height = *width * 2 / 3;
  return NULL;
}

static const char *
resolve_view (Args         *args,
              MarzSnapshot *snapshot,
              double       *bbox,
              gboolean     *has_bbox)
{
  double center[2];

  *has_bbox = FALSE;
  if (args->bbox && (args->center || args->zoom >= 0))
    return _("give --bbox, or --center with --zoom, not both");
  if (args->bbox)
    {
      if (!parse_doubles (args->bbox, bbox, 4) || bbox[0] >= bbox[2] || bbox[1] >= bbox[3] ||
          bbox[1] < -85 || bbox[3] > 85 || bbox[0] < -180 || bbox[2] > 180)
        return _("--bbox is MINLON,MINLAT,MAXLON,MAXLAT in degrees, minima below maxima");
      marz_snapshot_set_bbox (snapshot, bbox[0], bbox[1], bbox[2], bbox[3]);
      *has_bbox = TRUE;
      return NULL;
    }
  if ((args->center != NULL) != (args->zoom >= 0))
    return _("--center and --zoom go together");
  if (args->center)
    {
      if (!parse_doubles (args->center, center, 2) || fabs (center[0]) > 85 || fabs (center[1]) > 180)
        return _("--center is LAT,LON in degrees");
      if (args->zoom > MARZ_SNAPSHOT_MAX_ZOOM)
        return _("--zoom is between 0 and 20");
      marz_snapshot_set_center_zoom (snapshot, center[0], center[1], args->zoom);
    }
  return NULL;
}

static MarzSnapshotFurniture
resolve_furniture (Args *args)
{
  MarzSnapshotFurniture furniture = MARZ_SNAPSHOT_FURNITURE_DEFAULT;

  if (args->no_legend)
    furniture &= ~MARZ_SNAPSHOT_LEGEND;
  if (args->no_filters)
    furniture &= ~MARZ_SNAPSHOT_FILTERS;
  if (args->no_scale_bar)
    furniture &= ~MARZ_SNAPSHOT_SCALE_BAR;
  if (args->no_north_arrow)
    furniture &= ~MARZ_SNAPSHOT_NORTH_ARROW;
  if (args->no_attribution)
    furniture &= ~MARZ_SNAPSHOT_ATTRIBUTION;
  if (args->list)
    furniture |= MARZ_SNAPSHOT_LIST;
  return furniture;
}

static const char *
summary_text (void)
{
  return _("Export the map as a finished figure: PNG, SVG or PDF (vector, text as text in the PDF), "
           "with a title, the dates and filters, a legend, a scale bar (true at the latitude of the "
           "map's centre), a north arrow and the attribution of every data source, each of which can "
           "be left out. Runs without a display.\n\n"
           "Size: --width and --height are in px at 96 dpi (default 1200 wide); a PNG has "
           "width×dpi/96 by height×dpi/96 pixels (--dpi, default 96). --paper a4, a3 or letter "
           "sets the size of that paper, landscape unless --portrait, and --dpi 300 unless given.\n\n"
           "View: by default, every incident shown is framed. --bbox fills the map with the box in "
           "Web Mercator: exactly along the tighter dimension and centred along the other; without "
           "--height the height follows from the box (with --list, in the layout that height makes), "
           "so that its corners are the map's corners and "
           "a place's pixel is x = W·(X(lon)−X(minlon))/(X(maxlon)−X(minlon)), likewise for y.\n\n"
           "Frame: the title, legend, scale bar, north arrow and attribution are drawn over the map, "
           "in boxes. With --list, the numbered list of the incidents takes a panel of floor(W/3) px "
           "on the right of a landscape figure (floor(H/3) at the bottom of a portrait one) and the "
           "map, --bbox included, fills the rest; numbers beside the markers match the list.");
}

static void
print_result (MarzSnapshot       *snapshot,
              const char         *path,
              MarzSnapshotFormat  format,
              double              dpi,
              guint               png_width,
              guint               png_height)
{
  guint w, h;
  double x, y, mw, mh;

  marz_snapshot_get_size (snapshot, &w, &h);
  marz_snapshot_get_map_frame (snapshot, &x, &y, &mw, &mh);
  if (format == MARZ_SNAPSHOT_PNG)
    w = (guint) round (w * dpi / 96), h = (guint) round (h * dpi / 96);
  if (format == MARZ_SNAPSHOT_PNG && png_width)
    w = png_width, h = png_height;
  /* Translators: «map.png: 1200×800 px, the map at 0,0 1200×800 (px at 96 dpi)» */
  g_print (_("%s: %u×%u %s, the map at %g,%g %g×%g (px at 96 dpi)\n"), path, w, h,
           format == MARZ_SNAPSHOT_PNG ? "px" : marz_snapshot_format_to_string (format), x, y, mw, mh);
}

int
marz_cli_export_map (MarzCli  *cli,
                     int       argc,
                     char    **argv)
{
  g_auto(Args) args = { .dpi = 0, .zoom = -1 };
  g_auto(MarzCliFilterArgs) filter_args = { NULL };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output, N_("Write the figure to FILE"), "FILE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &args.format, N_("png, svg or pdf (default: from FILE's extension, else png)"), "FORMAT" },
    { "width", 0, 0, G_OPTION_ARG_INT, &args.width, N_("Width in px at 96 dpi (default 1200)"), "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &args.height, N_("Height in px at 96 dpi (default: from the box, else 2/3 of the width)"), "PX" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &args.dpi, N_("Resolution of a PNG (default 96; 300 with --paper)"), "N" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &args.paper, N_("The size of a paper: a4, a3 or letter, landscape"), "PAPER" },
    { "portrait", 0, 0, G_OPTION_ARG_NONE, &args.portrait, N_("The paper upright"), NULL },
    { "bbox", 0, 0, G_OPTION_ARG_STRING, &args.bbox, N_("Show this box (degrees)"), "MINLON,MINLAT,MAXLON,MAXLAT" },
    { "center", 0, 0, G_OPTION_ARG_STRING, &args.center, N_("Centre the map here (with --zoom)"), "LAT,LON" },
    { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &args.zoom, N_("Web Mercator zoom, fractions allowed (with --center)"), "Z" },
    MARZ_CLI_FILTER_ENTRIES (&filter_args),
    { "no-diplomacy", 0, 0, G_OPTION_ARG_NONE, &args.no_diplomacy, N_("Leave out talks, ceasefires and closures"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &args.title, N_("The figure's title"), "TEXT" },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &args.subtitle, N_("A line under the title"), "TEXT" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &args.language, N_("Labels and place names in en, ar, fa or ps (default en)"), "LANG" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &args.list, N_("Add the numbered list of the incidents shown"), NULL },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &args.no_legend, N_("Leave out the legend"), NULL },
    { "no-filters", 0, 0, G_OPTION_ARG_NONE, &args.no_filters, N_("Leave out the dates and filters under the title"), NULL },
    { "no-scale-bar", 0, 0, G_OPTION_ARG_NONE, &args.no_scale_bar, N_("Leave out the scale bar"), NULL },
    { "no-north-arrow", 0, 0, G_OPTION_ARG_NONE, &args.no_north_arrow, N_("Leave out the north arrow"), NULL },
    { "no-attribution", 0, 0, G_OPTION_ARG_NONE, &args.no_attribution, N_("Leave out the data sources (credit them elsewhere)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MarzStore) store = NULL;
  g_autoptr(MarzGazetteer) gazetteer = NULL;
  g_autoptr(MarzBasemap) basemap = NULL;
  g_autoptr(MarzSnapshot) snapshot = NULL;
  g_auto(MarzIncidentFilter) filter = { NULL, NULL, -1, NULL };
  MarzSnapshotFormat format;
  const char *message = NULL;
  double bbox[4];
  gboolean has_bbox;
  guint width = 0, height = 0, png_width = 0, png_height = 0;

  if (!marz_cli_parse_options (COMMAND, "", summary_text (), entries, &argc, &argv, &error))
    return marz_cli_usage_error (COMMAND, error->message);
  if (argc > 1)
    return marz_cli_usage_error (COMMAND, _("unexpected arguments"));
  if (args.output == NULL)
    return marz_cli_usage_error (COMMAND, _("give --output FILE"));
  if (!resolve_format (&args, &format))
    return marz_cli_usage_error (COMMAND, _("--format is png, svg or pdf"));
  if (args.paper && (args.width || args.height))
    return marz_cli_usage_error (COMMAND, _("give --paper or --width and --height, not both"));
  if (args.dpi == 0)
    args.dpi = args.paper ? PRINT_DPI : 96;
  if (args.dpi < 10 || args.dpi > 1200)
    return marz_cli_usage_error (COMMAND, _("--dpi is between 10 and 1200"));

  if (!(store = marz_cli_open_store (cli, &error)))
    return marz_cli_fail (g_steal_pointer (&error));
  if (!marz_cli_filter_args_resolve (&filter_args, store, &filter, &message))
    return marz_cli_usage_error (COMMAND, message);
  filter.hide_diplomacy = args.no_diplomacy;
  if (!(gazetteer = marz_gazetteer_new_default (&error)) || !(basemap = marz_basemap_new_default (gazetteer, &error)))
    return marz_cli_fail (g_steal_pointer (&error));
  marz_basemap_set_language (basemap, args.language);
  snapshot = marz_snapshot_new (basemap, &filter);
  marz_snapshot_set_language (snapshot, marz_basemap_get_language (basemap));
  marz_snapshot_set_title (snapshot, args.title, args.subtitle);
  marz_snapshot_set_furniture (snapshot, resolve_furniture (&args));
  if ((message = resolve_view (&args, snapshot, bbox, &has_bbox)) ||
      (message = resolve_size (&args, has_bbox ? bbox : NULL, &width, &height)))
    return marz_cli_usage_error (COMMAND, message);
  marz_snapshot_set_size (snapshot, width, height);
  /* A paper's pixels at its dpi, not its rounded 96 dpi size scaled. */
  for (guint i = 0; args.paper && i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (args.paper, papers[i].name) == 0)
      {
        guint w = marz_snapshot_mm_to_px (papers[i].width, args.dpi), h = marz_snapshot_mm_to_px (papers[i].height, args.dpi);
        png_width = args.portrait ? h : w, png_height = args.portrait ? w : h;
        marz_snapshot_set_png_size (snapshot, png_width, png_height);
      }

  if (!marz_snapshot_load (snapshot, store, &error) ||
      !marz_snapshot_write (snapshot, args.output, format, args.dpi, &error))
    return marz_cli_fail (g_steal_pointer (&error));
  print_result (snapshot, args.output, format, args.dpi, png_width, png_height);
  return EXIT_SUCCESS;
}
