/* check.h: what the tests drive fetch-window.c with, kept out of the
 * example itself.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gaio.h>
#include <gtk/gtk.h>

typedef struct _Check Check;

Check *check_parse_options (int           *argc,
                            char        ***argv,
                            char         **out);
void   check_drive         (Check         *self,
                            GApplication  *app,
                            GtkWindow     *window,
                            GtkListView   *list);
void   check_start         (Check         *self,
                            GaioGatherer  *gatherer);
void   check_finish        (Check         *self,
                            GaioGatherer  *gatherer);
int    check_status        (Check         *self);
void   check_free          (Check         *self);
