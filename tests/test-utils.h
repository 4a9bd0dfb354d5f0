/* test-utils.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gaio.h>

G_BEGIN_DECLS

/* Iterates the thread-default context until @future settles, failing the
 * test after @timeout_ms rather than hanging. */
void     gaio_test_wait_for_future (GaioFuture *future,
                                    guint       timeout_ms);

/* Iterates until *@flag is TRUE, failing after @timeout_ms. */
void     gaio_test_wait_for_flag   (const gboolean *flag,
                                    guint           timeout_ms);

/* Iterates for @ms milliseconds. */
void     gaio_test_iterate_for     (guint       ms);

/* Removes @path and everything under it. */
void     gaio_test_remove_tree     (const char *path);

G_END_DECLS
