/* gaio-websocket-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#pragma once

#include <libsoup/soup.h>

#include "gaio-websocket.h"

G_BEGIN_DECLS

/* The handshake request hands over the connection libsoup stole for it. */
GaioWebSocket *gaio_web_socket_new_for_connection (SoupWebsocketConnection *connection,
                                                   const char              *url,
                                                   guint64                  max_message_size);

G_END_DECLS
