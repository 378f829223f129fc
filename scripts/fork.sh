#!/usr/bin/env bash
# Forks a running Restake node with Chopsticks (@acala-network/chopsticks, pinned in
# tests/chopsticks/package.json, a workspace of the root package.json): a local chain that starts from the node's finalized block,
# reads any state it has not changed from the node, builds a block for each transaction at
# once, and never sends anything back. Rehearse upgrades, slashes and deposits on it.
#
# Usage: scripts/fork.sh [--endpoint WS_URL] [--port N] [--host ADDR] [--block HASH|NUMBER]
#                        [--wasm-override FILE] [any other chopsticks option]
#
#   --endpoint       node to fork (default ws://127.0.0.1:9944, what scripts/dev.sh starts)
#   --port           where the fork serves WebSocket and HTTP JSON-RPC (default 8000)
#   --host           interface to listen on (default 127.0.0.1; chopsticks' own default is all)
#   --block          block to fork from (default: the node's finalized head); for genesis
#                    (--block 0) add --timestamp $(date +%s000), or block 1 may fail (Aura slot)
#   --wasm-override  runtime to run the fork with from its first block (e.g. a new build:
#                    $CARGO_TARGET_DIR/release/wbuild/restake-runtime/restake_runtime.compact.compressed.wasm);
#                    a higher spec_version runs its migrations in that block
#   --build-block-mode Instant (default: a block per transaction) | Batch | Manual
#   anything else goes to chopsticks as is: `scripts/fork.sh -- --help` lists its options.
#
# Then, on the fork (see docs/use-chopsticks.md):
#   polkadot.js Apps:  https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:8000
#   @polkadot/api:     new WsProvider('ws://127.0.0.1:8000'); sign with { nonce: -1 } (see the doc)
#   a block:           curl -s -H 'Content-Type: application/json' 127.0.0.1:8000 \
#                        -d '{"id":1,"jsonrpc":"2.0","method":"dev_newBlock","params":[{"count":10}]}'
#   fund an account:   ... "method":"dev_setStorage","params":[{"System":{"Account":[[["<address>"],
#                        {"providers":1,"data":{"free":"1000000000000000"}}]]}}]
#   become sudo:       ... "method":"dev_setStorage","params":[{"Sudo":{"Key":"<address>"}}]
# The node must keep the forked block's state while the fork runs: a node that prunes (the
# default: 256 blocks, 13 minutes here) breaks a longer session; start it with
# --state-pruning archive. Stop the fork with Ctrl-C; nothing of it is kept.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

endpoint="ws://127.0.0.1:9944"
port=8000
host=127.0.0.1
mode=Instant
rest=()
while [ $# -gt 0 ]; do
	case "$1" in
	-h | --help)
		sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
		exit 0
		;;
	--endpoint | -e) endpoint="$2" && shift 2 ;;
	--endpoint=*) endpoint="${1#*=}" && shift ;;
	--port | -p) port="$2" && shift 2 ;;
	--port=*) port="${1#*=}" && shift ;;
	--host) host="$2" && shift 2 ;;
	--host=*) host="${1#*=}" && shift ;;
	--build-block-mode) mode="$2" && shift 2 ;;
	--build-block-mode=*) mode="${1#*=}" && shift ;;
	--) shift && rest+=("$@") && break ;;
	*) rest+=("$1") && shift ;;
	esac
done

# The same install as scripts/setup.sh's npm step (the root workspace), for a machine that
# only wants to fork. --ignore-scripts: sqlite3's install script compiles it, which chopsticks
# needs only for --db (then: `npm rebuild sqlite3` at the repository root).
modules="$RESTAKE_ROOT/node_modules"
if [ ! -d "$modules/@acala-network/chopsticks" ] ||
	[ "$RESTAKE_ROOT/package-lock.json" -nt "$modules/.package-lock.json" ]; then
	echo "[fork] installing npm packages (the root workspace)" >&2
	(cd "$RESTAKE_ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

echo "[fork] forking $endpoint on ws://$host:$port (connect: https://polkadot.js.org/apps/?rpc=ws://$host:$port)" >&2
# Chopsticks takes its port from $PORT when that is set, over --port: unset it.
exec env -u PORT node "$modules/@acala-network/chopsticks/chopsticks.cjs" \
	--endpoint "$endpoint" --port "$port" --host "$host" --build-block-mode "$mode" "${rest[@]}"
