/* executor.vala: run_in_executor(): blocking code on a worker thread
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

int ticks = 0;

async void ticker (Gaio.Future task) {
  try {
    while (true) {
      yield await_future (Gaio.sleep (50));
      AtomicInt.inc (ref ticks);
      if (task.is_cancelled ())
        return;
    }
  } catch (Error e) {
  }
}

async void run (string[] args) throws Error {
  var tick_task = new Gaio.Future ();
  ticker.begin (tick_task);

  var work = Gaio.run_in_thread ((future, cancellable) => {
    print ("Starting a long sync task...\n");
    Thread.usleep (300000);   /* blocking code, like the seed's time.sleep() */
    print ("Finished the sync task.\n");
    future.resolve_int (42);
  });
  Value? value = yield await_future (work);
  print ("The thread returned %d\n", value.get_int ());
  /* The loop was free while the thread blocked: the ticker kept ticking. */
  print ("Main loop stayed responsive: %s\n", AtomicInt.get (ref ticks) >= 3 ? "yes" : "no");
  tick_task.cancel ();
}
