/* aggregator.vala: call several JSON APIs at once and compute statistics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

async void run (string[] args) throws Error {
  var client = new Gaio.HttpClient ();
  client.set_raise_for_status (true);

  Gaio.Future[] requests = {};
  for (int sensor = 1; sensor <= 3; sensor++)
    requests += client.get ("%s/api/sensor/%d".printf (args[1], sensor));
  var gather = new Gaio.Gatherer (Gaio.GatherMode.ALL, requests);
  yield await_future (gather);

  double sum = 0, min = double.MAX, max = -double.MAX;
  int count = 0;
  for (uint i = 0; i < requests.length; i++) {
    var response = (Gaio.HttpResponse) gather.get_value_at (i).get_object ();
    var parser = new Json.Parser ();
    parser.load_from_data (response.get_text ());
    var object = parser.get_root ().get_object ();
    var readings = object.get_array_member ("readings");
    print ("Sensor %s: %u readings\n", object.get_int_member ("sensor").to_string (),
           readings.get_length ());
    for (uint j = 0; j < readings.get_length (); j++) {
      double value = readings.get_double_element (j);
      sum += value;
      min = double.min (min, value);
      max = double.max (max, value);
      count++;
    }
  }
  print ("Readings: %d\n", count);
  print ("Average: %.2f C\n", sum / count);
  print ("Minimum: %.2f C\n", min);
  print ("Maximum: %.2f C\n", max);
}
