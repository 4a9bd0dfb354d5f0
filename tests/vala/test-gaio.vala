/* test-gaio.vala
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 *
 * Gaio from Vala through the generated VAPI: every _async/_finish pair is
 * an async method, awaited with `yield`. Prints one TAP line per check.
 */

int n_test = 0;
int n_failed = 0;

void check (bool ok, string name) {
  n_test++;
  if (ok) {
    print ("ok %d - %s\n", n_test, name);
  } else {
    n_failed++;
    print ("not ok %d - %s\n", n_test, name);
  }
}

async Value? resolve_later (Gaio.Future future, int value) throws Error {
  yield Gaio.sleep (5).wait_async (null);
  future.resolve_int (value);
  return yield future.wait_async (null);
}

/* A Vala async method driving a bare task hands its chain to the task
 * graph while it waits. */
async void graphed (Gaio.Task task, Gaio.Semaphore semaphore) {
  var permit = semaphore.acquire ();
  task.set_await_chain ({ "graphed (Vala)" }, { permit });
  try {
    yield permit.wait_async (null);
  } catch (Error e) {
  }
  task.set_await_chain (null, {});
  task.resolve (null);
}

void check_task_graph () {
  var semaphore = new Gaio.Semaphore (0);
  var task = new Gaio.Task ("vala-task");
  graphed.begin (task, semaphore);
  var graph = Gaio.Task.dump_graph ();
  check ("(T) vala-task\n    └──  graphed (Vala)\n        └── Semaphore.acquire\n" in graph,
         "the task graph draws a bare task's chain");
  semaphore.release ();
  try {
    Gaio.run (task);
  } catch (Error e) {
    check (false, "the graphed task ends: " + e.message);
  }
  check (!("vala-task" in Gaio.Task.dump_graph ()), "a settled task leaves the graph");
}

