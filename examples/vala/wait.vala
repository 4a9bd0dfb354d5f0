/* wait.vala: create_task() + asyncio.wait(): collect results from finished tasks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void fetch_page (Gaio.HttpClient client, string url, Gaio.Future task) {
  yield yield_first ();
  print ("Fetching %s\n", url);
  try {
    var response = yield client.get_async (url, null);
    yield await_future (Gaio.sleep (100));   /* the seed's simulated delay */
    print ("Fetched %s\n", url);
    task.resolve_int64 ((int64) response.get_body ().get_size ());
  } catch (Error e) {
    task.reject (e);
  }
}

async void run (string[] args) throws Error {
  string[] urls = { args[1] + "/page/3", args[1] + "/page/5" };
  var client = new Gaio.HttpClient ();
  Gaio.Future[] tasks = {};
  foreach (var url in urls) {
    var task = new Gaio.Future ();
    fetch_page.begin (client, url, task);
    tasks += task;
  }
  print ("Tasks scheduled\n");

  var wait = new Gaio.Gatherer.waitv (Gaio.WaitMode.ALL_COMPLETED, -1, tasks);
  yield await_future (wait);

  for (uint i = 0; i < tasks.length; i++) {
    Value? value = yield await_future (tasks[i]);   /* task.result() */
    print ("%s: %s bytes\n", urls[i], value.get_int64 ().to_string ());
  }
}
