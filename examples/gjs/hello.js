// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// asyncio.run(main()) with an awaited sleep (seconds scaled to tenths).

import Gaio from 'gi://Gaio';
import {run} from './common.js';

run(async () => {
    print('Hello');
    await Gaio.sleep(100);
    print('world');
});
