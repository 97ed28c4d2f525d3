/* marz-export-dialog.h: exporting the map the window shows as a figure */
#pragma once

#include <adwaita.h>

#include "marz-basemap.h"
#include "marz-incident.h"

G_BEGIN_DECLS

/* What the window shows: the figure starts from it. */
typedef struct
{
  double lat;
  double lon;
  double zoom;
  guint  width;    /* the map's size on screen, in pixels */
  guint  height;
} MarzExportView;

#define MARZ_TYPE_EXPORT_DIALOG (marz_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MarzExportDialog, marz_export_dialog, MARZ, EXPORT_DIALOG, AdwWindow)

/* Reads the incidents from its own connection to @database_path.  @filter
 * and @view are copied. */
MarzExportDialog *marz_export_dialog_new (GtkWindow                *parent,
                                          const char               *database_path,
                                          MarzBasemap              *basemap,
                                          const MarzIncidentFilter *filter,
                                          const MarzExportView     *view);
void              marz_export_dialog_export_to (MarzExportDialog *self,
                                                const char       *path);
/* Whether a job (a preview, a write, a copy) is running or waiting. */
gboolean          marz_export_dialog_get_busy  (MarzExportDialog *self);

G_END_DECLS
