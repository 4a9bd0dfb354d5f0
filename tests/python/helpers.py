# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""What several Python test modules share."""

from gi.repository import Gaio


async def child(value, delay=0.001, fail=False):
    """Sleeps @delay seconds, then returns @value or raises ValueError."""
    await Gaio.sleep(delay)
    if fail:
        raise ValueError('child %s failed' % value)
    return value
