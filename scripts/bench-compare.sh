#!/usr/bin/env bash
# Side by side (docs/PERFORMANCE.md, "Side by side"): every parlor-bench preset against
# parlor-server in parlor.v1 (rich) and plain mode, the Node "ws" broadcast server
# (tests/interop/node/bench_server.js) and the C epoll reference (tests/bench/ref_epoll_server.c),
# the server pinned to one core and parlor-bench to another (taskset), the servers interleaved in
# each repetition (each repetition starts with a different one), a fresh server for every run.
# Prints the median of each figure over the repetitions and the ratios against the references.
#
#   scripts/bench-compare.sh                       # 3 repetitions of every preset (~12 min)
#   scripts/bench-compare.sh --reps 5 --presets "fanout ramp"
#   scripts/bench-compare.sh --reps 1 --idle5000-reps 1 --out /tmp/bench
#   scripts/bench-compare.sh --rich-features member-pages,event-batches   # as Parlor's own client
#
# Options: --reps N (default 3), --idle5000-reps N (default: --reps), --presets "LIST" (default
# "fanout ramp idle1000 idle5000 large"), --servers "LIST" (default "parlor-rich parlor-plain
# node-ws c-epoll"), --server-cpu N and --bench-cpu N (default 0 and 1), --out DIR (the raw
# summary lines and JSON; default a new temporary directory), --rich-features LIST (the hello
# features parlor-rich's clients name, as parlor-bench --hello-features; default none, as an
# older client). Uses $PARLOR_BUILD_DIR (default
# build/), which must have parlor-server, parlor-bench and ref_epoll_server built, and the npm
# packages of tests/interop/node (npm ci there).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PARLOR_BUILD_DIR:-$root/build}
reps=3
idle5000_reps=
presets="fanout ramp idle1000 idle5000 large"
servers="parlor-rich parlor-plain node-ws c-epoll"
server_cpu=0
bench_cpu=1
out=
rich_features=
while [[ $# -gt 0 ]]; do
    case $1 in
    --reps) reps=$2; shift 2 ;;
    --idle5000-reps) idle5000_reps=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    --server-cpu) server_cpu=$2; shift 2 ;;
    --bench-cpu) bench_cpu=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --rich-features) rich_features=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-compare: unknown option $1 (--help)" >&2; exit 2 ;;
    esac
done
idle5000_reps=${idle5000_reps:-$reps}
parlor_server=$build/app/main/parlor-server
bench=$build/tools/bench/parlor-bench
ref=$build/tests/ref_epoll_server
node_dir=$root/tests/interop/node
for binary in "$parlor_server" "$bench" "$ref"; do
    if [[ ! -x $binary ]]; then
        echo "bench-compare: $binary is not built: cmake --build $build" >&2
        exit 2
    fi
done
if [[ ! -d $node_dir/node_modules/ws ]]; then
    echo "bench-compare: the npm package ws is missing: (cd tests/interop/node && npm ci)" >&2
    exit 2
fi
out=${out:-$(mktemp -d /tmp/bench-compare.XXXXXX)}
mkdir -p "$out"
results=$out/summary.txt
: >"$results"
ulimit -n "$(ulimit -Hn)"

server_pid=
stop_server() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
trap stop_server EXIT

# Starts server $1 on core $server_cpu; sets server_pid and port.
start_server() {
    local log=$out/server.log
    : >"$log"
    case $1 in
    parlor-*)
        # Limits out of the way of a benchmark: peers from one address, messages a second,
        # the time a burst of rich peers may take to be welcomed.
        taskset -c "$server_cpu" "$parlor_server" --port 0 --bind localhost --max-peers 100000 \
            --max-peers-per-address 100000 --rate 100000 --handshake-timeout 120000 \
            >/dev/null 2>"$log" &
        server_pid=$!
        for _ in $(seq 100); do
            port=$(grep -o 'listening on [^ ]*:[0-9]*' "$log" | head -1 | sed 's/.*://') || true
            [[ -n $port ]] && return 0
            sleep 0.1
        done ;;
    node-ws)
        taskset -c "$server_cpu" node "$node_dir/bench_server.js" 0 >"$log" 2>&1 &
        server_pid=$! ;;
    c-epoll)
        taskset -c "$server_cpu" "$ref" 0 >"$log" 2>&1 &
        server_pid=$! ;;
    esac
    for _ in $(seq 100); do
        port=$(awk '/^listening/ {print $2; exit}' "$log")
        [[ -n $port ]] && return 0
        sleep 0.1
    done
    echo "bench-compare: $1 did not start: $(cat "$log")" >&2
    exit 1
}

echo "bench-compare: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
     "server on CPU $server_cpu, parlor-bench on CPU $bench_cpu; results in $out" >&2
read -r -a server_list <<<"$servers"
for rep in $(seq "$reps"); do
    for preset in $presets; do
        [[ $preset == idle5000 && $rep -gt $idle5000_reps ]] && continue
        # Interleaved: repetition r starts with the r-th server, so no server is always first.
        count=${#server_list[@]}
        for i in $(seq 0 $((count - 1))); do
            name=${server_list[$(((i + rep - 1) % count))]}
            start_server "$name"
            mode=()
            [[ $name == parlor-rich ]] && mode=(--hello)
            [[ $name == parlor-rich && -n $rich_features ]] &&
                mode+=(--hello-features "$rich_features")
            json=$out/$preset-$name-$rep.json
            line=$(taskset -c "$bench_cpu" "$bench" --preset "$preset" "${mode[@]}" \
                       --server-pid "$server_pid" --label "$name" --json "$json" \
                       --connect-timeout 40000 "ws://127.0.0.1:$port/" 2>>"$out/bench.log") || true
            echo "rep=$rep $line" >>"$results"
            echo "bench-compare: rep $rep $preset $name: $(grep -oE '(^| )(joined|delivered_pct|p99_ms|handshakes_per_s|saturation_deliveries_per_s|server_kib_per_peer)=[^ ]*' <<<"$line" | tr -d '\n')" >&2
            stop_server
        done
    done
done

python3 "$root/scripts/bench_table.py" compare "$results"
