/* marz-application.h: the desktop app: one instance, one map window */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MARZ_TYPE_APPLICATION (marz_application_get_type ())
G_DECLARE_FINAL_TYPE (MarzApplication, marz_application, MARZ, APPLICATION, AdwApplication)

MarzApplication *marz_application_new (void);

G_END_DECLS
