/* test-filename.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include <string.h>

#include "test-utils.h"

/* The invariants every name must keep, whatever the URL. */
static void
assert_safe_name (const char *name)
{
  gsize len = strlen (name);

  g_assert_nonnull (name);
  g_assert_cmpuint (len, >, 0);
  g_assert_cmpuint (len, <=, GAIO_FILENAME_MAX_LENGTH);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_null (strchr (name, '/'));
  g_assert_null (strchr (name, '\\'));
  g_assert_null (strstr (name, ".."));
  g_assert_cmpint (name[0], !=, '.');
  g_assert_cmpint (name[0], !=, '-');
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_cmpint (g_unichar_type (c), !=, G_UNICODE_FORMAT);
      g_assert_false (g_unichar_isspace (c));
    }
}

static void
test_filename_readable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = gaio_filename_for_url ("https://example.com/docs/index.html", &error);

  g_assert_no_error (error);
  assert_safe_name (name);
  g_assert_true (g_str_has_prefix (name, "example.com_docs_index.html-"));
  g_assert_true (g_str_has_suffix (name, ".html"));
  /* readable part, '-', 16 hex digits, extension */
  g_assert_cmpuint (strlen (name), ==, strlen ("example.com_docs_index.html-") + 16 + 5);
}

static void
test_filename_stable (void)
{
  /* Pinned: names must never change between runs or releases, or a scraper
   * would download everything again under new names. */
  struct { const char *url; const char *name; } cases[] = {
    { "https://example.com/docs/index.html", "example.com_docs_index.html-%s.html" },
    { "http://example.com:8080/a?b=c#frag", "example.com_8080_a_b=c-%s" },
    { "https://example.com/", "example.com-%s" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = gaio_filename_for_url (cases[i].url, &error);
      g_autofree char *again = gaio_filename_for_url (cases[i].url, &error);
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, cases[i].url, -1);
      g_autofree char *hash = g_strndup (digest, 16);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_autofree char *expected = g_strdup_printf (cases[i].name, hash);
#pragma GCC diagnostic pop

      g_assert_no_error (error);
      g_assert_cmpstr (name, ==, expected);
      g_assert_cmpstr (again, ==, name);
    }

  {
    g_autofree char *name = gaio_filename_for_url ("https://example.com/docs/index.html", NULL);
    g_assert_cmpstr (name, ==, "example.com_docs_index.html-cf9fb4f7674b5979.html");
  }
}

static void
test_filename_hostile (void)
{
  const char *urls[] = {
    "http://example.com/../../etc/passwd",
    "http://example.com/%2e%2e/%2e%2e/etc/passwd",
    "http://example.com/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "http://example.com/%252e%252e/x",
    "http://example.com/..%5c..%5cwindows",
    "http://example.com/a\\b\\..\\..\\c",
    "http://example.com//etc/passwd",
    "http://example.com/.hidden",
    "http://example.com/...",
    "http://example.com/.",
    "http://example.com/%00nul%00",
    "http://example.com/ctl%01%02%1b[31m%7f",
    "http://example.com/new%0aline%0d",
    "http://example.com/%e2%80%ae%e2%80%8brtl",
    "http://example.com/%ff%fe%c0%af",
    "http://example.com/caf%C3%A9/%E6%97%A5%E6%9C%AC%E8%AA%9E.html",
    "http://-rf/x",
    "http://[::1]:8080/x",
    "http://user:secret@example.com/x",
    "http://example.com/ spaces and\ttabs ",
    "http://example.com/?q=../../x&y=/etc",
    "http://example.com/#../../x",
    "http://example.com/a.verylongextensionthatisnotone",
    "http://example.com/a.h%2fml",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = gaio_filename_for_url (urls[i], &error);
      g_autofree char *path = NULL;

      g_test_message ("%s → %s", urls[i], name);
      g_assert_no_error (error);
      assert_safe_name (name);
      g_assert_null (strstr (name, "secret"));

      path = gaio_filename_for_url_in_folder ("/srv/pages", urls[i], &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (path, "/srv/pages/"));
      g_assert_cmpstr (path + strlen ("/srv/pages/"), ==, name);
    }
}

