// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Never run: tsc checks that the generated and hand-written GJS types give
// what an editor should complete.

import Gaio from 'gi://Gaio?version=1.0';

type HttpClient = InstanceType<typeof Gaio.HttpClient>;
type Future = InstanceType<typeof Gaio.Future>;
type Task = InstanceType<typeof Gaio.Task>;

async function main(client: HttpClient): Promise<number> {
    const future: Future = client.get('http://127.0.0.1/');
    const response = await future;
    const values: any[] = await Gaio.gather([Gaio.sleep(10), Promise.resolve(1)], {returnErrors: true});
    const task: Task = Gaio.createTask('work', async cancellable => {
        await Gaio.awaitFuture(Gaio.sleep(10), cancellable);
    });
    const fromPromise: Future = Gaio.fromPromise(Promise.resolve('x'), 'name');
    const done: boolean = task.done() || fromPromise.cancelled();
    return values.length + (done ? 1 : 0) + (response ? 1 : 0);
}

const answer: number = Gaio.run(main(new Gaio.HttpClient()));
print(answer);
