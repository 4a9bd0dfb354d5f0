/* gather.vala: asyncio.gather(): results in input order
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void numbered_task (int number, Gaio.Future task) throws Error {
  print ("Starting task %d\n", number);
  yield await_future (Gaio.sleep (100));
  print ("Finished task %d\n", number);
  task.resolve_int (number);
}

async void run (string[] args) throws Error {
  Gaio.Future[] tasks = {};
  for (int i = 1; i <= 3; i++) {
    var task = new Gaio.Future ();
    numbered_task.begin (i, task);
    tasks += task;
  }

  var gather = new Gaio.Gatherer (Gaio.GatherMode.ALL, tasks);
  yield await_future (gather);

  string[] results = {};
  for (uint i = 0; i < tasks.length; i++)
    results += gather.get_value_at (i).get_int ().to_string ();
  print ("Task results: [%s]\n", string.joinv (", ", results));
}
