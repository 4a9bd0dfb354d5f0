// SPDX-License-Identifier: LGPL-2.1-or-later
// Copyright 2026 The Gaio authors
//
// Ambient declarations (no imports, so not a module) for the unversioned
// `gi://` specifiers GJS accepts and the examples use, next to the
// `gi://Gaio?version=1.0` ones ts-for-gir writes.

declare module 'gi://Gaio' {
    const Gaio: typeof import('./gaio-1.0.js').default;
    export default Gaio;
}
declare module 'gi://GLib' {
    const GLib: typeof import('./glib-2.0.js').default;
    export default GLib;
}
declare module 'gi://Gio' {
    const Gio: typeof import('./gio-2.0.js').default;
    export default Gio;
}
declare module 'gi://GObject' {
    const GObject: typeof import('./gobject-2.0.js').default;
    export default GObject;
}
