/* hello.vala: asyncio.run(main()) with an awaited sleep
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void run (string[] args) throws Error {
  print ("Hello\n");
  yield await_future (Gaio.sleep (100));
  print ("world\n");
}
