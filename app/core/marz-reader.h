/* marz-reader.h: turn files into articles, or say exactly why not */
#pragma once

#include <gio/gio.h>

#include "marz-article.h"

G_BEGIN_DECLS

#define MARZ_READER_ERROR (marz_reader_error_quark ())

typedef enum
{
  MARZ_READER_ERROR_UNREADABLE,
  MARZ_READER_ERROR_EMPTY,
  MARZ_READER_ERROR_BINARY,
  MARZ_READER_ERROR_UNDECODABLE,
  MARZ_READER_ERROR_TOO_LARGE,
} MarzReaderError;

/* A news article is a few kilobytes; anything this big is a mistake. */
#define MARZ_READER_MAX_SIZE (8 * 1024 * 1024)

GQuark       marz_reader_error_quark (void);
gboolean     marz_reader_decode      (const char   *name,
                                      const guint8 *data,
                                      gsize         len,
                                      char        **text,
                                      gsize        *text_len,
                                      const char  **encoding,
                                      GError      **error);
MarzArticle *marz_reader_read_bytes  (const char   *path,
                                      GBytes       *bytes,
                                      GError      **error);
MarzArticle *marz_reader_read_file   (const char   *path,
                                      GError      **error);
GPtrArray   *marz_reader_collect     (const char * const *paths);

typedef struct
{
  GStringChunk *chunk;   /* the paths' bytes */
  GPtrArray    *paths;   /* borrowed from @chunk */
} MarzPathList;

MarzPathList *marz_path_list_new     (const char * const *paths);
void          marz_path_list_free    (MarzPathList       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzPathList, marz_path_list_free)

G_END_DECLS
