#!/usr/bin/env bash
# Soak test of a durable room, not run in CI (docs/PERFORMANCE.md, "Soak"): parlor-server with
# --data-dir on a temporary directory and a small --retain-events, 50 parlor.v1 clients chatting
# for 10 minutes; samples the server's memory and the SQLite file sizes, checks that every client
# got every event. Options go to scripts/soak.js (--clients, --duration, --interval,
# --retain-events, --history, --sample, --data-dir, ...; --help lists them all).
#
#   scripts/soak.sh                              # the full run: 50 clients, 600 s
#   scripts/soak.sh --clients 10 --duration 30   # checks the script itself
#
# Uses the parlor-server of $PARLOR_BUILD_DIR (default: build/), which must be built, and the
# "ws" package of tests/interop/node (installed by scripts/setup.sh --tests: npm ci there).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PARLOR_BUILD_DIR:-$root/build}
server=$build/app/main/parlor-server
if [[ ! -x $server ]]; then
    echo "soak: $server is not built: ninja -C $build parlor-server" >&2
    exit 2
fi
node_modules=$root/tests/interop/node/node_modules
if [[ ! -d $node_modules/ws ]]; then
    echo "soak: the npm package ws is missing: (cd tests/interop/node && npm ci)" >&2
    exit 2
fi
command -v sqlite3 >/dev/null || echo "soak: no sqlite3 command; the rows left on disk will not be counted" >&2
NODE_PATH=$node_modules exec node "$root/scripts/soak.js" --server "$server" "$@"
