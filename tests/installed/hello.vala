// hello.vala: built with `valac --vapidir=... --pkg gaio-1` against an
// installed Gaio (see README.md).
// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors

async string hello () throws Error {
    yield Gaio.sleep (10).wait_async (null);
    return "Hello from Gaio %u.%u.%u".printf (Gaio.get_major_version (),
                                             Gaio.get_minor_version (),
                                             Gaio.get_micro_version ());
}

int main () {
    var mismatch = Gaio.check_version (0, 1, 0);
    if (mismatch != null)
        error ("%s", mismatch);
    var loop = new MainLoop ();
    hello.begin ((obj, res) => {
        try {
            print ("%s\n", hello.end (res));
        } catch (Error e) {
            error ("%s", e.message);
        }
        loop.quit ();
    });
    loop.run ();
    return 0;
}
