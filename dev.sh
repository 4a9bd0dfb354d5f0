#!/usr/bin/env bash
# Sets up, builds and runs Gaio on Debian 12. Usage:
#   ./dev.sh demo   install what is missing, build, run gaio-fetch --demo
#   ./dev.sh test   install what is missing, build, run every test
#   ./dev.sh bench  install what is missing, build, run the benchmarks
#   ./dev.sh deps   install what `./dev.sh test` needs, nothing else
# NINJAFLAGS (e.g. NINJAFLAGS=-j2) is passed to every ninja call. With
# CI=true, `test` runs CI's steps too (see README.md, "CI"); GAIO_CI_DEBIAN13=0
# leaves out the Debian 13 chroot (reported as skipped).
set -euo pipefail

cd "$(dirname "$0")"
build=${GAIO_BUILD_DIR:-_build}

packages=(
  build-essential meson ninja-build pkg-config
  libglib2.0-dev libglib2.0-bin libsoup-3.0-dev libjson-glib-dev
  gobject-introspection libgirepository1.0-dev gir1.2-soup-3.0 gir1.2-json-1.0
  valac gjs python3-gi python3-pytest python3-mypy gi-docgen man-db groff-base
  python3-aiohttp
  # The GTK 4 examples and their headless tests (suite gtk, examples/gtk).
  libgtk-4-dev gir1.2-gtk-4.0 xvfb xauth dbus-daemon
  ca-certificates  # a system trust store: without one GLib-Net warns (fatal in tests)
  # nginx for the TLS and HTTP/2 tests against a server nobody here wrote
  # (tests/test-nginx.c starts its own on a free port; they skip without it).
  nginx
)
# `meson test --setup=valgrind` (CI's memcheck step, on the host and in the
# Debian 13 chroot).
memcheck_packages=(valgrind)
# CI on the host only: the Debian package build and its lint; node and npm
# for the TypeScript check (tests/types, which skips without them). Debian's
# npm is installed only where no npm is: a nodejs that bundles its own
# conflicts with it.
ci_packages=(debhelper dpkg-dev lintian nodejs)
# CI on the host only: the Debian 13 chroot (.ci/debian13), unless
# GAIO_CI_DEBIAN13=0.
chroot_packages=(debootstrap)
bench_packages=(python3-aiofiles python3-uvloop nginx-light wrk hyperfine nodejs)

# CI only: Sysprof's capture library, for -Dsysprof=enabled (the marks and
# their test, tests/test-sysprof.c). Debian 12 ships it in libsysprof-4-dev,
# Debian 13 in libsysprof-capture-4-dev. Call after an apt-get update.
sysprof_package () {
  if apt-cache show libsysprof-capture-4-dev >/dev/null 2>&1; then
    echo libsysprof-capture-4-dev
  else
    echo libsysprof-4-dev
  fi
}

# CPython's own test_asyncio for tests/asyncio-suite, in the package named
# after /usr/bin/python3's version (libpython3.11-testsuite on Debian 12).
python_testsuite () {
  /usr/bin/python3 -c 'import sys; print("libpython%d.%d-testsuite" % sys.version_info[:2])'
}

