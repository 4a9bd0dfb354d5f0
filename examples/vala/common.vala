/* common.vala: shared by the Vala examples (compiled into each)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

/* asyncio.run(main()): each example defines `async void run (string[] args)`;
 * this main drives a GLib main loop until it returns. */
int main (string[] args) {
  var loop = new MainLoop ();
  int status = 0;

  run.begin (args, (obj, res) => {
    try {
      run.end (res);
    } catch (Error e) {
      printerr ("%s\n", e.message);
      status = 1;
    }
    loop.quit ();
  });
  loop.run ();

  return status;
}

/* `await future`: its value, or its error thrown. */
public async Value? await_future (Gaio.Future future) throws Error {
  return yield future.wait_async (null);
}

/* A Vala async method runs eagerly up to its first yield, while asyncio
 * starts a task only when the caller yields; yielding first gives that order. */
public async void yield_first () {
  try {
    yield await_future (Gaio.sleep (0));
  } catch (Error e) {
  }
}
