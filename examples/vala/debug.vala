/* debug.vala: debug mode: a blocking call inside a task holds the whole loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

/* asyncio's debug mode warns about steps slower than 100 ms; Gaio's is
 * GAIO_DEBUG=slow or Gaio.set_slow_callback_threshold(). It times C task
 * steps and the callbacks it runs, where Vala coroutines resume: this one warns. */
async void blocker (Gaio.Future task) {
  yield yield_first ();
  print ("Blocking the loop for 200 ms on purpose\n");
  Thread.usleep (200000);   /* a blocking call: the bug debug mode finds */
  print ("Done blocking\n");
  task.resolve_boolean (true);
}

async void run (string[] args) throws Error {
  if (Gaio.get_slow_callback_threshold () == 0)
    Gaio.set_slow_callback_threshold (100);
  print ("Slow callback threshold: %u ms\n", Gaio.get_slow_callback_threshold ());

  var task = new Gaio.Future ();
  blocker.begin (task);
  yield await_future (task);
  print ("Finished\n");
}
