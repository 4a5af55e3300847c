#!/usr/bin/env bash
# What `cmake --install` and `cpack -G DEB` put where (README "Installing"), checked on the real
# build: installs into a scratch DESTDIR under /usr and looks at every file a desktop, `man`,
# systemd and apt read. The clean-machine install of the .deb is scripts/test-package.sh.
#
#   check-install.sh BUILD_DIR
set -euo pipefail
build=$1
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
fail() { echo "check-install: FAIL: $*" >&2; exit 1; }

DESTDIR=$stage/root cmake --install "$build" --prefix /usr >/dev/null
usr=$stage/root/usr

for f in bin/parlor bin/parlor-server bin/parlor-cli bin/parlor-bench \
         share/applications/parlor.desktop \
         share/metainfo/io.github.parlor.Parlor.metainfo.xml \
         share/icons/hicolor/scalable/apps/parlor.svg \
         share/parlor/translations/parlor_ko.qm \
         share/man/man1/parlor.1.gz share/man/man1/parlor-server.1.gz \
         share/man/man1/parlor-cli.1.gz share/man/man1/parlor-bench.1.gz \
         share/doc/parlor/copyright share/doc/parlor/changelog.gz \
         lib/systemd/system/parlor-server.service; do
    [[ -s $usr/$f ]] || fail "$f is not installed"
done
# Nothing of the test suite or the benchmarks ships.
extra=$(find "$usr/bin" -type f ! -name parlor ! -name parlor-server ! -name parlor-cli \
        ! -name parlor-bench)
[[ -z $extra ]] || fail "unexpected programs installed: $extra"

# Icons: a PNG of exactly N×N at every standard size.
for size in 16 22 24 32 48 64 128 256 512; do
    png=$usr/share/icons/hicolor/${size}x${size}/apps/parlor.png
    [[ -s $png ]] || fail "no ${size}x${size} icon"
    got=$(file -b "$png")
    [[ $got == *"PNG image data, $size x $size"* ]] || fail "${size}x${size} icon is: $got"
done

# Bash completion: after "--", every long option the installed program's --help lists; values
# by kind (an address: the two words --bind knows).
complete_words() { # FILE PROGRAM WORD...
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _${1//-/_}
             printf "%s\n" "${COMPREPLY[@]}"' _ "$@" 2>/dev/null
}
for program in parlor parlor-server parlor-cli parlor-bench; do
    comp=$usr/share/bash-completion/completions/$program
    [[ -s $comp ]] || fail "no bash completion for $program"
    offered=$(complete_words "$comp" "$program" --)
    listed=$(env LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=offscreen \
                 "$usr/bin/$program" --help | grep -oE '^  (-[A-Za-z0-9]+, )?--[A-Za-z0-9-]+' \
             | grep -oE -- '--[A-Za-z0-9-]+')
    [[ -n $listed ]] || fail "$program --help lists no options"
    for opt in $listed; do
        grep -qx -- "$opt" <<<"$offered" || fail "bash completion of $program lacks $opt"
    done
done
[[ $(complete_words "$usr/share/bash-completion/completions/parlor-server" parlor-server \
         --bind lo) == localhost ]] || fail "bash completion of parlor-server --bind"
[[ -z $(complete_words "$usr/share/bash-completion/completions/parlor-server" parlor-server \
            --port "") ]] || fail "bash completion offers something for a port"
[[ $(complete_words "$usr/share/bash-completion/completions/parlor-cli" parlor-cli \
         --proxy so) == "socks5://" ]] || fail "bash completion of parlor-cli --proxy"

desktop-file-validate "$usr/share/applications/parlor.desktop" || fail "desktop entry"
# The desktop entry's Icon and Exec name what was installed.
grep -qx 'Icon=parlor' "$usr/share/applications/parlor.desktop" || fail "desktop entry Icon"
grep -q '^Exec=parlor ' "$usr/share/applications/parlor.desktop" || fail "desktop entry Exec"

# Man pages: render without a warning, and list every option the program's --help lists (they
# are made from it; this catches a page that stopped being rebuilt).
for program in parlor parlor-server parlor-cli parlor-bench; do
    page=$usr/share/man/man1/$program.1.gz
    [[ $(file -b "$page") == "gzip compressed data, max compression"* ]] \
        || fail "$program.1.gz is not compressed as policy asks: $(file -b "$page")"
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
    [[ -z $warnings ]] || fail "$program.1: $warnings"
    rendered=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -E UTF-8 -l "$page" 2>/dev/null | col -b)
    options=$(LC_ALL=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=offscreen "$usr/bin/$program" --help \
              | grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+')
    [[ -n $options ]] || fail "$program --help lists no options"
    for option in $options; do
        grep -qF -- "$option" <<<"$rendered" || fail "$program.1 lacks $option"
    done
done

# The systemd unit: valid, never enabled by installing, and starting the installed binary.
unit=$usr/lib/systemd/system/parlor-server.service
if command -v systemd-analyze >/dev/null; then
    # verify wants ExecStart's program to exist, and looks for a bare name in /usr/bin and the
    # like: the copy it checks names the staged binary instead (and its man page is checked
    # above, not in the system's manual).
    mkdir -p "$stage/unit"
    sed "s|^ExecStart=parlor-server |ExecStart=$usr/bin/parlor-server |" "$unit" \
        >"$stage/unit/parlor-server.service"
    out=$(systemd-analyze verify --man=no "$stage/unit/parlor-server.service" 2>&1) \
        || fail "systemd-analyze: $out"
    [[ -z $out ]] || fail "systemd-analyze: $out"
else
    fail "systemd-analyze is missing (Debian package systemd)"
fi
grep -q '^DynamicUser=yes' "$unit" || fail "the unit must run as a user of its own"
grep -q '^ExecStart=parlor-server --data-dir /var/lib/parlor ' "$unit" || fail "unit ExecStart"
[[ ! -e $stage/root/etc/systemd/system/multi-user.target.wants/parlor-server.service ]] \
    || fail "the unit is enabled by installing"

# The package: built by cpack, with computed dependencies and the run-time Qt plugins.
(cd "$build" && rm -f parlor_*.deb && cpack -G DEB >/dev/null) || fail "cpack -G DEB"
deb=$(ls "$build"/parlor_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for need in libqt6core6 libqt6network6 libqt6websockets6 libqt6widgets6 libqt6sql6-sqlite \
            qt6-qpa-plugins libssl3 libqrencode4; do
    grep -q "$need" <<<"$depends" || fail "Depends lacks $need: $depends"
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/parlor-server ./usr/lib/systemd/system/parlor-server.service \
         ./usr/share/man/man1/parlor-server.1.gz ./usr/share/doc/parlor/copyright \
         ./usr/share/doc/parlor/changelog.gz; do
    grep -qF " $f" <<<"$contents" || fail "the package lacks $f"
done
[[ -z $(dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -E 'postinst|preinst') ]] \
    || fail "the package has maintainer scripts (it enables nothing by itself)"
# Debian's own checker: no errors (warnings and informational tags are printed, not fatal).
command -v lintian >/dev/null || fail "lintian is missing (Debian package lintian)"
lint=$(lintian --allow-root --fail-on error --tag-display-limit 0 "$deb" 2>&1) \
    || fail "lintian reports errors:
$lint"
[[ -z $lint ]] || echo "check-install: lintian (not errors): $lint"
echo "check-install: ok ($(basename "$deb"), $(du -h "$deb" | cut -f1))"