async void run_checks () {
  /* A C sleep, awaited. */
  try {
    var start = GLib.get_monotonic_time ();
    Value? nothing = yield Gaio.sleep (20).wait_async (null);
    check (nothing == null && GLib.get_monotonic_time () - start >= 19000, "yield on a sleep");
  } catch (Error e) {
    check (false, "yield on a sleep: " + e.message);
  }

  /* A value, through another async method. */
  try {
    var future = new Gaio.Future ();
    Value? value = yield resolve_later (future, 42);
    check (value != null && value.get_int () == 42, "yield returns the value");
  } catch (Error e) {
    check (false, "yield returns the value: " + e.message);
  }

  /* Strings and objects. */
  try {
    var future = new Gaio.Future ();
    future.resolve_string ("text");
    Value? value = yield future.wait_async (null);
    check (value.get_string () == "text", "a string value");
  } catch (Error e) {
    check (false, "a string value: " + e.message);
  }

  /* A rejected future throws its GError. */
  try {
    var future = new Gaio.Future ();
    future.reject (new IOError.NOT_FOUND ("no such thing"));
    yield future.wait_async (null);
    check (false, "a rejection throws");
  } catch (IOError.NOT_FOUND e) {
    check (e.message == "no such thing", "a rejection throws");
  } catch (Error e) {
    check (false, "a rejection throws: " + e.message);
  }

  /* A timeout rejects with TIMED_OUT and cancels the inner future. */
  var inner = Gaio.sleep (10000);
  try {
    yield Gaio.timeout (inner, 10).wait_async (null);
    check (false, "a timeout throws TIMED_OUT");
  } catch (IOError.TIMED_OUT e) {
    check (inner.is_cancelled (), "a timeout throws TIMED_OUT and cancels its inner future");
  } catch (Error e) {
    check (false, "a timeout throws TIMED_OUT: " + e.message);
  }

  /* Cancelling a future mid-await. */
  var sleeping = Gaio.sleep (10000);
  Timeout.add (5, () => {
    sleeping.cancel ();
    return Source.REMOVE;
  });
  try {
    yield sleeping.wait_async (null);
    check (false, "cancel mid-await throws CANCELLED");
  } catch (IOError.CANCELLED e) {
    check (sleeping.get_state () == Gaio.FutureState.CANCELLED, "cancel mid-await throws CANCELLED");
  } catch (Error e) {
    check (false, "cancel mid-await throws CANCELLED: " + e.message);
  }

  /* Cancelling the wait leaves the future alone. */
  var pending = new Gaio.Future ();
  var cancellable = new Cancellable ();
  Timeout.add (1, () => {
    cancellable.cancel ();
    return Source.REMOVE;
  });
  try {
    yield pending.wait_async (cancellable);
    check (false, "a cancelled wait throws");
  } catch (IOError.CANCELLED e) {
    check (!pending.is_done (), "a cancelled wait throws and leaves the future pending");
  } catch (Error e) {
    check (false, "a cancelled wait throws: " + e.message);
  }
  pending.cancel ();

  /* A gatherer, made with the array constructor the metadata names. */
  try {
    Gaio.Future[] futures = { Gaio.sleep (2), Gaio.sleep (1) };
    var all = new Gaio.Gatherer (Gaio.GatherMode.ALL, futures);
    yield all.wait_async (null);
    var first = new Gaio.Gatherer.waitv (Gaio.WaitMode.FIRST_COMPLETED, -1, { Gaio.sleep (10000), Gaio.sleep (1) });
    yield first.wait_async (null);
    check (all.get_n_done () == 2 && first.get_n_done () == 1, "gatherers from Vala");
    first.cancel ();
  } catch (Error e) {
    check (false, "gatherers from Vala: " + e.message);
  }

  /* Other _async/_finish pairs are async methods too. */
  try {
    var semaphore = new Gaio.Semaphore (1);
    bool acquired = yield semaphore.acquire_async (null);
    check (acquired && semaphore.is_locked (), "yield semaphore.acquire_async");
    semaphore.release ();

    FileIOStream stream;
    var file = File.new_tmp ("gaio-vala-XXXXXX", out stream);
    stream.close ();
    yield Gaio.file_write_async (file, new Bytes ("from vala".data), Gaio.FileWriteFlags.NONE, null);
    var bytes = yield Gaio.file_read_async (file, null);
    check (bytes.length == 9, "yield Gaio.file_write_async / file_read_async");
    file.delete ();
  } catch (Error e) {
    check (false, "other async pairs: " + e.message);
  }

  /* Shield, condition and barrier. */
  try {
    var shielded = Gaio.sleep (5);
    var shield = Gaio.shield (shielded);
    shield.cancel ();
    yield shielded.wait_async (null);
    check (shield.is_cancelled () && shielded.get_state () == Gaio.FutureState.RESOLVED,
           "Gaio.shield: cancelling the shield leaves the inner future running");
  } catch (Error e) {
    check (false, "Gaio.shield: " + e.message);
  }

  try {
    var cond = new Gaio.Condition (null);
    var ready = false;
    yield cond.get_lock ().acquire_async (null);
    Timeout.add (1, () => {
      cond.get_lock ().acquire_async.begin (null, (obj, res) => {
        ready = true;
        cond.notify (1);
        cond.get_lock ().release ();
      });
      return Source.REMOVE;
    });
    bool notified = yield cond.wait_async (null);
    check (notified && ready && cond.get_lock ().is_locked (), "yield condition.wait_async: notified, lock held again");
    cond.get_lock ().release ();
  } catch (Error e) {
    check (false, "yield condition.wait_async: " + e.message);
  }

  try {
    var barrier = new Gaio.Barrier (2);
    var arrived = barrier.wait ();
    int index = yield barrier.wait_async (null);
    Value? first_index = yield arrived.wait_async (null);
    check (index == 1 && first_index.get_int () == 0, "yield barrier.wait_async: indexes in arrival order");
    var broken = barrier.wait ();
    barrier.abort ();
    try {
      yield broken.wait_async (null);
      check (false, "barrier.abort breaks the waiters");
    } catch (Gaio.Error e) {
      check (e is Gaio.Error.BROKEN_BARRIER, "barrier.abort breaks the waiters");
    }
  } catch (Error e) {
    check (false, "yield barrier.wait_async: " + e.message);
  }

  /* File handles: async methods for open, write, read_line and close. */
  try {
    var dir = DirUtils.make_tmp ("gaio-vala-XXXXXX");
    var path = Path.build_filename (dir, "lines.txt");
    FileUtils.set_contents (path, "old");

    var writer = yield Gaio.FileHandle.open_async (path, Gaio.FileMode.WRITE,
                                                   Gaio.FileWriteFlags.NONE, null);
    yield writer.write_async (new Bytes ("first\nsecond\n".data), null);
    string during;
    FileUtils.get_contents (path, out during);
    yield writer.close_async (null);

    var reader = yield Gaio.FileHandle.open_async (path, Gaio.FileMode.READ,
                                                   Gaio.FileWriteFlags.NONE, null);
    string[] lines = {};
    string? line;
    while ((line = yield reader.read_line_async (null)) != null)
      lines += line;
    yield reader.close_async (null);
    check (during == "old" && lines.length == 2 && lines[0] == "first" && lines[1] == "second",
           "yield Gaio.FileHandle.open_async, write_async, read_line_async, close_async");

    /* A cancelled write: the close fails and the old file stays. */
    var failing = yield Gaio.FileHandle.open_async (path, Gaio.FileMode.WRITE,
                                                    Gaio.FileWriteFlags.NONE, null);
    var stop = new Cancellable ();
    stop.cancel ();
    bool write_cancelled = false;
    bool close_failed = false;
    try {
      yield failing.write_async (new Bytes (new uint8[8 * 1024 * 1024]), stop);
    } catch (IOError.CANCELLED e) {
      write_cancelled = true;
    }
    try {
      yield failing.close_async (null);
    } catch (Error e) {
      close_failed = true;
    }
    string after;
    FileUtils.get_contents (path, out after);
    check (write_cancelled && close_failed && after == "first\nsecond\n",
           "a cancelled FileHandle writer leaves the old file");
    FileUtils.unlink (path);
    DirUtils.remove (dir);
  } catch (Error e) {
    check (false, "file handles: " + e.message);
  }

  try {
    var group = new Gaio.TaskGroup ();
    var sleeper = Gaio.sleep (10000);
    group.add (sleeper);
    group.stop ();
    yield group.wait_async (null);
    check (sleeper.is_cancelled () && group.get_state () == Gaio.FutureState.RESOLVED,
           "TaskGroup.stop: children cancelled, no error");
  } catch (Error e) {
    check (false, "TaskGroup.stop: " + e.message);
  }

  try {
    var closing = new Gaio.Queue (0);
    closing.try_put ("last");
    closing.shutdown (false);
    Value? last = yield closing.get_async (null);
    try {
      yield closing.get_async (null);
      check (false, "queue.shutdown: gets fail once empty");
    } catch (Gaio.Error e) {
      check (last.get_string () == "last" && e is Gaio.Error.QUEUE_SHUT_DOWN,
             "queue.shutdown: items left are handed out, then gets fail");
    }
  } catch (Error e) {
    check (false, "queue.shutdown: " + e.message);
  }

  try {
    var lifo = new Gaio.Queue.lifo (0);
    lifo.try_put (1);
    lifo.try_put (2);
    Value? top = yield lifo.get_async (null);
    var ranked = new Gaio.Queue.priority (0, (a, b) => a.get_string ().length - b.get_string ().length);
    ranked.try_put ("ccc");
    ranked.try_put ("a");
    ranked.try_put ("bb");
    Value? shortest = yield ranked.get_async (null);
    Value? next = ranked.try_get ();
    check (lifo.get_order () == Gaio.QueueOrder.LIFO && top.get_int () == 2 &&
           shortest.get_string () == "a" && next.get_string () == "bb",
           "LIFO and priority queues: new Gaio.Queue.lifo, new Gaio.Queue.priority with a lambda");
  } catch (Error e) {
    check (false, "LIFO and priority queues: " + e.message);
  }

  /* Lock, queue and event: yield on their async methods. */
  try {
    var mutex = new Gaio.Lock ();
    bool acquired = yield mutex.acquire_async (null);
    var second = mutex.acquire ();
    bool waited = !second.is_done ();
    mutex.release ();
    yield second.wait_async (null);
    check (acquired && waited && mutex.is_locked (), "yield lock.acquire_async; a second acquire waits");
    mutex.release ();
  } catch (Error e) {
    check (false, "yield lock.acquire_async: " + e.message);
  }

  try {
    var queue = new Gaio.Queue (1);
    yield queue.put_async ("first", null);
    bool full = queue.is_full ();
    Value? first = yield queue.get_async (null);
    Timeout.add (1, () => {
      queue.try_put ("second");
      return Source.REMOVE;
    });
    Value? second = yield queue.get_async (null);
    check (full && first.get_string () == "first" && second.get_string () == "second",
           "yield queue.put_async / get_async");
  } catch (Error e) {
    check (false, "yield queue.put_async / get_async: " + e.message);
  }

  try {
    var event = new Gaio.Event ();
    Timeout.add (1, () => {
      event.set ();
      return Source.REMOVE;
    });
    bool set = yield event.wait_async (null);
    check (set && event.is_set (), "yield event.wait_async");
  } catch (Error e) {
    check (false, "yield event.wait_async: " + e.message);
  }

  /* A bare task: the cancel-requested signal (renamed by the metadata). */
  var task = new Gaio.Task ("vala-task");
  bool requested = false;
  task.cancel_requested_signal.connect (() => {
    requested = true;
    task.reject (new IOError.CANCELLED ("stopped"));
  });
  task.cancel ();
  try {
    yield task.wait_async (null);
  } catch (Error e) {
  }
  check (requested && task.is_cancelled () && task.get_cancel_requested (), "a bare task hears cancel-requested");

  /* Names. */
  var named = Gaio.sleep (1);
  named.name = "named";
  check (named.get_name () == "named", "futures carry names");
  try {
    yield named.wait_async (null);
  } catch (Error e) {
    check (false, e.message);
  }

  /* Signal and property futures, with a predicate. (valac 0.56 takes
   * Value.get_variant () as owned: dup_variant () keeps the count right.) */
  var action = new SimpleAction ("go", VariantType.INT32);
  var even = new Gaio.SignalFuture.full (action, "activate", (f) => f.get_arg (0).dup_variant ().get_int32 () % 2 == 0);
  var enabled = new Gaio.SignalFuture.for_property (action, "enabled", false);
  Idle.add (() => {
    action.activate (new Variant.int32 (3));
    action.activate (new Variant.int32 (4));
    action.set_enabled (false);
    return Source.REMOVE;
  });
  try {
    Value? arg = yield even.wait_async (null);
    check (arg.dup_variant ().get_int32 () == 4 && even.get_n_args () == 1, "a signal future with a predicate");
    Value? state = yield enabled.wait_async (null);
    check (state.get_boolean () == false, "a property future");
  } catch (Error e) {
    check (false, "signal futures: " + e.message);
  }

  /* Removable done-callbacks. */
  var removable = new Gaio.Future ();
  bool ran = false;
  ulong id = removable.add_done_callback (() => { ran = true; });
  check (removable.remove_done_callback (id) && !removable.remove_done_callback (id), "remove a done-callback");
  removable.resolve_int (1);
  try {
    yield removable.wait_async (null);
  } catch (Error e) {
  }
  check (!ran, "a removed done-callback never runs");

  yield check_websocket ();
  yield check_http_stream ();
  yield check_http_trace ();
  yield check_http_options ();
}

