/* marz-output.h: writing an export file whole or not at all
 *
 * An export goes to a temporary file beside its destination and is renamed
 * over it only when everything was written, so a failure (a full disk, a bad
 * value half-way, a cancelled export) leaves neither a partial file nor a
 * damaged earlier one.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MarzOutput MarzOutput;

MarzOutput    *marz_output_open        (const char  *path,
                                        GError     **error);
GOutputStream *marz_output_get_stream  (MarzOutput  *self);
const char    *marz_output_get_path    (MarzOutput  *self);
gboolean       marz_output_write       (MarzOutput  *self,
                                        const void  *data,
                                        gsize        length,
                                        GError     **error);
/* Closes and renames into place.  Fails, leaving nothing behind, if any
 * write failed before. */
gboolean       marz_output_commit      (MarzOutput  *self,
                                        GError     **error);
/* Removes the temporary file; what commit did not keep is dropped. */
void           marz_output_free        (MarzOutput  *self);

/* A cairo_write_func_t for cairo's *_for_stream surfaces and
 * cairo_surface_write_to_png_stream(); @closure is the MarzOutput.  The
 * first failure is kept and reported by marz_output_commit(). */
cairo_status_t marz_output_cairo_write (void                *closure,
                                        const unsigned char *data,
                                        unsigned int         length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarzOutput, marz_output_free)

G_END_DECLS
