/* gaio-demo-site.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A small web site served by a SoupServer on 127.0.0.1 (random port) in the
 * calling process, on the thread-default main context. gaio-fetch --demo
 * fetches it, and the example programs of every language run against it.
 *
 * Paths:
 *   /page/1 … /page/8   HTML pages with titles, 1 KiB to 160 KiB,
 *                       answered after 50 to 400 ms
 *   /notes.txt          plain text without a title (80 ms)
 *   /api/sensor/N       JSON {"sensor": N, "unit": "C", "readings": [...]}
 *                       for N in 1…3 (60 ms × N)
 *   /api/summary        JSON listing the site's pages (40 ms)
 *   /redirect           302 to /page/1
 *   /missing            404
 *   /slow               answered after 3 s (past gaio-fetch --demo's 1 s deadline)
 *   /flaky?id=ID        503 (Retry-After: 0) the first time for each ID, then 200
 *   /                   an index page
 * Any path takes `?delay=MS` to override its delay. */

typedef struct _GaioDemoSite GaioDemoSite;

GaioDemoSite *gaio_demo_site_new          (GError      **error);
void          gaio_demo_site_free         (GaioDemoSite *self);
const char   *gaio_demo_site_get_base_url (GaioDemoSite *self);
char        **gaio_demo_site_get_demo_urls (GaioDemoSite *self);
/* Multiplies every delay, so that order still follows the delays when the
 * site itself runs slowly (under valgrind). */
void          gaio_demo_site_set_delay_scale (GaioDemoSite *self,
                                              guint         scale);

/* The deadline, in seconds, that gaio-fetch --demo uses so that /slow fails. */
#define GAIO_DEMO_SITE_TIMEOUT 1

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GaioDemoSite, gaio_demo_site_free)

G_END_DECLS