/* The HTTP version, the metrics, and the trace signals of a retried GET. */
async void check_http_trace () {
  var server = (Soup.Server) Object.new (typeof (Soup.Server));
  var hits = 0;
  server.add_handler (null, (srv, msg, path) => {
    if (++hits == 1) {
      msg.get_response_headers ().append ("Retry-After", "0");
      msg.set_status (503, null);
    } else {
      msg.set_status (200, null);
      msg.set_response ("text/plain", Soup.MemoryUse.COPY, "hello".data);
    }
  });
  try {
    server.listen_local (0, Soup.ServerListenOptions.IPV4_ONLY);
    var url = "http://127.0.0.1:%u/".printf (server.get_uris ().data.get_port ());
    var client = new Gaio.HttpClient ();
    var events = new GenericArray<string> ();
    client.max_retries = 1;
    client.request_queued.connect ((request, method, u) => events.add ("queued"));
    client.request_started.connect ((request, method, u) => events.add ("started"));
    client.request_retried.connect ((request, attempt, reason, delay) => {
      events.add ("retried %u %s".printf (attempt, reason));
    });
    client.request_finished.connect ((request, response, error) => {
      events.add ("finished %u".printf (response != null ? response.get_status () : 0));
    });
    var response = yield client.get_async (url, null);
    var expected = "queued|started|retried 1 HTTP 503 Service Unavailable from %s|queued|started|finished 200"
      .printf (url);
    check (string.joinv ("|", events.data) == expected, "HTTP trace signals in order, yielded");
    var m = response.metrics;
    check (response.http_version == Soup.HTTPVersion.@1_1 && m.get_fetch_start () >= 0 &&
           m.get_request_start () >= m.get_fetch_start () &&
           m.get_response_start () >= m.get_request_start () &&
           m.get_response_end () >= m.get_response_start () &&
           response.get_elapsed () >= m.get_response_end (), "HTTP version and metrics");
  } catch (Error e) {
    check (false, "HTTP trace: " + e.message);
  }
  server.disconnect ();
}

