#!/bin/sh
# check-man.sh PAGE [WORD...]: renders the man page PAGE as man(1) shows it
# and with groff's every warning on; fails on any warning, or when a WORD
# (an option the page must document) is missing from the rendered text.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
set -u

page=$1
shift
for tool in man groff; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (Debian: man-db, groff-base)"
    exit 77
  fi
done

status=0
text=$(mktemp)
warnings=$(mktemp)
trap 'rm -f "$text" "$warnings"' EXIT

LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >"$text" 2>"$warnings" || status=1
groff -ww -z -man "$page" 2>>"$warnings" || status=1
if [ -s "$warnings" ]; then
  echo "warnings rendering $page:"
  cat "$warnings"
  status=1
fi
if [ ! -s "$text" ]; then
  echo "$page rendered to nothing"
  status=1
fi
for word in "$@"; do
  if ! grep -q -F -e "$word" "$text"; then
    echo "$page does not mention $word"
    status=1
  fi
done
[ $status -eq 0 ] && echo "$page renders without warnings"
exit $status
