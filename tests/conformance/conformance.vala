/* conformance.vala
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 *
 * The conformance scenario in Vala; conformance.{c,py,js} print the same
 * lines (tests/conformance/expected.txt). Vala's own `async` methods run as
 * bare Gaio tasks: named, listed, cancellable like any task.
 */

/* Waits for @future inside @task: cancelling the task cancels the future,
 * so the await ends with IOError.CANCELLED. */
async Value? await_in (Gaio.Task task, Gaio.Future future) throws Error {
  var cancellable = task.get_cancellable ();
  var id = cancellable.connect (() => future.cancel ());
  try {
    return yield future.wait_async (null);
  } finally {
    cancellable.disconnect (id);
  }
}

async void child_body (Gaio.Task task, int value, uint delay_ms, bool fail) {
  try {
    yield await_in (task, Gaio.sleep (delay_ms));
    if (fail) {
      task.reject (new Gaio.Error.FAILED ("child %d failed", value));
    } else {
      task.resolve_int (value);
    }
  } catch (Error error) {
    task.reject (error.copy ());
  }
}

Gaio.Task child (string? name, int value, uint delay_ms, bool fail = false) {
  var task = new Gaio.Task (name);
  child_body.begin (task, value, delay_ms, fail);
  return task;
}

async void spawn () throws Error {
  var alpha = child ("alpha", 1, 20);
  var beta = child ("beta", 2, 10);
  Value? a = yield alpha.wait_async (null);
  Value? b = yield beta.wait_async (null);
  print ("spawn: %s -> %d, %s -> %d\n", alpha.get_name (), a.get_int (), beta.get_name (), b.get_int ());
}

Gaio.Gatherer gather_three (bool fail_second, bool return_errors) {
  Gaio.Future[] children = { child (null, 1, 3), child (null, 2, 1, fail_second), child (null, 3, 2) };
  var gatherer = new Gaio.Gatherer (Gaio.GatherMode.ALL, children);
  gatherer.set_return_errors (return_errors);
  return gatherer;
}

async void gather () throws Error {
  var all = gather_three (false, false);
  yield all.wait_async (null);
  print ("gather: %d %d %d\n", all.get_value_at (0).get_int (), all.get_value_at (1).get_int (),
         all.get_value_at (2).get_int ());

  try {
    yield gather_three (true, false).wait_async (null);
  } catch (Gaio.Error error) {
    print ("gather error: %s\n", error.message);
  }

  var slots = gather_three (true, true);
  yield slots.wait_async (null);
  var line = new StringBuilder ("gather return-errors:");
  for (uint i = 0; i < 3; i++) {
    line.append (i == 0 ? " " : " | ");
    unowned Error? error = slots.get_error_at (i);
    if (error != null) {
      line.append_printf ("error: %s", error.message);
    } else {
      line.append_printf ("%d", slots.get_value_at (i).get_int ());
    }
  }
  print ("%s\n", line.str);
}

async void timeout () throws Error {
  var inner = child ("slow", 0, 10000);
  try {
    yield Gaio.timeout (inner, 50).wait_async (null);
  } catch (IOError.TIMED_OUT error) {
    try {
      yield inner.wait_async (null);
    } catch (IOError.CANCELLED cancelled) {
    }
    print ("timeout: timed out, inner cancelled: %s\n", inner.is_cancelled () ? "yes" : "no");
  }
}

async void sleeper_body (Gaio.Task task, string[] cleaned_up) {
  try {
    yield await_in (task, Gaio.sleep (10000));
    task.resolve (null);
  } catch (Error error) {
    if (error is IOError.CANCELLED) {
      cleaned_up[0] = "cleaned up";
    }
    task.reject (error.copy ());
  }
}

async void cancel () throws Error {
  string[] cleaned_up = { "" };
  var task = new Gaio.Task ("sleeper");
  sleeper_body.begin (task, cleaned_up);
  yield Gaio.sleep (10).wait_async (null);
  task.cancel ();
  try {
    yield task.wait_async (null);
  } catch (IOError.CANCELLED error) {
    print ("cancel: %s %s, cancelled: %s\n", task.get_name (), cleaned_up[0],
           task.is_cancelled () ? "yes" : "no");
  }
}

async void http () throws Error {
  var server = (Soup.Server) Object.new (typeof (Soup.Server));
  server.add_handler ("/hello", (server, message, path, query) => {
    message.set_status (200, null);
    message.set_response ("text/plain", Soup.MemoryUse.COPY, "hello from gaio".data);
  });
  server.listen_local (0, Soup.ServerListenOptions.IPV4_ONLY);
  var url = "http://127.0.0.1:%d/hello".printf (server.get_uris ().data.get_port ());

  var client = new Gaio.HttpClient ();
  client.max_connections = 10;
  client.max_connections_per_host = 2;
  client.timeout = 10;
  client.raise_for_status = true;
  Value? value = yield client.get (url).wait_async (null);
  var response = (Gaio.HttpResponse) value.get_object ();
  print ("http: %u %s\n", response.get_status (), response.get_text ());
  server.disconnect ();
}

async void files () throws Error {
  var folder = DirUtils.make_tmp ("gaio-conformance-XXXXXX");
  var path = Path.build_filename (folder, "out.txt");
  yield Gaio.file_write_path (path, new Bytes ("written by gaio".data), Gaio.FileWriteFlags.NONE).wait_async (null);
  Value? value = yield Gaio.file_read_path (path).wait_async (null);
  var bytes = (Bytes) value.get_boxed ();
  var text = new StringBuilder ();
  text.append_len ((string) bytes.get_data (), bytes.length);
  print ("file: %d bytes: %s\n", bytes.length, text.str);
  FileUtils.unlink (path);
  DirUtils.remove (folder);
}

async void run () throws Error {
  yield spawn ();
  yield gather ();
  yield timeout ();
  yield cancel ();
  yield http ();
  yield files ();
  print ("done\n");
}

int main (string[] args) {
  var loop = new MainLoop ();
  int status = 0;
  run.begin ((obj, res) => {
    try {
      run.end (res);
    } catch (Error error) {
      printerr ("conformance: %s\n", error.message);
      status = 1;
    }
    loop.quit ();
  });
  loop.run ();
  return status;
}
