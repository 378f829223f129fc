#!/usr/bin/env bash
# Sets up the machine if needed, builds the node if needed, and starts a dev chain:
# one authority (Alice), RPC on ws://127.0.0.1:9944, state in a temporary directory.
# Extra arguments are passed to the node (e.g. `scripts/dev.sh --base-path ./data`).
#
# Block production (`--sealing`, default `aura`: a block every 3 s, GRANDPA finality):
#   scripts/dev.sh --sealing instant   # a block per transaction, finalized at once
#   scripts/dev.sh --sealing manual    # a block per `engine_createBlock` RPC call
#   scripts/dev.sh --sealing 500       # a block every 500 ms, empty or not
# In every mode but `aura`, `engine_createBlock(createEmpty, finalize, parentHash)` seals a
# block on demand (e.g. to pass a withdrawal delay) and the chain's clock enters a later
# slot (3 s) per block, so it runs ahead of the wall clock when blocks come faster. A chain
# kept with `--base-path` and sealed ahead must be restarted with `--sealing` too: Aura waits
# for the wall clock to reach its last slot before it authors again.
#
# It also serves the dashboard (clients/dashboard/: vaults' risk and yield, operator and AVS
# profiles, live slashing) on http://127.0.0.1:9955 ($DASHBOARD_PORT), stopped with the node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

bash "$RESTAKE_ROOT/scripts/setup.sh"
echo "[dev] building restake-node (release; the first build takes about 30 minutes on 2 cores)"
build_node

# The RPC port: 9944 unless the arguments give one.
rpc_port=9944 port_args=(--rpc-port 9944)
tmp_args=(--tmp)
previous=""
for arg in "$@"; do
	case "$arg" in --base-path* | -d) tmp_args=() ;; esac
	case "$arg" in --rpc-port=*) rpc_port="${arg#--rpc-port=}" port_args=() ;; esac
	[ "$previous" = "--rpc-port" ] && rpc_port="$arg" port_args=()
	previous="$arg"
done
echo "[dev] starting: open https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:$rpc_port"

# The dashboard's static server (no backend: the page talks to the node's RPC itself),
# announced only once it listens (a taken port stops the script here).
dashboard_port="${DASHBOARD_PORT:-9955}"
dashboard_log="$(mktemp)"
node "$RESTAKE_ROOT/clients/dashboard/serve.mjs" --port "$dashboard_port" >"$dashboard_log" 2>&1 &
dashboard_pid=$!
trap 'kill "$dashboard_pid" 2>/dev/null || true; rm -f "$dashboard_log"' EXIT
until grep -q '^dashboard: ' "$dashboard_log"; do
	if ! kill -0 "$dashboard_pid" 2>/dev/null; then
		echo "[dev] the dashboard could not start on port $dashboard_port (DASHBOARD_PORT picks another):" >&2
		cat "$dashboard_log" >&2
		exit 1
	fi
	sleep 0.1
done
echo "[dev] dashboard: http://127.0.0.1:$dashboard_port/dashboard/?rpc=ws://127.0.0.1:$rpc_port"

# The node runs in the background so that this shell can stop both: Ctrl-C or a SIGTERM to
# the script is passed on to the node, and the dashboard stops when the node exits.
"$RESTAKE_NODE" --dev "${tmp_args[@]}" "${port_args[@]}" "$@" &
node_pid=$!
trap 'kill -TERM "$node_pid" 2>/dev/null || true' INT TERM
status=0
wait "$node_pid" || status=$?
# `wait` returns as soon as a trapped signal arrives: wait again for the node to stop.
while kill -0 "$node_pid" 2>/dev/null; do wait "$node_pid" || status=$?; done
exit "$status"