/* Request options: a base URL, a bearer token, a query parameter and a
 * form body, which the server decodes. */
async void check_http_options () {
  var server = (Soup.Server) Object.new (typeof (Soup.Server));
  server.add_handler (null, (srv, msg, path) => {
    var body = msg.get_request_body ().flatten ();
    var form = Soup.Form.decode ((string) body.get_data ());
    var text = "%s?%s %s name=%s".printf (path, msg.get_uri ().get_query (),
                                          msg.get_request_headers ().get_one ("Authorization"),
                                          form.lookup ("name"));
    msg.set_status (200, null);
    msg.set_response ("text/plain", Soup.MemoryUse.COPY, text.data);
  });
  try {
    server.listen_local (0, Soup.ServerListenOptions.IPV4_ONLY);
    var client = new Gaio.HttpClient ();
    client.set_base_url ("http://127.0.0.1:%u/api".printf (server.get_uris ().data.get_port ()));
    client.set_bearer_token ("tok3n");
    var options = new Gaio.HttpRequestOptions ();
    options.add_query_param ("q", "x y");
    options.add_form_field ("name", "Gaio & co");
    options.timeout = 5;
    var response = yield client.send_async ("POST", "items", options, null);
    check (response.get_text () == "/api/items?q=x+y Bearer tok3n name=Gaio & co",
           "request options, yielded: " + response.get_text ());
    try {
      yield client.send_async ("GET", "../secret", null, null);
      check (false, "a URL climbing out of the base URL is refused");
    } catch (Gaio.Error.INVALID_URL e) {
      check ("outside the base URL" in e.message, "a URL climbing out of the base URL is refused");
    }
  } catch (Error e) {
    check (false, "request options: " + e.message);
  }
  server.disconnect ();
}

