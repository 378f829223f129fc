#!/usr/bin/env bash
# Cargo's RUSTC_WORKSPACE_WRAPPER for Restake's own crates (set by scripts/env.sh).
#
# Cargo calls `lint-rustc.sh <rustc> <args…>` for workspace members only. Host builds go through
# clippy-driver, which compiles exactly as rustc does and runs clippy's lints on the way, so the
# builds the scripts make anyway are also the lint pass: no separate `cargo clippy`, which would
# check every polkadot-sdk crate a second time. Dependencies are compiled by plain rustc and
# stay shared with every other build. `scripts/test.sh` fails on any warning they report.
#
# The wasm runtime passes straight through: it may be built by another toolchain (Debian's,
# see scripts/setup.sh), and clippy-driver belongs to the host one. substrate-wasm-builder runs
# its nested cargo with SKIP_WASM_BUILD set to the empty string; any wasm32 target counts too.
set -euo pipefail
if [ "${SKIP_WASM_BUILD+set}" = set ] && [ -z "${SKIP_WASM_BUILD}" ]; then exec "$@"; fi
for arg in "$@"; do
	case "$arg" in wasm32*) exec "$@" ;; esac
done
exec clippy-driver "$@"
