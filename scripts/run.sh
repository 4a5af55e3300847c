#!/usr/bin/env bash
# Sets everything up (packages, build) and starts Parlor: a room hosted on this computer.
# Arguments are passed on, e.g. scripts/run.sh --port 6000 --room "Lunch room".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
exec "${PARLOR_BUILD_DIR:-$root/build}/app/parlor-server" "$@"