/* A WebSocket to libsoup's server, which echoes and closes on "close". */
async void check_websocket () {
  var server = (Soup.Server) Object.new (typeof (Soup.Server));
  server.add_websocket_handler ("/ws", null, null, (srv, msg, path, connection) => {
    connection.ref ();
    connection.message.connect ((kind, data) => {
      if (kind == Soup.WebsocketDataType.TEXT && (string) data.get_data () == "close")
        connection.close (4000, "bye");
      else
        connection.send_message (kind, data);
    });
    connection.closed.connect (() => connection.unref ());
  });
  try {
    server.listen_local (0, Soup.ServerListenOptions.IPV4_ONLY);
    var url = "ws://127.0.0.1:%u/ws".printf (server.get_uris ().data.get_port ());
    var client = new Gaio.HttpClient ();
    var ws = yield client.websocket_connect_async (url, null, null);
    ws.send_text ("hello");
    var message = yield ws.receive_async (null);
    check (message.is_text () && message.get_text () == "hello", "WebSocket echo, yielded");
    ws.send_text ("close");
    try {
      yield ws.receive_async (null);
      check (false, "WebSocket closed by the server");
    } catch (IOError.CLOSED e) {
      check (ws.get_close_code () == 4000 && "4000 (bye)" in e.message, "WebSocket closed by the server");
    }
  } catch (Error e) {
    check (false, "WebSocket: " + e.message);
  }
  server.disconnect ();
}

