#!/usr/bin/env bash
# Sets everything up (packages, build) and starts Parlor: the window, hosting a room on this
# computer and joined to it. Arguments go to parlor, e.g. scripts/run.sh ws://192.168.1.20:5870.
# Without a display (a server, an SSH session) it starts the headless room server instead.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PARLOR_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
    echo "parlor: no display found; starting the headless room server (parlor-server)" >&2
    exec "$build/app/parlor-server" "$@"
fi
exec "$build/ui/parlor" "$@"
