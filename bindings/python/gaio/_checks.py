# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Argument checks that raise TypeError/ValueError naming the argument,
before a value reaches C (where it would be a GLib critical or worse)."""

from __future__ import annotations

import math
import os
from typing import Any

__all__ = ['seconds', 'count', 'path']


def seconds(name: str, value: Any, *, allow_none: bool = True) -> float | None:
    """@value as a non-negative finite number of seconds."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError('%s must be a number of seconds, not %s' % (name, type(value).__name__))
    if math.isnan(value) or value < 0 or math.isinf(value):
        raise ValueError('%s must be a finite number of seconds >= 0, got %r' % (name, value))
    return float(value)


def count(name: str, value: Any, *, maximum: int = (1 << 32) - 1) -> int:
    """@value as an int in [0, @maximum]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError('%s must be an int, not %s' % (name, type(value).__name__))
    if not 0 <= value <= maximum:
        raise ValueError('%s must be between 0 and %d, got %d' % (name, maximum, value))
    return value


def path(name: str, value: Any) -> str:
    """@value (str, bytes or os.PathLike) as a non-empty path string."""
    if not isinstance(value, (str, bytes, os.PathLike)):
        raise TypeError('%s must be a path (str or os.PathLike), not %s'
                        % (name, type(value).__name__))
    value = os.fsdecode(os.fspath(value))
    if not value or '\0' in value:
        raise ValueError('%s must be a non-empty path without NUL, got %r' % (name, value))
    return value
