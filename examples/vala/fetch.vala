/* fetch.vala: fetch several pages at once, print status and the first 100 characters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void fetch_content (Gaio.HttpClient client, string url, Gaio.Future task) {
  try {
    var response = yield client.get_async (url, null);
    unowned string text = response.get_text ();
    /* text[:100] counts characters, not bytes. */
    long n = text.char_count () < 100 ? text.length : text.index_of_nth_char (100);
    print ("URL: %s\nStatus: %u\nContent: %s...\n\n", url, response.get_status (),
           text.substring (0, n));
    task.resolve_boolean (true);
  } catch (Error e) {
    task.reject (e);
  }
}

async void run (string[] args) throws Error {
  var client = new Gaio.HttpClient ();   /* one client: one connection pool */
  Gaio.Future[] tasks = {};
  foreach (var path in new string[] { "/page/1", "/page/2", "/notes.txt" }) {
    var task = new Gaio.Future ();
    fetch_content.begin (client, args[1] + path, task);
    tasks += task;
  }
  yield await_future (new Gaio.Gatherer (Gaio.GatherMode.ALL, tasks));
}