static void
test_filename_long (void)
{
  g_autoptr(GString) url = g_string_new ("https://example.com/");
  g_autoptr(GString) unicode = g_string_new ("https://example.com/");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *uname = NULL;
  g_autofree char *host = NULL;
  g_autofree char *hs = g_strnfill (300, 'h');

  while (url->len < 10 * 1024)
    g_string_append (url, "segment/");
  g_string_append (url, "end.html");
  name = gaio_filename_for_url (url->str, &error);
  g_assert_no_error (error);
  assert_safe_name (name);
  g_assert_true (g_str_has_suffix (name, ".html"));

  /* Three-byte characters, so that the cut falls inside one at some offset. */
  for (int i = 0; i < 300; i++)
    g_string_append (unicode, "%E6%97%A5");
  uname = gaio_filename_for_url (unicode->str, &error);
  g_assert_no_error (error);
  assert_safe_name (uname);
  for (int shift = 0; shift < 3; shift++)
    {
      g_autofree char *shifted = NULL;

      g_string_insert_c (unicode, strlen ("https://example.com/"), 'a');
      shifted = gaio_filename_for_url (unicode->str, &error);
      g_assert_no_error (error);
      assert_safe_name (shifted);
    }

  /* A host alone can be long too. */
  host = g_strdup_printf ("http://%s.example.com/", hs);
  g_free (name);
  name = gaio_filename_for_url (host, &error);
  g_assert_no_error (error);
  assert_safe_name (name);
}

static void
test_filename_distinct (void)
{
  const char *urls[] = {
    "http://example.com/a/b",
    "http://example.com/a_b",
    "http://example.com/a%2fb",
    "http://example.com/a?b",
    "http://example.com/a#b",
    "http://example.com/A/b",
    "http://Example.com/a/b",
    "https://example.com/a/b",
    "http://example.com:80/a/b",
    "http://example.com/a/b/",
    "http://example.com/a/../b",
    "http://example.com/a/./b",
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) base = g_string_new ("http://example.com/");

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      char *name = gaio_filename_for_url (urls[i], NULL);

      g_assert_true (g_hash_table_add (seen, name));
    }

  /* Long URLs that differ only past the readable part's cut. */
  while (base->len < 1000)
    g_string_append (base, "x");
  for (int i = 0; i < 1000; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s%d", base->str, i);
      char *name = gaio_filename_for_url (url, NULL);

      g_assert_true (g_hash_table_add (seen, name));
    }
}

static void
test_filename_invalid (void)
{
  const char *urls[] = {
    "",
    "not a url",
    "/absolute/path",
    "relative/path",
    "file:///etc/passwd",
    "mailto:someone@example.com",
    "http://",
    "http:///path-only",
    "http://exa mple.com/",
    "http://example.com:99999/",
    "http://%2e%2e/x",
    "http://..%2f..%2f/x",
    "http://a\\b/x",
  };
  g_autoptr(GError) error = NULL;
  char bad_utf8[] = "http://example.com/\xff\xfe";
  g_autofree char *name = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *result = gaio_filename_for_url (urls[i], &error);

      g_test_message ("%s → %s", urls[i], error ? error->message : result);
      g_assert_null (result);
      g_assert_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL);
      g_clear_error (&error);
    }

  name = gaio_filename_for_url (bad_utf8, &error);
  g_assert_null (name);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL);
  g_clear_error (&error);

  name = gaio_filename_for_url_in_folder ("", "http://example.com/", &error);
  g_assert_null (name);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_UNSAFE_FILENAME);
  g_clear_error (&error);

  name = gaio_filename_for_url_in_folder ("/tmp", "nope", &error);
  g_assert_null (name);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL);
  g_clear_error (&error);

  /* The message names the URL, never its credentials. */
  name = gaio_filename_for_url ("http://user:secret@exa mple.com/", &error);
  g_assert_null (name);
  g_assert_error (error, GAIO_ERROR, GAIO_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "exa mple.com"));
  g_assert_null (strstr (error->message, "secret"));
}

