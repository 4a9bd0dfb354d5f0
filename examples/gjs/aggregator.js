// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Call several JSON APIs at once and compute statistics.

import Gaio from 'gi://Gaio';
import {run} from './common.js';

async function fetchApiData(client, url) {
    const response = await client.get(url);
    return JSON.parse(response.get_text());
}

run(async ([base]) => {
    const urls = [1, 2, 3].map(n => `${base}/api/sensor/${n}`);
    const client = new Gaio.HttpClient();
    client.set_raise_for_status(true);
    const results = await Promise.all(urls.map(url => fetchApiData(client, url)));
    const readings = [];
    for (const data of results) {
        print(`Sensor ${data.sensor}: ${data.readings.length} readings`);
        readings.push(...data.readings);
    }
    const sum = readings.reduce((a, b) => a + b, 0);
    print(`Readings: ${readings.length}`);
    print(`Average: ${(sum / readings.length).toFixed(2)} C`);
    print(`Minimum: ${Math.min(...readings).toFixed(2)} C`);
    print(`Maximum: ${Math.max(...readings).toFixed(2)} C`);
});
