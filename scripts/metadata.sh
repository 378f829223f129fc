#!/usr/bin/env bash
# Regenerates clients/metadata/restake.scale, the runtime's V16 metadata that the `restake`
# CLI (clients/cli) is generated from, by running the freshness test in write mode: it starts
# the release node built from this checkout (`--dev --tmp` on free ports) and stores what
# `state_call Metadata_metadata_at_version(16)` answers. `cargo test -p restake-node --test
# metadata` (run by scripts/test.sh) fails while the file is stale. Rebuild the CLI afterwards
# (`cargo build --release -p restake-cli`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$RESTAKE_ROOT"
build_node
RESTAKE_WRITE_METADATA=1 cargo test --locked --release -p restake-node --test metadata \
	-- client_metadata_is_the_runtimes --nocapture
git -C "$RESTAKE_ROOT" diff --stat -- clients/metadata/restake.scale
