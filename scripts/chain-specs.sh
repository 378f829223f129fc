#!/usr/bin/env bash
# Regenerates the checked-in local-testnet chain specs (plain and raw) from the runtime
# preset. `cargo test -p restake-node` fails when they are stale.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
build_node
"$RESTAKE_NODE" export-chain-spec --chain local >"$RESTAKE_ROOT/chain-specs/local-testnet.json"
"$RESTAKE_NODE" export-chain-spec --chain local --raw >"$RESTAKE_ROOT/chain-specs/local-testnet-raw.json"
echo "wrote chain-specs/local-testnet.json and chain-specs/local-testnet-raw.json"
