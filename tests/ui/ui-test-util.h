/* ui-test-util.h: what the UI tests share: a display or a skip, waiting
 * on the main loop, a MarzWindow on a store, finding widgets
 */
#pragma once

#include <adwaita.h>

#include "marz-window.h"

G_BEGIN_DECLS

#define UI_TEST_TIMEOUT_S 60

typedef gboolean (*UiTestCondition) (gpointer data);

void        ui_test_init           (int              *argc,
                                    char           ***argv);
gboolean    ui_test_needs_display  (void);
void        ui_test_wait_for       (UiTestCondition   condition,
                                    gpointer          data,
                                    const char       *what);
void        ui_test_settle_frames  (void);
gboolean    ui_test_window_settled (gpointer          data);
char       *ui_test_db_path        (const char       *name);
MarzWindow *ui_test_open_window    (const char       *db);
void        ui_test_close_window   (MarzWindow       *window);
GtkWidget  *ui_test_find_widget    (GtkWidget        *root,
                                    GType             type,
                                    guint             nth);
GdkTexture *ui_test_render_widget  (GtkWidget        *widget);
guint32     ui_test_texture_pixel  (GdkTexture       *texture,
                                    int               x,
                                    int               y);

G_END_DECLS
