#!/usr/bin/env bash
# One parlor-server against two on a RabbitMQ broker (docs/SCALING.md, "Measured: one server
# against two on a broker"): parlor-bench's fanout and ramp presets, in parlor.v1 (--hello),
# against three set-ups, interleaved in each repetition (each repetition starts with a different
# one), fresh servers and a fresh room (a new stream) for every run:
#
#   alone     one parlor-server, the room in its process (no broker)
#   broker1   one parlor-server with --broker, every client on it
#   broker2   two parlor-servers with --broker on the same room, the clients spread over both
#             (parlor-bench given both URLs: client i on server i mod 2)
#
# One throw-away RabbitMQ for the whole run (tests/bench/bench_broker_host.cpp, the tests'
# RabbitMqBroker: its own ports and folder, removed at the end). The servers and the broker run on
# --server-cpu, parlor-bench on --bench-cpu (taskset): the room gets the same core in all three
# set-ups, and the generator a core of its own. Prints the median of each figure.
#
# On a machine others use at the same time, --nice -20 (as root) runs the servers, the broker and
# parlor-bench ahead of the other work, which would otherwise decide the figures: the scheduler
# moves other jobs away from the core the broker loads, so the set-ups would not get the same
# share of their cores.
#
#   scripts/bench-broker.sh                  # 3 repetitions (~5 minutes here)
#   scripts/bench-broker.sh --reps 5 --nice -20 --out /tmp/bench-broker   # docs/SCALING.md's
#
# Options: --reps N (default 3), --presets "LIST" (default "fanout ramp"), --server-cpu LIST and
# --bench-cpu LIST (taskset lists, default 0 and 1), --nice N (the niceness of everything this
# script starts; default 0, below 0 needs root), --out DIR (raw summary lines, JSON, logs;
# default a new temporary directory). Uses $PARLOR_BUILD_DIR (default build/), which must have
# parlor-server, parlor-bench and bench_broker_host built; needs rabbitmq-server
# (scripts/setup.sh --tests).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PARLOR_BUILD_DIR:-$root/build}
reps=3
presets="fanout ramp"
server_cpu=0
bench_cpu=1
nice=0
out=
while [[ $# -gt 0 ]]; do
    case $1 in
    --reps) reps=$2; shift 2 ;;
    --presets) presets=$2; shift 2 ;;
    --server-cpu) server_cpu=$2; shift 2 ;;
    --bench-cpu) bench_cpu=$2; shift 2 ;;
    --nice) nice=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-broker: unknown option $1 (--help)" >&2; exit 2 ;;
    esac
done
parlor_server=$build/app/main/parlor-server
bench=$build/tools/bench/parlor-bench
host=$build/tests/bench_broker_host
for binary in "$parlor_server" "$bench" "$host"; do
    if [[ ! -x $binary ]]; then
        echo "bench-broker: $binary is not built: cmake --build $build" >&2
        exit 2
    fi
done
out=${out:-$(mktemp -d /tmp/bench-broker.XXXXXX)}
mkdir -p "$out"
results=$out/summary.txt
: >"$results"
ulimit -n "$(ulimit -Hn)"

server_pids=()
host_pid=
stop_servers() {
    local pid
    for pid in "${server_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${server_pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    server_pids=()
}
finish() {
    stop_servers
    if [[ -n $host_pid ]]; then
        exec 3>&- # the host stops the broker when its standard input ends
        wait "$host_pid" 2>/dev/null || true
    fi
}
trap finish EXIT

# The broker, on the servers' core. Its standard input is a FIFO this script holds open: when the
# script ends, however it ends, the host sees the end and stops the broker.
mkfifo "$out/host.in"
nice -n "$nice" taskset -c "$server_cpu" "$host" <"$out/host.in" >"$out/host.out" 2>"$out/host.err" &
host_pid=$!
exec 3>"$out/host.in"
echo "bench-broker: starting RabbitMQ (10-20 s)..." >&2
for _ in $(seq 1800); do
    grep -q '^pid ' "$out/host.out" && break
    if ! kill -0 "$host_pid" 2>/dev/null; then
        echo "bench-broker: the broker did not start: $(cat "$out/host.err")" >&2
        exit 1
    fi
    sleep 0.1
done
broker_url=$(awk '/^webstomp / {print $2}' "$out/host.out")
broker_pid=$(awk '/^pid / {print $2}' "$out/host.out")
if [[ -z $broker_url || -z $broker_pid || $broker_pid == 0 ]]; then
    echo "bench-broker: no broker after 180 s: $(cat "$out/host.err")" >&2
    exit 1
fi
export PARLOR_BROKER_USER=guest PARLOR_BROKER_PASSWORD=guest

# Starts one parlor-server (with "$@" added) on the servers' core; appends to server_pids and
# ports.
ports=()
start_server() {
    local log=$out/server-${#server_pids[@]}.log port=
    : >"$log"
    # Limits out of the way of a benchmark, as scripts/bench-compare.sh does; with a broker, also
    # the number of events the broker has not confirmed yet.
    nice -n "$nice" taskset -c "$server_cpu" "$parlor_server" --port 0 --bind localhost --no-announce \
        --max-peers 100000 --max-peers-per-address 100000 --rate 100000 \
        --handshake-timeout 120000 "$@" >/dev/null 2>"$log" &
    server_pids+=($!)
    for _ in $(seq 100); do
        port=$(grep -o 'listening on [^ ]*:[0-9]*' "$log" | head -1 | sed 's/.*://') || true
        if [[ -n $port ]]; then
            ports+=("$port")
            return 0
        fi
        sleep 0.1
    done
    echo "bench-broker: parlor-server did not start: $(cat "$log")" >&2
    exit 1
}

echo "bench-broker: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
     "servers and broker on CPU $server_cpu, parlor-bench on CPU $bench_cpu, nice $nice;"\
     "broker $broker_url"\
     "(VM pid $broker_pid); results in $out" >&2
setups=(alone broker1 broker2)
for rep in $(seq "$reps"); do
    for preset in $presets; do
        for i in 0 1 2; do
            name=${setups[$(((i + rep - 1) % 3))]}
            room=bench-$preset-$name-$rep-$$
            ports=()
            watch=()
            case $name in
            alone)
                start_server --room "$room" ;;
            broker1)
                start_server --room "$room" --broker "$broker_url" --broker-max-pending 1000000
                watch=(--broker-pid "$broker_pid") ;;
            broker2)
                start_server --room "$room" --broker "$broker_url" --broker-max-pending 1000000
                start_server --room "$room" --broker "$broker_url" --broker-max-pending 1000000
                watch=(--broker-pid "$broker_pid") ;;
            esac
            urls=()
            for port in "${ports[@]}"; do
                urls+=("ws://127.0.0.1:$port/")
                watch+=(--server-pid "${server_pids[${#urls[@]} - 1]}")
            done
            json=$out/$preset-$name-$rep.json
            line=$(nice -n "$nice" taskset -c "$bench_cpu" "$bench" --preset "$preset" --hello "${watch[@]}" \
                       --label "$name" --json "$json" --connect-timeout 40000 "${urls[@]}" \
                       2>>"$out/bench.log") || true
            echo "rep=$rep $line" >>"$results"
            echo "bench-broker: rep $rep $preset $name: $(grep -oE '(^| )(joined|delivered_pct|p99_ms|p99_same_ms|p99_cross_ms|saturation_deliveries_per_s|server_cpu_pct|broker_cpu_pct)=[^ ]*' <<<"$line" | tr -d '\n')" >&2
            stop_servers
        done
    done
done

python3 "$root/scripts/bench_table.py" broker "$results"
