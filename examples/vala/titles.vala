/* titles.vala: page titles and word counts, fetched concurrently
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void fetch_title (Gaio.HttpClient client, string url, Gaio.Future task) {
  print ("Fetching %s\n", url);
  try {
    var response = yield client.get_async (url, null);
    unowned string html = response.get_text ();
    var regex = new Regex ("<title[^>]*>(.*?)</title>", RegexCompileFlags.CASELESS | RegexCompileFlags.DOTALL);
    MatchInfo match;
    string title = regex.match (html, 0, out match) ? match.fetch (1) : "No title";
    int words = 0;
    foreach (var word in Regex.split_simple ("\\s+", html))
      if (word != "")
        words++;
    print ("Processed %s\n", url);
    task.resolve_string ("%s: %s (%d words)".printf (url, title, words));
  } catch (Error e) {
    task.reject (e);
  }
}

async void run (string[] args) throws Error {
  var client = new Gaio.HttpClient ();
  Gaio.Future[] tasks = {};
  foreach (var path in new string[] { "/page/1", "/page/2", "/page/3", "/page/5" }) {
    var task = new Gaio.Future ();
    fetch_title.begin (client, args[1] + path, task);
    tasks += task;
  }
  var gather = new Gaio.Gatherer (Gaio.GatherMode.ALL, tasks);
  yield await_future (gather);
  for (uint i = 0; i < tasks.length; i++)
    print ("%s\n", gather.get_value_at (i).get_string ());
}
