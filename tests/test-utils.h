/* test-utils.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gaio.h>

G_BEGIN_DECLS

/* A safety timeout of @ms, ten times longer under valgrind (as meson's
 * timeout_multiplier for --setup=valgrind): valgrind runs code 20 to 50
 * times slower, and a safety net must not become the test. */
guint    gaio_test_timeout_ms      (guint       ms);

/* Iterates the thread-default context until @future settles, failing the
 * test after gaio_test_timeout_ms (@timeout_ms) rather than hanging. */
void     gaio_test_wait_for_future (GaioFuture *future,
                                    guint       timeout_ms);

/* The same, then asserts that @future resolved and returns its value
 * (owned by @future), or that it failed and returns its error. */
const GValue *gaio_test_wait_value (GaioFuture *future,
                                    guint       timeout_ms);
GError       *gaio_test_wait_error (GaioFuture *future,
                                    guint       timeout_ms);
/* gaio_test_wait_value() for a future of an object: asserts the value holds
 * an object and returns a new reference to it. */
gpointer      gaio_test_wait_object (GaioFuture *future,
                                     guint       timeout_ms);

/* How long a network test waits for one future: memcheck makes a TLS
 * handshake some thirty times slower. */
#define GAIO_TEST_NETWORK_WAIT_MS (g_getenv ("GAIO_UNDER_VALGRIND") != NULL ? 60000 : 10000)

/* Iterates until *@flag is TRUE, failing after
 * gaio_test_timeout_ms (@timeout_ms). */
void     gaio_test_wait_for_flag   (const gboolean *flag,
                                    guint           timeout_ms);

/* Iterates for @ms milliseconds. */
void     gaio_test_iterate_for     (guint       ms);

/* Removes @path and everything under it. */
void     gaio_test_remove_tree     (const char *path);

/* How many entries the folder @path holds. */
guint    gaio_test_count_files     (const char *path);

/* A worker-pool job that blocks until released: with the bound at 1 it
 * holds the pool's only slot. Pass gaio_test_gate_func with a GaioTestGate
 * (zeroed, then gaio_test_gate_init()) to gaio_run_in_thread(). */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean release;
  gboolean started;
} GaioTestGate;

void     gaio_test_gate_init       (GaioTestGate *gate);
void     gaio_test_gate_clear      (GaioTestGate *gate);
void     gaio_test_gate_func       (GaioFuture   *future,
                                    GCancellable *cancellable,
                                    gpointer      user_data);
void     gaio_test_gate_wait_started (GaioTestGate *gate);
void     gaio_test_gate_release    (GaioTestGate *gate);

G_END_DECLS
