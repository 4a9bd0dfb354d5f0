/* gaio-version-macros.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#if !defined(GAIO_INSIDE) && !defined(GAIO_COMPILATION)
# error "Only <gaio.h> can be included directly."
#endif

#include <glib.h>

#ifndef _GAIO_EXTERN
# define _GAIO_EXTERN __attribute__((visibility("default"))) extern
#endif

#define GAIO_VERSION_0_1 (G_ENCODE_VERSION (0, 1))
#define GAIO_VERSION_0_2 (G_ENCODE_VERSION (0, 2))

#ifdef GAIO_DISABLE_DEPRECATION_WARNINGS
# define GAIO_DEPRECATED _GAIO_EXTERN
# define GAIO_DEPRECATED_FOR(f) _GAIO_EXTERN
# define GAIO_UNAVAILABLE(maj,min) _GAIO_EXTERN
#else
# define GAIO_DEPRECATED G_DEPRECATED _GAIO_EXTERN
# define GAIO_DEPRECATED_FOR(f) G_DEPRECATED_FOR (f) _GAIO_EXTERN
# define GAIO_UNAVAILABLE(maj,min) G_UNAVAILABLE (maj, min) _GAIO_EXTERN
#endif

#define GAIO_AVAILABLE_IN_ALL _GAIO_EXTERN
#define GAIO_AVAILABLE_IN_0_1 _GAIO_EXTERN
#define GAIO_AVAILABLE_IN_0_2 _GAIO_EXTERN
