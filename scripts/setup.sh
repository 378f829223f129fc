#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine lacks to build, run and test Restake.
# Idempotent: every step checks first and does nothing when already done.
# Needs only the package registries (Debian, crates.io, npm).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# 1. System packages: protoc for litep2p; Debian's Rust with std sources and lld
#    for the wasm runtime (rustup cannot download targets on these machines); Node.js;
#    Chromium for the dashboard's browser test.
need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
[ -x /usr/bin/rustc ] || need_apt+=(rustc-web cargo-web)
[ -d /usr/lib/rustlib/src/rust/library ] || need_apt+=(rust-web-src)
[ -x /usr/lib/llvm-22/bin/lld ] || need_apt+=(lld-22)
command -v node >/dev/null || need_apt+=(nodejs npm)
# Headless Chromium for the dashboard's end-to-end test (tests/e2e/dashboard.test.mjs).
command -v chromium >/dev/null || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
	log "installing apt packages: ${need_apt[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# 2. The wasm toolchain. Prefer an already installed target, then the standard rustup
#    route (short timeout), then Debian's compiler with a locally built wasm32v1-none std.
mkdir -p "$HOME/.cache/restake"
has_wasm_target() { # $1: toolchain
	local libdir
	libdir="$(rustc +"$1" --print target-libdir --target wasm32v1-none 2>/dev/null)" || return 1
	compgen -G "$libdir/libcore-*.rlib" >/dev/null
}
if has_wasm_target stable && rustup component list --installed 2>/dev/null | grep -q rust-src; then
	log "default toolchain already has wasm32v1-none"
	: >"$HOME/.cache/restake/wasm-toolchain"
elif timeout 60 rustup target add wasm32v1-none >/dev/null 2>&1 &&
	timeout 60 rustup component add rust-src >/dev/null 2>&1; then
	log "installed wasm32v1-none with rustup"
	: >"$HOME/.cache/restake/wasm-toolchain"
else
	[ -x /usr/local/bin/rust-lld ] || $SUDO ln -sf /usr/lib/llvm-22/bin/lld /usr/local/bin/rust-lld
	rustup toolchain list | grep -q '^debian-web' || rustup toolchain link debian-web /usr
	if ! has_wasm_target debian-web; then
		log "building core/alloc for wasm32v1-none with Debian's rustc (about 20 s)"
		tmp="$(mktemp -d)"
		mkdir -p "$tmp/src"
		cat >"$tmp/Cargo.toml" <<-'EOF'
			[package]
			name = "wasm-std-seed"
			version = "0.0.0"
			edition = "2021"
			[lib]
			path = "src/lib.rs"
			[profile.release]
			panic = "abort"
			lto = "thin"
		EOF
		echo '#![no_std]' >"$tmp/src/lib.rs"
		(cd "$tmp" && env -u CARGO_TARGET_DIR RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
			RUSTFLAGS="-C target-cpu=mvp -C embed-bitcode=yes" \
			/usr/bin/cargo build -q --release --target wasm32v1-none -Zbuild-std=core,alloc)
		dest=/usr/lib/rustlib/wasm32v1-none/lib
		$SUDO mkdir -p "$dest"
		$SUDO rm -f "$dest"/lib{core,alloc,compiler_builtins}-*.rlib
		$SUDO cp "$tmp"/target/wasm32v1-none/release/deps/lib{core,alloc,compiler_builtins}-*.rlib "$dest/"
		rm -rf "$tmp"
		# Cargo does not notice a changed target: drop the wasm builder's cache.
		rm -rf "$CARGO_TARGET_DIR"/*/wbuild/restake-runtime/target
	fi
	echo debian-web >"$HOME/.cache/restake/wasm-toolchain"
	export WASM_BUILD_TOOLCHAIN=debian-web
fi

# 3. JavaScript: ONE npm workspace (the root package.json; workspaces tests/e2e and
#    tests/chopsticks; bench/, clients/ and zombienet/ use the same node_modules), pinned by the
#    root package-lock.json. --ignore-scripts: the tree's install scripts are sqlite3's (compiles
#    it; chopsticks needs it only for --db: `npm rebuild sqlite3` then), esbuild's (an optional
#    self-check) and protobufjs's (a notice); the one we need, PAPI's descriptors, runs below.
#    The dashboard (clients/dashboard/) serves @polkadot/api's browser bundles from node_modules.
for old in tests/e2e tests/chopsticks; do
	# Each had its own node_modules before the workspace: stale copies would shadow the root's.
	if [ -f "$RESTAKE_ROOT/$old/node_modules/.package-lock.json" ]; then
		log "removing $old/node_modules (one workspace at the root now)"
		rm -rf "${RESTAKE_ROOT:?}/$old/node_modules"
	fi
done
if [ ! -d "$RESTAKE_ROOT/node_modules" ] ||
	[ "$RESTAKE_ROOT/package-lock.json" -nt "$RESTAKE_ROOT/node_modules/.package-lock.json" ]; then
	log "installing npm packages (the root workspace: tests/e2e, tests/chopsticks)"
	(cd "$RESTAKE_ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
# PAPI's typed descriptors, generated from the checked-in metadata: whenever they are missing
# or the metadata or the PAPI config is newer than them.
papi_done="$RESTAKE_ROOT/tests/e2e/.papi/descriptors/generated.json"
if [ ! -f "$papi_done" ] || [ "$RESTAKE_ROOT/clients/metadata/restake.scale" -nt "$papi_done" ] ||
	[ "$RESTAKE_ROOT/tests/e2e/.papi/polkadot-api.json" -nt "$papi_done" ]; then
	log "generating PAPI descriptors (tests/e2e/.papi) from clients/metadata/restake.scale"
	(cd "$RESTAKE_ROOT" && npm run --silent descriptors && touch "$papi_done")
fi

# 4. zepter (the feature-propagation check of scripts/test.sh, .config/zepter.yaml): only on
#    crates.io, built once into ~/.cache/restake/tools (14 minutes measured on 2 cores busy with
#    other builds; less on an idle machine). Not in $CARGO_TARGET_DIR: cargo install builds in
#    a temporary directory of its own.
ZEPTER_VERSION=1.88.2
tools="$HOME/.cache/restake/tools"
if [ "$("$tools/bin/zepter" --version 2>/dev/null)" != "zepter $ZEPTER_VERSION" ]; then
	log "installing zepter $ZEPTER_VERSION into $tools (cargo install: several minutes, once)"
	env -u CARGO_TARGET_DIR cargo install --locked --quiet zepter --version "$ZEPTER_VERSION" --root "$tools"
fi

log "ready (CARGO_TARGET_DIR=$CARGO_TARGET_DIR, WASM_BUILD_TOOLCHAIN=${WASM_BUILD_TOOLCHAIN:-default})"
