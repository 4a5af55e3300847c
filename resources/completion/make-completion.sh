#!/usr/bin/env bash
# Writes the bash completion of a Parlor program from its own --help, at every build (like the
# man pages), so the options it completes never drift from the ones the program takes.
#
#   make-completion.sh PROGRAM-NAME BINARY OUTPUT
#
# Completes every option --help lists; the value of an option by its placeholder: <file> with
# file names, <directory> with directories, <address> with "any" and "localhost", <proxy> with
# "none", "system" and the two schemes; nothing for
# other values (ports, names, counts), where bash's default would only offer unrelated files.
set -euo pipefail
name=$1
binary=$2
out=$3

help=$(env LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=offscreen "$binary" --help 2>&1)
options=()
files=()
dirs=()
addresses=()
proxies=()
valued=()
# Option lines: "  -p, --port <port>   Text", "  --clients N   Text" or "  --tls   Text" (continuations are indented
# further and start with a word, not a dash).
while IFS= read -r line; do
    [[ $line =~ ^\ \ (-[A-Za-z0-9]+,\ )?(--[A-Za-z0-9][A-Za-z0-9-]*)(\ \<([^>]+)\>|\ ([A-Z][A-Z0-9_]*)( |$))? ]] ||
        continue
    short=${BASH_REMATCH[1]%, }
    long=${BASH_REMATCH[2]}
    # Qt's parser writes a value as <name>; parlor-bench (no Qt) as an upper-case word.
    value=${BASH_REMATCH[4]:-${BASH_REMATCH[5],,}}
    names=("$long")
    [[ -n $short ]] && names+=("$short")
    options+=("${names[@]}")
    [[ -z $value ]] && continue
    valued+=("${names[@]}")
    case $value in
    file) files+=("${names[@]}") ;;
    directory | dir) dirs+=("${names[@]}") ;;
    address) addresses+=("${names[@]}") ;;
    proxy) proxies+=("${names[@]}") ;;
    esac
done <<<"$help"
((${#options[@]})) || { echo "make-completion: no options in $binary --help" >&2; exit 1; }

fn=_${name//-/_}
# An empty list still needs a pattern: one no word on a command line is.
pattern() { local IFS='|'; echo "${*:-\"\"}"; }
cat >"$out" <<EOS
# bash completion for $name. Generated from \`$name --help\` by resources/completion/make-completion.sh.
$fn()
{
    local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
    COMPREPLY=()
    case \$prev in
    $(pattern "${files[@]}"))
        compopt -o filenames 2>/dev/null
        COMPREPLY=(\$(compgen -f -- "\$cur"))
        return ;;
    $(pattern "${dirs[@]}"))
        compopt -o filenames 2>/dev/null
        COMPREPLY=(\$(compgen -d -- "\$cur"))
        return ;;
    $(pattern "${addresses[@]}"))
        COMPREPLY=(\$(compgen -W "any localhost" -- "\$cur"))
        return ;;
    $(pattern "${proxies[@]}"))
        compopt -o nospace 2>/dev/null # after a scheme comes the host, in the same word
        COMPREPLY=(\$(compgen -W "none system http:// socks5://" -- "\$cur"))
        [[ \${#COMPREPLY[@]} == 1 && \${COMPREPLY[0]} != *:// ]] && COMPREPLY[0]+=" "
        return ;;
    $(pattern "${valued[@]}"))
        return ;;
    esac
    if [[ \$cur == -* ]]; then
        COMPREPLY=(\$(compgen -W "${options[*]}" -- "\$cur"))
    fi
}
complete -F $fn $name
EOS
