#!/usr/bin/env bash
# Sets up the machine if needed, builds the node if needed, and starts a dev chain:
# one authority (Alice), RPC on ws://127.0.0.1:9944, state in a temporary directory.
# Extra arguments are passed to the node (e.g. `scripts/dev.sh --base-path ./data`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

bash "$RESTAKE_ROOT/scripts/setup.sh"
echo "[dev] building restake-node (release; the first build takes about 30 minutes on 2 cores)"
build_node

echo "[dev] starting: open https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944"
tmp_args=(--tmp)
for arg in "$@"; do
	case "$arg" in --base-path* | -d) tmp_args=() ;; esac
done
exec "$RESTAKE_NODE" --dev "${tmp_args[@]}" --rpc-port 9944 "$@"
