# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""The Gaio typelib as introspected, without the override (which imports
this package): the package's modules call the C API through it."""

import gi

gi.require_version('Gaio', '1.0')

from gi.module import get_introspection_module  # noqa: E402

Gaio = get_introspection_module('Gaio')
