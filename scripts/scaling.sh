#!/usr/bin/env bash
# The scaling proof: deposit, request_withdrawal, an LRT transfer with settlement, lrt2 claim
# and execute_slash, each measured with 1, 10, 100, 1 000, 10 000 and 100 000 existing
# holders in the same vault (frame-benchmarking, runtime/src/benchmarks/scaling.rs), printed
# as a table of time, storage reads/writes and the ratio to the 1-holder case.
#   scripts/scaling.sh          REPEAT=n overrides the 10 repeats per size
# Exits non-zero if a call's reads or writes differ between sizes, or its median time at any
# size exceeds MAX_RATIO (default 1.10) × the 1-holder case.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$RESTAKE_ROOT"

bash scripts/setup.sh
build_benchmark_node
out="$(mktemp -d /tmp/restake-scaling.XXXXXX)"
echo "[scaling] raw results in $out" >&2
"$RESTAKE_BENCH_NODE" benchmark pallet \
	--chain dev \
	--pallet restake_scaling \
	--extrinsic '*' \
	--wasm-execution compiled \
	--steps 6 \
	--repeat "${REPEAT:-10}" \
	--json-file "$out/scaling.json" >"$out/cli.txt"
python3 scripts/scaling-table.py "$out/scaling.json"
