/* task_order.vala: create_task() schedules; sleeps decide who finishes first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void my_coroutine (Gaio.Future task) throws Error {
  yield yield_first ();
  print ("My Coroutine\n");
  yield await_future (Gaio.sleep (100));
  task.resolve_string ("Coroutine Finished");
}

async void timed_task (string name, uint ms) throws Error {
  yield yield_first ();
  print ("%s Task Start\n", name);
  yield await_future (Gaio.sleep (ms));
  print ("%s Task End\n", name);
}

async void run (string[] args) throws Error {
  var task = new Gaio.Future ();
  my_coroutine.begin (task);
  print ("Doing Other Stuff\n");
  Value? result = yield await_future (task);
  print ("%s\n", result.get_string ());

  timed_task.begin ("First", 200);
  timed_task.begin ("Second", 100);
  /* Wait a bit for both tasks to finish. */
  yield await_future (Gaio.sleep (300));
}
