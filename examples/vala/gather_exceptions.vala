/* gather_exceptions.vala: gather(return_exceptions=True): one failure does not stop the others
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void fetch_page (Gaio.HttpClient client, string url, Gaio.Future task) {
  print ("Fetching %s\n", url);
  try {
    var response = yield client.get_async (url, null);
    print ("Fetched %s\n", url);
    task.resolve_int64 ((int64) response.get_body ().get_size ());
  } catch (Error e) {
    task.reject (e);
  }
}

async void run (string[] args) throws Error {
  string[] urls = {};
  foreach (var path in new string[] { "/page/1", "/page/2", "/page/3", "/missing" })
    urls += args[1] + path;

  var client = new Gaio.HttpClient ();
  client.set_raise_for_status (true);   /* a 404 becomes an error */
  Gaio.Future[] tasks = {};
  foreach (var url in urls) {
    var task = new Gaio.Future ();
    fetch_page.begin (client, url, task);
    tasks += task;
  }

  var gather = new Gaio.Gatherer (Gaio.GatherMode.ALL, tasks);
  gather.set_return_errors (true);
  yield await_future (gather);

  for (uint i = 0; i < tasks.length; i++) {
    unowned Error? error = tasks[i].get_error ();
    if (error != null)
      print ("Failed to fetch %s: %s\n", urls[i], error.message);
    else
      print ("%s: %s bytes\n", urls[i], gather.get_value_at (i).get_int64 ().to_string ());
  }
}
