/* test-nginx.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-http-server.h"
#include "test-nginx.h"
#include "test-utils.h"

struct _GaioTestNginx
{
  GSubprocess *process;
  char        *dir;
  char        *log;
  guint        port;
  gboolean     tls;
};

static const char *nginx_paths[] = { "/usr/sbin/nginx", "/usr/local/sbin/nginx" };

static char *
find_nginx (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (nginx_paths); i++)
    if (g_file_test (nginx_paths[i], G_FILE_TEST_IS_EXECUTABLE))
      return g_strdup (nginx_paths[i]);
  return g_find_program_in_path ("nginx");
}

/* nginx cannot listen on port 0, so the OS picks a free port for a socket
 * that is closed again just before nginx binds it. */
static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
nginx_has_http2 (const char *nginx)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { nginx, "-V", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, NULL, NULL))
    return FALSE;
  return strstr (err, "--with-http_v2_module") != NULL;
}

static char *
write_config (GaioTestNginx     *self,
              GaioTestNginxMode  mode)
{
  g_autofree char *cert = gaio_test_cert_path ("server");
  g_autofree char *key = gaio_test_cert_path ("server-key");
  g_autofree char *path = g_build_filename (self->dir, "nginx.conf", NULL);
  g_autofree char *tls = NULL;
  g_autofree char *config = NULL;

  if (mode != GAIO_TEST_NGINX_HTTP)
    tls = g_strdup_printf ("ssl_certificate %s; ssl_certificate_key %s;"
                           " ssl_protocols TLSv1.2 TLSv1.3;", cert, key);
  config = g_strdup_printf (
    "daemon off; master_process off; worker_processes 1;\n"
    "pid %1$s/nginx.pid; error_log %1$s/error.log;\n"
    "events { worker_connections 4096; }\n"
    "http {\n"
    "  client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s;\n"
    "  uwsgi_temp_path %1$s; scgi_temp_path %1$s;\n"
    "  log_format conn '$connection $connection_requests $request';\n"
    "  access_log %2$s conn;\n"
    "  keepalive_requests 100000; keepalive_timeout 60s;\n"
    "  server {\n"
    "    listen 127.0.0.1:%3$u%4$s%5$s;\n"
    "    %6$s\n"
    "    location /hello { default_type text/plain; return 200 'Hello'; }\n"
    "  }\n"
    "}\n",
    self->dir, self->log, self->port,
    mode != GAIO_TEST_NGINX_HTTP ? " ssl" : "",
    mode == GAIO_TEST_NGINX_HTTP2 ? " http2" : "",
    tls != NULL ? tls : "");
  g_assert_true (g_file_set_contents (path, config, -1, NULL));
  return g_steal_pointer (&path);
}

/* Waits (a bounded number of short tries) until nginx accepts. */
static gboolean
wait_listening (GaioTestNginx *self)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GSocketConnection) connection = NULL;

      connection = g_socket_client_connect_to_host (client, "127.0.0.1", self->port, NULL, NULL);
      if (connection != NULL)
        return TRUE;
      g_usleep (10000);
    }
  return FALSE;
}

GaioTestNginx *
gaio_test_nginx_new (GaioTestNginxMode   mode,
                     char              **skip_reason)
{
  g_autofree char *nginx = find_nginx ();
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  GaioTestNginx *self;

  if (nginx == NULL)
    {
      *skip_reason = g_strdup ("nginx is not installed");
      return NULL;
    }
  if (mode == GAIO_TEST_NGINX_HTTP2 && !nginx_has_http2 (nginx))
    {
      *skip_reason = g_strdup ("this nginx has no http2 module");
      return NULL;
    }

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      self = g_new0 (GaioTestNginx, 1);
      self->dir = g_dir_make_tmp ("gaio-nginx-XXXXXX", NULL);
      self->log = g_build_filename (self->dir, "access.log", NULL);
      self->port = free_port ();
      self->tls = mode != GAIO_TEST_NGINX_HTTP;
      config = write_config (self, mode);
      self->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                        nginx, "-e", "stderr", "-p", self->dir, "-c", config, NULL);
      g_assert_no_error (error);
      g_clear_pointer (&config, g_free);
      if (wait_listening (self))
        return self;
      /* Another process took the port in between: try another one. */
      gaio_test_nginx_free (self);
    }
  g_error ("nginx did not start");
  return NULL;
}

void
gaio_test_nginx_free (GaioTestNginx *self)
{
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, NULL);
  g_object_unref (self->process);
  gaio_test_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->log);
  g_free (self);
}

char *
gaio_test_nginx_url (GaioTestNginx *self,
                     const char    *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->tls ? "https" : "http", self->port, path);
}

static guint
count_logged (GaioTestNginx *self,
              guint         *n_requests)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *n_requests = 0;
  if (!g_file_get_contents (self->log, &contents, NULL, NULL))
    return 0;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 2);

      if (fields[0] == NULL || *fields[0] == '\0')
        continue;
      (*n_requests)++;
      g_hash_table_add (seen, g_strdup (fields[0]));
    }
  return g_hash_table_size (seen);
}

/* nginx logs a request after sending its response, so the client can be
 * a little ahead of the log: this waits (ten seconds at most) for it. */
guint
gaio_test_nginx_count_connections (GaioTestNginx *self,
                                   guint          n_requests)
{
  guint connections = 0;
  guint logged = 0;

  for (guint i = 0; i < 1000; i++)
    {
      connections = count_logged (self, &logged);
      if (logged >= n_requests)
        break;
      g_usleep (10000);
    }
  g_assert_cmpuint (logged, ==, n_requests);
  return connections;
}

/* Counts the established TCP connections to nginx's port from this
 * machine's side, as /proc/net/tcp lists them. */
guint
gaio_test_nginx_count_open (GaioTestNginx *self)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *port = g_strdup_printf ("%04X", self->port);
  guint open = 0;

  g_assert_true (g_file_get_contents ("/proc/net/tcp", &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      const char *words[4];
      guint n = 0;

      /* sl local_address rem_address st: 01 is ESTABLISHED. */
      for (guint j = 0; fields[j] != NULL && n < G_N_ELEMENTS (words); j++)
        if (*fields[j] != '\0')
          words[n++] = fields[j];
      if (n == G_N_ELEMENTS (words) && strchr (words[2], ':') != NULL &&
          g_str_equal (strchr (words[2], ':') + 1, port) && g_str_equal (words[3], "01"))
        open++;
    }
  return open;
}