/* A streamed body read in an async loop of yields, then by lines. */
async void check_http_stream () {
  var server = (Soup.Server) Object.new (typeof (Soup.Server));
  var body = new uint8[300000];
  for (int i = 0; i < body.length; i++)
    body[i] = (uint8) (i % 251);
  server.add_handler (null, (srv, msg, path) => {
    msg.set_status (200, null);
    if (path == "/lines")
      msg.set_response ("text/plain", Soup.MemoryUse.COPY, "a\nbb\r\nlast".data);
    else
      msg.set_response ("application/octet-stream", Soup.MemoryUse.COPY, body);
  });
  try {
    server.listen_local (0, Soup.ServerListenOptions.IPV4_ONLY);
    var base_url = "http://127.0.0.1:%u".printf (server.get_uris ().data.get_port ());
    var client = new Gaio.HttpClient ();
    var response = yield client.open_async ("GET", base_url + "/big", null, null);
    size_t received = 0;
    bool intact = true;
    while (true) {
      var chunk = yield response.read_async (65536, null);
      if (chunk.get_size () == 0)
        break;
      unowned uint8[] data = chunk.get_data ();
      intact = intact && chunk.get_size () <= 65536;
      for (int i = 0; i < data.length; i++)
        intact = intact && data[i] == body[received + i];
      received += chunk.get_size ();
    }
    check (received == body.length && intact, "streamed body read in an async loop");

    var lines = yield client.open_async ("GET", base_url + "/lines", null, null);
    var seen = new StringBuilder ();
    while (true) {
      var line = yield lines.read_line_async (1024, null);
      if (line.get_size () == 0)
        break;
      seen.append_c ('[');
      seen.append_len ((string) line.get_data (), (ssize_t) line.get_size ());
      seen.append_c (']');
    }
    check (seen.str == "[a\n][bb\r\n][last]", "streamed body by lines: " + seen.str.escape ());
    lines.close ();
  } catch (Error e) {
    check (false, "streamed body: " + e.message);
  }
  server.disconnect ();
}

int main (string[] args) {
  /* A warning (a future finalized with its error unretrieved, say) or a
   * critical aborts the test instead of passing unnoticed. */
  Log.set_always_fatal (LogLevelFlags.LEVEL_WARNING | LogLevelFlags.LEVEL_CRITICAL);

  var loop = new MainLoop ();
  run_checks.begin ((obj, res) => {
    run_checks.end (res);
    loop.quit ();
  });
  loop.run ();

  check_task_graph ();

  /* Gaio.run drives the context until a future settles. */
  try {
    var future = Gaio.sleep (1);
    Gaio.run (future);
    check (future.is_done (), "Gaio.run waits for a future");
  } catch (Error e) {
    check (false, "Gaio.run: " + e.message);
  }

  print ("1..%d\n", n_test);
  return n_failed == 0 ? 0 : 1;
}
