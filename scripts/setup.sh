#!/usr/bin/env bash
# Installs the Debian packages Parlor needs, only those that are missing, and configures and
# builds the project in ./build. Used by scripts/run.sh and scripts/test.sh; safe to run again.
#
#   scripts/setup.sh            packages to build and run Parlor
#   scripts/setup.sh --tests    also the packages the test suite needs (interop peers, Xvfb;
#                               clang with its sanitizer and libFuzzer runtimes and the
#                               symbolizer for scripts/test-sanitized.sh; rabbitmq-server for the
#                               "broker" tests, which start throw-away brokers of their own)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PARLOR_BUILD_DIR:-$root/build}

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-svg-dev qt6-translations-l10n libgl-dev fonts-noto-cjk
    libqt6sql6-sqlite libssl-dev help2man librsvg2-bin dpkg-dev libqrencode-dev
)
with_tests=false
if [[ ${1:-} == --tests ]]; then
    with_tests=true
    packages+=(python3 python3-websockets xvfb xauth chromium appstream desktop-file-utils
               file man-db bsdextrautils systemd lintian
               clang libclang-rt-14-dev llvm-14 rabbitmq-server)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
        missing+=("$p")
    fi
done

# Node.js and npm are looked for as commands: some machines have a nodejs package that bundles
# npm and conflicts with Debian's npm package.
if $with_tests; then
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
fi

if ((${#missing[@]})); then
    echo "parlor: installing ${missing[*]}"
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "parlor: run as root or install sudo" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# JavaScript test peers (Node's websocket and ws packages), exactly as the lockfile says.
if $with_tests; then
    node_dir="$root/tests/interop/node"
    if [[ ! -d $node_dir/node_modules ]] || [[ $node_dir/package-lock.json -nt $node_dir/node_modules ]]; then
        (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
fi

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
