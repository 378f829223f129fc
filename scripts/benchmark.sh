#!/usr/bin/env bash
# Regenerates every generated weight file of the runtime (runtime/src/weights/):
#   scripts/benchmark.sh [pallet ...]     default: all of them, then `overhead` and `storage`
# - pallets (frame-benchmarking v2): balances, the four Restake pallets, and frame_system,
#   frame_system_extensions and pallet_transaction_payment (the per-transaction work every
#   extrinsic pays for), STEPS × REPEAT (default 50 × 20) per extrinsic;
# - `overhead`: the block and extrinsic base weights (block_weights.rs, extrinsic_weights.rs),
#   measured on blocks of `System::remark` built with this runtime's extensions;
# - `storage`: the database read and write costs (paritydb_weights.rs), measured on a ParityDB
#   state populated by the throughput harness (ACCOUNTS accounts, default 4 000, each with a
#   deposit, an LRT transfer and claims: ≈ 35 000 keys), not on an empty chain; writes are
#   committed 1 000 at a time (a block of restaking calls writes ≈ 10 000), and the 95th
#   percentile is kept, not the average, as that state is smaller than a live chain's.
# Builds `restake-node --features runtime-benchmarks` (kept as restake-node-benchmarks so the
# normal node stays built) unless BENCH_NODE names one. Run it after a change to a pallet's logic or to the node's
# database; `python3 scripts/weights-table.py` then prints the pallets' table.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$RESTAKE_ROOT"

pallets=("$@")
# pallet_balances is benchmarked in the same run so the restaking calls can be compared with
# `transfer_keep_alive` measured on the same machine at the same time.
all=(pallet_balances pallet_vaults pallet_operators pallet_slashing pallet_lrt2
	frame_system frame_system_extensions pallet_transaction_payment)
whole=0
if [ ${#pallets[@]} -eq 0 ]; then
	pallets=("${all[@]}")
	whole=1
fi
# BENCH_NODE=path uses a benchmark node built elsewhere (e.g. in another target directory).
if [ -n "${BENCH_NODE:-}" ]; then
	RESTAKE_BENCH_NODE="$BENCH_NODE"
else
	build_benchmark_node
fi

for pallet in "${pallets[@]}"; do
	case "$pallet" in overhead | storage) continue ;; esac
	echo "[benchmark] $pallet (steps ${STEPS:-50}, repeat ${REPEAT:-20})"
	"$RESTAKE_BENCH_NODE" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--wasm-execution compiled \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--header scripts/weights-header.txt \
		--output "runtime/src/weights/$pallet.rs"
	# The runtime reaches FRAME through the polkadot-sdk umbrella crate.
	sed -i -e 's/^use frame_support::/use polkadot_sdk::frame_support::/' \
		-e 's/T: frame_system::Config/T: polkadot_sdk::frame_system::Config/' \
		-e 's/> \(pallet_balances\|frame_system\|pallet_transaction_payment\)::\(WeightInfo\|ExtensionsWeightInfo\) for/> polkadot_sdk::\1::\2 for/' \
		"runtime/src/weights/$pallet.rs"
done

want() { [ "$whole" = 1 ] || printf '%s\n' "${pallets[@]}" | grep -qx "$1"; }

if want overhead; then
	echo "[benchmark] overhead (block and extrinsic base weights)"
	"$RESTAKE_BENCH_NODE" benchmark overhead \
		--chain dev \
		--wasm-execution compiled \
		--header scripts/weights-header.txt \
		--weight-path runtime/src/weights/
	sed -i -e 's/\buse sp_core::/use polkadot_sdk::sp_core::/' \
		-e 's/\buse sp_weights::/use polkadot_sdk::frame_support::weights::/' \
		runtime/src/weights/block_weights.rs runtime/src/weights/extrinsic_weights.rs
fi

if want storage; then
	# A populated ParityDB: the dev chain from the raw spec of the normal node (the benchmark
	# node's runtime differs, so the same genesis must come from a file), loaded by the
	# throughput harness.
	db="${STORAGE_DB:-$(mktemp -d)}"
	"$RESTAKE_NODE" build-spec --chain dev --raw --disable-default-bootnode 2>/dev/null >"$db/dev-raw.json"
	if [ -z "${STORAGE_DB:-}" ]; then
		echo "[benchmark] storage: populating $db with the throughput harness"
		bash scripts/setup.sh
		BASE_PATH="$db/node" CHAIN="$db/dev-raw.json" ACCOUNTS="${ACCOUNTS:-4000}" node bench/throughput.mjs
	fi
	echo "[benchmark] storage (ParityDB read and write costs on $db)"
	"$RESTAKE_BENCH_NODE" benchmark storage \
		--chain "$db/dev-raw.json" \
		--base-path "$db/node" \
		--database paritydb \
		--state-version 1 \
		--batch-size 1000 \
		--metric p95 \
		--header scripts/weights-header.txt \
		--weight-path runtime/src/weights/
	sed -i -e 's/\buse sp_core::/use polkadot_sdk::sp_core::/' \
		-e 's/\buse sp_weights::/use polkadot_sdk::frame_support::weights::/' \
		-e 's/\buse frame_support::/use polkadot_sdk::frame_support::/' \
		runtime/src/weights/paritydb_weights.rs
fi

# The generated files in the repository's style (the test command checks `cargo fmt`).
cargo fmt -p restake-runtime
echo "[benchmark] done: runtime/src/weights/ regenerated and formatted"
