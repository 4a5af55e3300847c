#!/usr/bin/env bash
# Takes the README's screenshots of the real window under Xvfb: light, dark, Korean, and the
# connection inspector.
# Writes docs/screenshots/*.png. Needs the test packages (scripts/setup.sh --tests).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PARLOR_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh" --tests
cmake --build "$build" --target parlor-screenshots
mkdir -p "$root/docs/screenshots"
shoot() {
    xvfb-run -a -s '-screen 0 1400x900x24' env QT_QPA_PLATFORM=xcb LANG=C.UTF-8 \
        "$build/tests/parlor-screenshots" "$@"
}
shoot --theme light --lang en --out "$root/docs/screenshots/chat-light.png"
shoot --theme dark --lang en --out "$root/docs/screenshots/chat-dark.png"
shoot --theme light --lang ko --out "$root/docs/screenshots/chat-korean.png"
# The inspector: a client session that lived through a server restart.
shoot --scene inspector --tab 0 --out "$root/docs/screenshots/inspector-timeline.png"
shoot --scene inspector --tab 2 --out "$root/docs/screenshots/inspector-frames.png"
# Host a Room, with its "Keep history on this computer" option.
shoot --scene hostdialog --lang en --out "$root/docs/screenshots/host-dialog.png"
shoot --scene nearby --lang en --out "$root/docs/screenshots/join-nearby.png"
# Find in the chat (Ctrl+F): every match highlighted, the current one distinctly, "1 of 2".
shoot --scene find --lang en --out "$root/docs/screenshots/find.png"
# Replies with their quotes, a mention of mina tinted, and the "Replying to" strip.
shoot --scene reply --lang en --out "$root/docs/screenshots/reply.png"
shoot --scene reply --lang ko --out "$root/docs/screenshots/reply-korean.png"
# The hosting view: the room this window hosts, with three peers (one a plain browser client).
shoot --scene hosting --out "$root/docs/screenshots/inspector-peers.png"
# The room's own page in headless Chromium, in the same conversation.
shoot --scene browser --out "$root/docs/screenshots/browser.png"
# The banner of a hosted room with its QR code, and the code's large window (for a projector).
shoot --scene qr --lang en --out "$root/docs/screenshots/qr-banner.png"
shoot --scene qrwindow --lang en --out "$root/docs/screenshots/qr-window.png"
# Text selected across messages by a drag: partial first and last lines, a whole one between.
shoot --scene selection --lang en --out "$root/docs/screenshots/selection.png"
shoot --scene selection --lang ko --out "$root/docs/screenshots/selection-korean.png"
# Several rooms at once: three rooms in the list, unread counts and a mention mark.
shoot --scene rooms --lang en --out "$root/docs/screenshots/rooms.png"
shoot --scene rooms --lang ko --out "$root/docs/screenshots/rooms-korean.png"
# Sharing files: a picture with its thumbnail, a file card with Save, an upload on its way.
shoot --scene files --lang en --out "$root/docs/screenshots/files.png"
shoot --scene files --lang ko --out "$root/docs/screenshots/files-korean.png"
# A RabbitMQ topic joined from the window (it starts a throw-away broker), chatting with the real
# parlor-cli below it; the inspector shows the STOMP frames. And the join dialog for a broker.
shoot --scene stomp --lang en --out "$root/docs/screenshots/stomp.png"
shoot --scene stomp --lang ko --out "$root/docs/screenshots/stomp-korean.png"
shoot --scene stompdialog --lang en --out "$root/docs/screenshots/stomp-dialog.png"
