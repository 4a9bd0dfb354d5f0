/* future.vala: a future settled by hand (asyncio.Future)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void async_operation (Gaio.Future future, string data) throws Error {
  yield await_future (Gaio.sleep (100));
  if (data == "success")
    future.resolve_string ("Operation succeeded");
  else
    future.reject (new IOError.FAILED ("Operation failed"));
}

async void run (string[] args) throws Error {
  foreach (var data in new string[] { "success", "failure" }) {
    var future = new Gaio.Future ();
    yield async_operation (future, data);
    if (future.is_done ()) {
      try {
        Value? value = yield await_future (future);
        print ("%s\n", value.get_string ());
      } catch (Error e) {
        print ("Error: %s\n", e.message);
      }
    }
  }
}
