#!/usr/bin/env bash
# Regenerates the runtime's weights from the pallets' benchmarks (frame-benchmarking v2).
#   scripts/benchmark.sh [pallet ...]     default: every Restake pallet
# Builds `restake-node --features runtime-benchmarks` (kept as restake-node-benchmarks so the
# normal node stays built), then runs 50 steps × 20 repeats per extrinsic and writes
# runtime/src/weights/<pallet>.rs. STEPS/REPEAT override the defaults (e.g. for a quick try).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$RESTAKE_ROOT"

pallets=("$@")
# pallet_balances is benchmarked in the same run so the restaking calls can be compared with
# `transfer_keep_alive` measured on the same machine at the same time.
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_balances pallet_vaults pallet_operators pallet_slashing pallet_lrt2)
bench_node="$CARGO_TARGET_DIR/release/restake-node-benchmarks"

# frame-benchmarking-cli's storage-access test runtime is not needed for `benchmark pallet`,
# and its wasm build cannot see our workspace (WASM_BUILD_WORKSPACE_HINT): skip it.
SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
	cargo build --locked --release -p restake-node --features runtime-benchmarks
cp "$CARGO_TARGET_DIR/release/restake-node" "$bench_node"
# Put the normal node back (only relinks).
cargo build --locked --release -p restake-node

for pallet in "${pallets[@]}"; do
	echo "[benchmark] $pallet (steps ${STEPS:-50}, repeat ${REPEAT:-20})"
	"$bench_node" benchmark pallet \
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
		-e 's/> pallet_balances::WeightInfo for/> polkadot_sdk::pallet_balances::WeightInfo for/' \
		"runtime/src/weights/$pallet.rs"
done
