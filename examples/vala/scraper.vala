/* scraper.vala: fetch pages concurrently, then save each to a file concurrently
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void run (string[] args) throws Error {
  string[] paths = { "/page/1", "/page/2", "/page/3" };
  var client = new Gaio.HttpClient ();

  Gaio.Future[] requests = {};
  foreach (var path in paths)
    requests += client.get (args[1] + path);
  var fetched = new Gaio.Gatherer (Gaio.GatherMode.ALL, requests);
  yield await_future (fetched);

  /* Each write is atomic: a temporary file in the same folder, then a rename. */
  Gaio.Future[] saves = {};
  for (uint i = 0; i < requests.length; i++) {
    var response = (Gaio.HttpResponse) fetched.get_value_at (i).get_object ();
    saves += Gaio.file_write_path ("file_%u.html".printf (i), response.get_body (),
                                   Gaio.FileWriteFlags.NONE);
  }
  yield await_future (new Gaio.Gatherer (Gaio.GatherMode.ALL, saves));

  for (int i = 0; i < paths.length; i++) {
    string contents;
    size_t length;
    FileUtils.get_contents ("file_%d.html".printf (i), out contents, out length);
    print ("Saved %s%s: %s bytes\n", args[1], paths[i], length.to_string ());
  }
  print ("%d files created\n", paths.length);
}
