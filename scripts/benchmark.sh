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
build_benchmark_node

for pallet in "${pallets[@]}"; do
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
		-e 's/> pallet_balances::WeightInfo for/> polkadot_sdk::pallet_balances::WeightInfo for/' \
		"runtime/src/weights/$pallet.rs"
done
