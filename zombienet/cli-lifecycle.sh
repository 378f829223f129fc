#!/usr/bin/env bash
# The whole restaking lifecycle driven by the `restake` CLI, one actor at a time, against a
# running chain whose dev accounts are funded (the local testnet or `restake-node --dev`):
#
#   Eve registers an AVS (slasher Eve, resolver Ferdie) with a veto policy and accepts stETH;
#   Dave registers as an operator and opts in; Charlie creates a stETH vault and allows the
#   AVS; Bob deposits 100 stETH; once the vault may back the AVS, Charlie allocates 50 % of it
#   to (Dave, AVS); once that is in force (and the vault poked so LRT² weighs it), Eve funds
#   a reward stream, Bob sees his pending
#   rewards and claims them; Eve requests a 5 % slash of Dave and Ferdie vetoes it; Bob
#   withdraws everything and claims it after the vault's delay. A wrong call on the way must
#   fail with its pallet error and exit code 1.
#
# Usage: zombienet/cli-lifecycle.sh [ws-url]   (default $RESTAKE_URL, else ws://127.0.0.1:9944)
# The binary is $RESTAKE_BIN, else `restake` on PATH. Every command is printed before it runs;
# any failure stops the script with a non-zero exit. docs/use-cli.md walks through the same
# commands. Takes about 150 blocks (8 minutes at 3-second blocks): the vault's risk delay
# before it may back a new AVS and then before an allocation counts (each the withdrawal
# delay + 41 blocks), then the withdrawal delay (20 blocks).
set -euo pipefail

export RESTAKE_URL="${1:-${RESTAKE_URL:-ws://127.0.0.1:9944}}"
# An absolute path: a bare `restake` would also name the shell function below.
RESTAKE="$(command -v "${RESTAKE_BIN:-restake}")" || {
	echo "restake not found: build it (cargo build --release -p restake-cli) and put it on PATH, or set RESTAKE_BIN" >&2
	exit 1
}
STETH=1

say() { printf '\n==> %s\n' "$*" >&2; }
fail() {
	printf 'FAILED: %s\n' "$*" >&2
	exit 1
}
# `run PATH ARGS…` runs `restake --json ARGS…`, logs its JSON report on stderr and prints
# the value at PATH of the report (`-` for none) on stdout.
run() {
	local path="$1"
	shift
	echo "+ restake $*" >&2
	local report
	report="$("$RESTAKE" --json "$@")" || {
		echo "$report" >&2
		fail "restake $* exited non-zero"
	}
	echo "$report" >&2
	if [ "$path" != - ]; then
		node -e 'const r = JSON.parse(process.argv[1]); let v = r;
			for (const k of process.argv[2].split(".")) v = v?.[k];
			if (v === undefined || v === null) { console.error(`no ${process.argv[2]} in the report`); process.exit(1); }
			console.log(typeof v === "object" ? JSON.stringify(v) : v);' "$report" "$path"
	fi
}
# Waits until the best block reaches $1.
wait_for() {
	echo "+ restake chain wait --until $1" >&2
	"$RESTAKE" chain wait --until "$1" --timeout 900 >&2
}

say "chain"
"$RESTAKE" chain head >&2

say "AVS: Eve registers it (slasher Eve, resolver Ferdie) and sets a veto policy"
AVS=$(run result.avs --as eve avs register --name "CLI oracle" --uri https://example.invalid/cli \
	--slasher eve --resolver ferdie)
POLICY_AT=$(run result.fields.effective_at --as eve avs policy "$AVS" --veto-window 10 \
	--max-per-incident 50% --cooldown 0 --destination burn)

say "curator: Charlie creates a stETH vault and allows the AVS"
VAULT=$(run result.vault --as charlie curator create-vault --asset $STETH \
	--name "CLI restaked stETH" --symbol clistETH --fee 10% --withdrawal-delay 20)
ALLOWED_AT=$(run result.effective_at --as charlie curator allow-avs "$VAULT" "$AVS")

say "AVS: Eve accepts stETH stake at full weight"
run - --as eve avs accept-asset "$AVS" $STETH --weight 100%

say "operator: Dave registers and opts in"
run - --as dave operator register --name "CLI operator" --commission 10%
run result.avs --as dave operator opt-in "$AVS" >/dev/null

say "restaker: a deposit of nothing is refused with its pallet error and exit code 1"
set +e
refused="$("$RESTAKE" --as bob --get error restaker deposit "$VAULT" 0 2>/dev/null)"
code=$?
set -e
[ "$code" = 1 ] && [ "$refused" = vaults.ZeroAmount ] ||
	fail "deposit 0: expected exit 1 and vaults.ZeroAmount, got $code and '$refused'"
echo "refused as expected: $refused (exit $code)" >&2

say "restaker: Bob deposits 100 stETH"
SHARES=$(run result.shares --as bob restaker deposit "$VAULT" 100e18)
[ "$SHARES" != 0 ] || fail "no LRT minted"

say "curator: once the vault may back the AVS (block $ALLOWED_AT), Charlie allocates 50 % to Dave"
wait_for "$ALLOWED_AT"
EFFECTIVE_AT=$(run result.effective_at --as charlie curator allocate "$VAULT" dave "$AVS" 50%)

say "the allocation counts from block $EFFECTIVE_AT; the policy from block $POLICY_AT"
wait_for "$((EFFECTIVE_AT > POLICY_AT ? EFFECTIVE_AT : POLICY_AT))"
run - --as ferdie avs apply-policy "$AVS"
# LRT² weighs an allocation that fell due without a call at the vault's next sync: poke it.
run - --as charlie curator poke "$VAULT"
run - avs status "$AVS"

say "AVS: Eve funds a stream of 50 stETH over 100 blocks"
STREAM=$(run result.stream --as eve avs fund-stream "$AVS" $STETH 50e18 --blocks 100)
START=$("$RESTAKE" --get best chain head)
wait_for "$((START + 3))"

say "restaker: Bob sees rewards from the AVS pending, and claims them"
PENDING=$(run pending_rewards --as bob restaker status)
echo "$PENDING" | grep -Eq "\"avs\":$AVS[,}]" || fail "no pending reward from AVS $AVS: $PENDING"
CLAIMED=$(run result.amount --as bob restaker claim)
[ "$CLAIMED" != 0 ] || fail "claimed nothing"
run - --as dave operator status

say "slash: Eve requests 5 % of Dave's stake; Ferdie, the resolver, vetoes it"
SLASH=$(run result.id --as eve avs request-slash "$AVS" dave 5% --reason "cli lifecycle" \
	--evidence 0xcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd)
run result.id --as ferdie resolver veto "$SLASH" >/dev/null

say "restaker: Bob withdraws everything and claims it after the vault's delay"
UNLOCK_AT=$(run result.unlock_at --as bob restaker withdraw request "$VAULT" all)
wait_for "$UNLOCK_AT"
PAID=$(run result.assets --as bob restaker withdraw claim "$VAULT")
[ "$PAID" != 0 ] || fail "the withdrawal paid nothing"
LEFT=$(run vaults --as bob restaker status)
if echo "$LEFT" | grep -Eq "\"vault\":$VAULT[,}]"; then
	fail "Bob still has LRT or withdrawals in vault $VAULT: $LEFT"
fi

say "lifecycle complete: AVS $AVS, vault $VAULT, stream $STREAM, slash $SLASH vetoed; Bob claimed $CLAIMED in rewards and withdrew $PAID"
