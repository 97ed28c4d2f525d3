/* marz-import.h: files in, incidents stored */
#pragma once

#include <gio/gio.h>

#include "marz-extractor.h"
#include "marz-store.h"

G_BEGIN_DECLS

typedef enum
{
  MARZ_IMPORT_ADDED,
  MARZ_IMPORT_DUPLICATE,
  MARZ_IMPORT_FAILED,
} MarzImportOutcome;

typedef struct
{
  const char        *path;
  MarzImportOutcome  outcome;
  const char        *detail;       /* why it failed, or the article it duplicates */
  const char        *language;     /* of an added article; valid during the callback */
  guint              n_reports;    /* of an added article */
} MarzImportItem;

typedef struct
{
  guint added;
  guint duplicates;
  guint failed;
} MarzImportSummary;

typedef void (*MarzImportProgress) (const MarzImportItem *item,
                                    guint                 done,
                                    guint                 total,
                                    gpointer              user_data);

gboolean marz_import_paths (MarzStore          *store,
                            MarzExtractor      *extractor,
                            const char * const *paths,
                            GCancellable       *cancellable,
                            MarzImportProgress  progress,
                            gpointer            user_data,
                            MarzImportSummary  *summary,
                            GError            **error);

G_END_DECLS