static void
test_filename_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *relative = gaio_filename_for_url_in_folder ("pages", "http://example.com/x", &error);
  g_autofree char *dotted = gaio_filename_for_url_in_folder ("a/../b/", "http://example.com/x", &error);
  g_autofree char *root = gaio_filename_for_url_in_folder ("/", "http://example.com/x", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (relative, "pages/example.com_x-"));
  g_assert_true (g_str_has_prefix (dotted, "a/../b/example.com_x-"));
  g_assert_true (g_str_has_prefix (root, "/example.com_x-"));
}

static void
test_filename_content_type (void)
{
  /* url, content type, extension the name must end with ("" for none) */
  const struct { const char *url; const char *type; const char *ext; } cases[] = {
    { "https://example.com/docs/", "text/html; charset=utf-8", ".html" },
    { "https://example.com/api/sensor/1", "application/json", ".json" },
    { "https://example.com/api?q=1", "  TEXT/Plain ;charset=x", ".txt" },
    { "https://example.com/", "image/svg+xml", ".svg" },
    /* The URL's own extension wins over the type. */
    { "https://example.com/notes.txt", "text/html", ".txt" },
    { "https://example.com/page.php", "application/pdf", ".php" },
    /* Unknown, malformed or missing types add nothing. */
    { "https://example.com/blob", "application/octet-stream", "" },
    { "https://example.com/blob", "text/htmlx", "" },
    { "https://example.com/blob", "", "" },
    { "https://example.com/blob", NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *plain = gaio_filename_for_url (cases[i].url, &error);
      g_autofree char *typed = gaio_filename_for_url_with_type (cases[i].url, cases[i].type, &error);
      g_autofree char *in_folder = gaio_filename_for_url_in_folder_with_type ("pages", cases[i].url,
                                                                              cases[i].type, &error);
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      assert_safe_name (typed);
      /* The typed name is the plain one plus the extension, when the URL
       * lacks one: existing names never change. */
      if (g_str_has_suffix (plain, cases[i].ext))
        expected = g_strdup (plain);
      else
        expected = g_strconcat (plain, cases[i].ext, NULL);
      g_assert_cmpstr (typed, ==, expected);
      g_assert_true (g_str_has_prefix (in_folder, "pages/"));
      g_assert_cmpstr (in_folder + strlen ("pages/"), ==, expected);
    }

  g_assert_cmpstr (gaio_filename_extension_for_type ("text/html"), ==, ".html");
  g_assert_cmpstr (gaio_filename_extension_for_type ("Image/JPEG"), ==, ".jpg");
  g_assert_cmpstr (gaio_filename_extension_for_type ("application/json;charset=utf-8"), ==, ".json");
  g_assert_null (gaio_filename_extension_for_type ("text"));
  g_assert_null (gaio_filename_extension_for_type ("text/"));
  g_assert_null (gaio_filename_extension_for_type ("application/x-unknown"));
}

static void
test_filename_content_type_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) url = g_string_new ("https://example.com/");
  g_autofree char *name = NULL;

  /* A long URL keeps its extension within the length limit. */
  for (guint i = 0; i < 100; i++)
    g_string_append (url, "segment/");
  g_string_append (url, "end");
  name = gaio_filename_for_url_with_type (url->str, "text/html", &error);
  g_assert_no_error (error);
  assert_safe_name (name);
  g_assert_true (g_str_has_suffix (name, ".html"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/Filename/readable", test_filename_readable);
  g_test_add_func ("/Gaio/Filename/stable", test_filename_stable);
  g_test_add_func ("/Gaio/Filename/hostile", test_filename_hostile);
  g_test_add_func ("/Gaio/Filename/long", test_filename_long);
  g_test_add_func ("/Gaio/Filename/distinct", test_filename_distinct);
  g_test_add_func ("/Gaio/Filename/invalid", test_filename_invalid);
  g_test_add_func ("/Gaio/Filename/folder", test_filename_folder);
  g_test_add_func ("/Gaio/Filename/content-type", test_filename_content_type);
  g_test_add_func ("/Gaio/Filename/content-type-long", test_filename_content_type_long);

  return g_test_run ();
}
