#!/usr/bin/env bash
# Sets everything up (packages, build) and runs the whole test suite; exits non-zero on any
# failure. Extra arguments go to ctest, e.g. scripts/test.sh -R roomserver.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh" --tests
exec ctest --test-dir "${PARLOR_BUILD_DIR:-$root/build}" --output-on-failure --parallel 2 "$@"
