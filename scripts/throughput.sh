#!/usr/bin/env bash
# The throughput harness: starts `restake-node --dev`, pre-signs one transaction per account
# for ACCOUNTS accounts (default 4 000) in each of four phases — transfer_keep_alive, vault
# deposit, LRT transfer, reward claim — submits them and prints the included transactions
# per second, block fullness, the ratio to transfers and the node's peak memory.
#   scripts/throughput.sh       ACCOUNTS=n, JSON_OUT=file
# Sets up what it needs (toolchain, node build, npm packages) like the other scripts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$RESTAKE_ROOT"

bash scripts/setup.sh
build_node
node bench/throughput.mjs
