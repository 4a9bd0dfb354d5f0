#!/usr/bin/env bash
# Sets up, builds and runs Gaio on Debian 12. Usage:
#   ./dev.sh demo   install what is missing, build, run gaio-fetch --demo
#   ./dev.sh test   install what is missing, build, run every test
#   ./dev.sh bench  install what is missing, build, run the benchmarks
set -euo pipefail

cd "$(dirname "$0")"
build=${GAIO_BUILD_DIR:-_build}

packages=(
  build-essential meson ninja-build pkg-config
  libglib2.0-dev libglib2.0-bin libsoup-3.0-dev libjson-glib-dev
  gobject-introspection libgirepository1.0-dev gir1.2-soup-3.0 gir1.2-json-1.0
  valac gjs python3-gi python3-pytest python3-aiohttp gi-docgen valgrind
)
bench_packages=(python3-aiohttp python3-aiofiles nginx-light wrk hyperfine nodejs)

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

configure_and_build () {
  local opts=()
  if [ "${CI:-}" = "true" ]; then
    opts+=(-Dwerror=true -Ddocs=true)
  fi
  if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "${opts[@]}" >&2
  fi
  ninja -C "$build" >&2
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
  test)
    install_missing "${packages[@]}"
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
      if [ ! -f "$asan/build.ninja" ]; then
        meson setup "$asan" -Dwerror=true -Dsanitizers=true -Dintrospection=disabled \
          -Dvapi=false -Dexamples=false -Dtools=false >&2
      fi
      ninja -C "$asan" >&2
      meson test -C "$asan" --suite core --suite io --suite fuzzing \
        --print-errorlogs --num-processes 2 || status=1
      logs+=("$asan/meson-logs/testlog.json")
    fi
    /usr/bin/python3 .ci/count-tests.py "${logs[@]}" || status=1
    exit $status
    ;;
  bench)
    install_missing "${packages[@]}" "${bench_packages[@]}"
    configure_and_build
    shift
    exec /usr/bin/python3 bench/run.py --build "$build" "$@"
    ;;
  *)
    echo "usage: $0 demo|test|bench" >&2
    exit 2
    ;;
esac
