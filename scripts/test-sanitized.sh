#!/usr/bin/env bash
# The test suite again, built with clang under AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer, plus a few seconds of every fuzz target over its committed corpus
# (docs/FUZZING.md). One build directory serves both (PARLOR_SANITIZE and PARLOR_FUZZ), which
# saves a whole build. Extra arguments go to ctest, e.g. scripts/test-sanitized.sh -L fuzz.
#
# Left out there, to keep CI well inside its time: the desktop app and its tests (ui: the
# slowest part of the tree to compile, Widgets code that parses nothing from the network; the
# libraries under it are all covered here), the benchmarks (timings mean nothing under ASan),
# and the translation and AppStream checks (no compiled code of ours runs in them).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PARLOR_SANITIZED_BUILD_DIR:-$root/build-sanitized}

"$root/scripts/setup.sh" --tests

# -O1 and line tables only: what the sanitizers' reports need, and quicker to build than -O2 -g.
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DCMAKE_CXX_COMPILER=clang++ -DPARLOR_SANITIZE=ON -DPARLOR_FUZZ=ON \
    -DPARLOR_BUILD_UI=OFF -DPARLOR_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
exec ctest --test-dir "$build_dir" --output-on-failure --parallel 2 \
    -L '^(core|protocol|client|inspector|server|broker|interop|fuzz)$' "$@"