install_missing () {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# True inside .ci/debian13's chroot, which builds and runs the test suite,
# valgrind and ASan included; the steps about the host (.debs, npm, the
# chroot itself) run on the host only.
inside_chroot () {
  [ "${GAIO_DEBIAN13:-}" = "inside" ]
}

# What `./dev.sh test` needs; with CI=true, what CI's steps need too.
install_test_packages () {
  install_missing "${packages[@]}"
  install_missing "$(python_testsuite)"
  if [ "${CI:-}" = "true" ]; then
    install_missing "$(sysprof_package)"
  fi
  install_missing "${memcheck_packages[@]}"
  inside_chroot && return 0
  if [ "${CI:-}" = "true" ]; then
    install_missing "${ci_packages[@]}"
    [ "${GAIO_CI_DEBIAN13:-}" = "0" ] || install_missing "${chroot_packages[@]}"
    command -v npm >/dev/null || install_missing npm
  fi
}

ninja_flags=()
read -r -a ninja_flags <<< "${NINJAFLAGS:-}"

# setup_build DIR OPTION...: configures DIR with the options, or re-applies
# them to an existing build dir (meson configure keeps the others).
setup_build () {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >&2
  elif [ $# -gt 0 ]; then
    meson configure "$dir" "$@" >&2
  fi
}

configure_and_build () {
  local opts=("$@")
  if [ "${CI:-}" = "true" ]; then
    opts+=(-Dwerror=true -Ddocs=true -Dsysprof=enabled)
  fi
  setup_build "$build" "${opts[@]}"
  ninja -C "$build" "${ninja_flags[@]}" >&2
}

case "${1:-}" in
  demo)
    install_missing "${packages[@]}"
    configure_and_build
    shift
    if [ -x "$build/tools/gaio-fetch" ]; then
      exec "$build/tools/gaio-fetch" --demo "$@"
    else
      exec "$build/examples/c/hello"
    fi
    ;;
  deps)
    install_test_packages
    ;;
  test)
    install_test_packages
    debian13=no
    if [ "${CI:-}" = "true" ] && ! inside_chroot; then
      if [ "${GAIO_CI_DEBIAN13:-}" = "0" ]; then
        debian13=skip
      else
        # The chroot's debootstrap and apt-get wait on the network and the
        # disk more than on the CPU: they run while the host builds and tests.
        debian13=yes
        echo "debian13: making the chroot in the background (log: _build-trixie/prepare.log)" >&2
        .ci/debian13 prepare &
        debian13_prepare=$!
        trap 'wait "$debian13_prepare"' EXIT  # never leave it running alone
      fi
    fi
    configure_and_build
    status=0
    meson test -C "$build" --print-errorlogs --num-processes 2 || status=1
    cp "$build/meson-logs/testlog.json" "$build/meson-logs/testlog-main.json"
    logs=("$build/meson-logs/testlog-main.json")
    if [ "${CI:-}" = "true" ]; then
      # The C suites again under valgrind memcheck (no definite leaks, no
      # invalid access) and built with ASan and UBSan (memory errors, UB).
      meson test -C "$build" --setup=valgrind --suite core --suite io --suite fuzzing \
        --print-errorlogs --num-processes 2 || status=1
      logs+=("$build/meson-logs/testlog-valgrind.json")
      asan=${build}-asan
      setup_build "$asan" -Dwerror=true -Db_sanitize=address,undefined \
        -Dintrospection=disabled -Dvapi=false -Dexamples=false -Dtools=false
      ninja -C "$asan" "${ninja_flags[@]}" >&2
      # Sanitized code runs 2-5x slower: the suites get 4x their timeouts.
      meson test -C "$asan" --suite core --suite io --suite fuzzing --timeout-multiplier 4 \
        --print-errorlogs --num-processes 2 || status=1
      logs+=("$asan/meson-logs/testlog.json")
    fi
    if [ "${CI:-}" = "true" ] && ! inside_chroot; then
      # The .debs from debian/, built in a copy of the tree, and lintian.
      /usr/bin/python3 .ci/build-debs.py "$build/debs" "$build/meson-logs/testlog-debs.json" || status=1
      logs+=("$build/meson-logs/testlog-debs.json")
      # The build and the whole test suite (valgrind and ASan too) again on
      # Debian 13, in a chroot.
      debian13_log=$build/meson-logs/testlog-debian13.json
      case $debian13 in
        yes)
          wait "$debian13_prepare" || true
          trap - EXIT
          .ci/debian13 test "$debian13_log" || status=1
          ;;
        skip)
          printf '%s\n' '{"name": "debian13: chroot", "result": "SKIP", "stdout": "SKIPPED: GAIO_CI_DEBIAN13=0 was set (CI runs the Debian 13 chroot unless told not to)"}' \
            > "$debian13_log"
          ;;
      esac
      logs+=("$debian13_log")
    fi
    printf '%s\n' "${logs[@]}" > "$build/meson-logs/ci-logs.list"
    /usr/bin/python3 .ci/count-tests.py "${logs[@]}" || status=1
    exit $status
    ;;
  bench)
    install_missing "${packages[@]}" "${bench_packages[@]}"
    configure_and_build -Dbench=true
    shift
    exec /usr/bin/python3 bench/run.py --build "$build" "$@"
    ;;
  *)
    echo "usage: $0 demo|test|bench|deps" >&2
    exit 2
    ;;
esac
