/* test-gaio-fetch-text.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "gaio-fetch-text.h"

static void
test_fetch_text_entities (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "a &amp; b", "a & b" },
    { "&lt;p&gt; &quot;x&quot; &apos;y&apos;", "<p> \"x\" 'y'" },
    { "&#65;&#x42;&#X43;", "ABC" },
    { "caf&eacute; &unknown; & alone &#0; &#xZZ; &#1114112;",
      "caf&eacute; &unknown; & alone &#0; &#xZZ; &#1114112;" },
    { "a&mdash;b&hellip;", "a\xe2\x80\x94" "b\xe2\x80\xa6" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = gaio_fetch_decode_entities (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_fetch_text_whitespace (void)
{
  g_autofree char *a = gaio_fetch_collapse_whitespace ("  a \t\n b  c ");
  g_autofree char *b = gaio_fetch_collapse_whitespace ("\n\n");
  g_autofree char *c = gaio_fetch_collapse_whitespace ("x\xc2\xa0y");

  g_assert_cmpstr (a, ==, "a b c");
  g_assert_cmpstr (b, ==, "");
  g_assert_cmpstr (c, ==, "x y");
}

static void
test_fetch_text_title (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "<html><head><title>Hello</title></head></html>", "Hello" },
    { "<TITLE lang=\"en\">\n  Sleep &amp;\n timeouts </Title>", "Sleep & timeouts" },
    { "<titles>no</titles>", NULL },
    { "<title></title>", NULL },
    { "<title>   </title>", NULL },
    { "<title>unterminated", NULL },
    { "no markup at all", NULL },
    { "<svg><title>first</title></svg><title>second</title>", "first" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = gaio_fetch_extract_title (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_fetch_text_snippet (void)
{
  g_autofree char *a = gaio_fetch_snippet ("  one   two\nthree  ", 100);
  g_autofree char *b = gaio_fetch_snippet ("h\xc3\xa9llo world", 3);
  g_autofree char *c = gaio_fetch_snippet ("bad \xff byte", 100);

  g_assert_cmpstr (a, ==, "one two three");
  g_assert_cmpstr (b, ==, "h\xc3\xa9l");
  g_assert_true (g_utf8_validate (c, -1, NULL));
}

static void
test_fetch_text_size (void)
{
  static const struct { const char *in; guint64 out; } good[] = {
    { "0", 0 }, { "512", 512 }, { "64K", 65536 }, { "64k", 65536 }, { "64M", 64 << 20 },
    { "1G", G_GUINT64_CONSTANT (1) << 30 }, { "2KiB", 2048 }, { "3MB", 3 << 20 },
  };
  static const char *bad[] = {
    "", "K", "-1", "1.5M", "10X", "10 M", "99999999999999999999", "17179869184G",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 size = 1;

      g_assert_true (gaio_fetch_parse_size (good[i].in, &size, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (size, ==, good[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 size = 1;

      g_assert_false (gaio_fetch_parse_size (bad[i], &size, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_cmpuint (size, ==, 1);
    }
}

static void
test_fetch_text_eta (void)
{
  const struct { guint done; guint total; double elapsed; const char *eta; } cases[] = {
    { 0, 10, 5.0, NULL },         /* nothing finished: no pace yet */
    { 10, 10, 5.0, NULL },        /* nothing left */
    { 1, 2, 0.2, "1 s" },         /* rounded up, never "0 s" */
    { 5, 10, 10.0, "10 s" },
    { 1, 10, 10.0, "1:30" },
    { 1, 100, 60.0, "1:39:00" },
    { 3, 4, 174.0, "58 s" },
    { 1, 2, -1.0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *eta = gaio_fetch_format_eta (cases[i].done, cases[i].total, cases[i].elapsed);

      g_assert_cmpstr (eta, ==, cases[i].eta);
    }
}

static void
test_fetch_text_progress (void)
{
  g_autofree char *start = gaio_fetch_progress_line (0, 4, 4, 0, 0.5, 8);
  g_autofree char *half = gaio_fetch_progress_line (2, 4, 2, 1, 3.0, 8);
  g_autofree char *empty = gaio_fetch_progress_line (0, 0, 0, 0, 0.0, 4);

  g_assert_cmpstr (start, ==, "[........] 0/4 done, 4 running, 0 failed");
  g_assert_cmpstr (half, ==, "[####....] 2/4 done, 2 running, 1 failed, ETA 3 s");
  g_assert_cmpstr (empty, ==, "[####] 0/0 done, 0 running, 0 failed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Gaio/FetchText/entities", test_fetch_text_entities);
  g_test_add_func ("/Gaio/FetchText/whitespace", test_fetch_text_whitespace);
  g_test_add_func ("/Gaio/FetchText/title", test_fetch_text_title);
  g_test_add_func ("/Gaio/FetchText/snippet", test_fetch_text_snippet);
  g_test_add_func ("/Gaio/FetchText/size", test_fetch_text_size);
  g_test_add_func ("/Gaio/FetchText/eta", test_fetch_text_eta);
  g_test_add_func ("/Gaio/FetchText/progress", test_fetch_text_progress);

  return g_test_run ();
}
