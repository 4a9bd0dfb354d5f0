/* files.vala: asynchronous file writes and reads (aiofiles)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void run (string[] args) throws Error {
  string[] paths = { "example.txt", "processed_errors.txt" };
  string[] contents = { "test\ntest\n", "no errors found\n" };

  /* Writes replace each file atomically: a temporary file, then a rename. */
  Gaio.Future[] writes = {};
  for (int i = 0; i < paths.length; i++)
    writes += Gaio.file_write_path (paths[i], new Bytes (contents[i].data), Gaio.FileWriteFlags.NONE);
  yield await_future (new Gaio.Gatherer (Gaio.GatherMode.ALL, writes));
  print ("Wrote %d files\n", writes.length);

  Gaio.Future[] reads = {};
  foreach (var path in paths)
    reads += Gaio.file_read_path (path);
  var read = new Gaio.Gatherer (Gaio.GatherMode.ALL, reads);
  yield await_future (read);
  for (uint i = 0; i < reads.length; i++) {
    var bytes = (Bytes) read.get_value_at (i).get_boxed ();
    /* The bytes are not NUL-terminated: copy exactly their length. */
    var text = new StringBuilder ();
    text.append_len ((string) bytes.get_data (), (ssize_t) bytes.get_size ());
    print ("%s (%s bytes):\n%s", paths[i], bytes.get_size ().to_string (), text.str);
  }
}
