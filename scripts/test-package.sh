#!/usr/bin/env bash
# Builds the .deb and proves it on a clean Debian 12: a minimal bookworm made by debootstrap from
# Debian's archive, `apt-get install ./parlor_*.deb` there (so apt resolves the dependencies the
# package declares, and nothing of this machine helps), then parlor-server runs a room in it and
# parlor-cli says a line in that room; `man parlor-server` reads the installed page there, and
# lintian (on this machine) finds no errors in the package. Not part of the test suite (it downloads a few hundred
# MiB and takes minutes); README "Installing" and docs/PACKAGING.md say when to run it.
#
#   scripts/test-package.sh            uses ./build (built by scripts/setup.sh)
#   KEEP_ROOT=1 scripts/test-package.sh   leaves the clean system in place to look at
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PARLOR_BUILD_DIR:-$root/build}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

[[ $(id -u) -eq 0 ]] || { echo "test-package: needs root (debootstrap, chroot)" >&2; exit 1; }
for tool in debootstrap lintian; do
    command -v $tool >/dev/null || {
        env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $tool
    }
done

"$root/scripts/setup.sh"
rm -f "$build_dir"/parlor_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
deb=$(ls "$build_dir"/parlor_*.deb)
echo "test-package: built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
echo "test-package: lintian"
lintian --allow-root --fail-on error --tag-display-limit 0 "$deb"

chroot_dir=$(mktemp -d /tmp/parlor-clean-bookworm.XXXXXX)
cleanup() {
    for m in proc dev/pts dev; do umount -l "$chroot_dir/$m" 2>/dev/null || true; done
    if [[ -z ${KEEP_ROOT:-} ]]; then
        rm -rf "$chroot_dir" "$chroot_dir.log"
    else
        echo "test-package: kept $chroot_dir"
    fi
}
trap cleanup EXIT

echo "test-package: making a clean Debian 12 in $chroot_dir"
debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >"$chroot_dir.log" 2>&1 || {
    tail -20 "$chroot_dir.log" >&2; exit 1; }
mount -t proc proc "$chroot_dir/proc"
mount --bind /dev "$chroot_dir/dev"
mount --bind /dev/pts "$chroot_dir/dev/pts"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
cp "$deb" "$chroot_dir/tmp/"

in_root() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
                LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

echo "test-package: apt-get install ./$(basename "$deb")"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" >/dev/null

echo "test-package: installed files"
in_root dpkg -L parlor | grep -E 'bin/|\.service|man1|metainfo|applications|translations|scalable'
in_root parlor-server --version
in_root parlor-cli --version
in_root env QT_QPA_PLATFORM=offscreen parlor --version

# The manual as a user reads it: a minimal Debian has no man-db, so install it as a user would.
in_root apt-get install -y -qq --no-install-recommends man-db >/dev/null
in_root env MANWIDTH=100 man parlor-server >"$chroot_dir.man"
grep -q -- '--broker' "$chroot_dir.man" && grep -q 'EXIT STATUS' "$chroot_dir.man" \
    || { cat "$chroot_dir.man"; echo "test-package: man parlor-server is not the page" >&2; exit 1; }
echo "test-package: man parlor-server: $(grep -c . "$chroot_dir.man") lines"
rm -f "$chroot_dir.man"

# A room in the clean system, and a line said in it.
in_root sh -c '
    QT_LOGGING_RULES=parlor.server.info=true parlor-server --port 0 --bind localhost \
        --data-dir /var/tmp/room >/tmp/server.out 2>/tmp/server.err &
    server=$!
    for i in $(seq 100); do
        port=$(sed -n "s/.*listening on 127.0.0.1:\([0-9]*\)$/\1/p" /tmp/server.err)
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat /tmp/server.err; exit 1; }
    echo "hello from a clean Debian" | timeout 20 parlor-cli "ws://127.0.0.1:$port" --nick tester
    status=$?
    kill $server; wait $server
    test -s /var/tmp/room/room.sqlite
    exit $status'
echo "test-package: ok — the package installs on a clean Debian 12 and its room works"
