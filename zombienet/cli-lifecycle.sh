#!/usr/bin/env bash
# The restaking lifecycle driven by the `restake` CLI, one actor at a time, against a running
# chain with the dev/local genesis (the local testnet or `restake-node --dev`; README's genesis
# table). What needs a delay to have passed uses the genesis state, in force at block 0; what
# this script registers is checked to be scheduled, not waited for:
#
#   Charlie creates a stETH vault (20-block withdrawal delay); Bob deposits 100 stETH into it
#   (a deposit of nothing first fails with its pallet error and exit code 1), requests a
#   withdrawal of part and cancels it, then requests all of it (claimed at the end);
#   Eve registers an AVS (slasher Eve, resolver Ferdie), schedules a veto policy and accepts
#   stETH; Charlie allows the AVS (scheduled); Dave registers as an operator and opts in to it
#   and to the genesis oracle AVS 0; Alice allocates 20 % of genesis vault 0 to (Dave, AVS 0):
#   pending until its effective block; Ferdie funds a stream from the genesis DA AVS 1 (which
#   vault 0 backs through DaveStash), Bob deposits into vault 0, sees the stream's rewards
#   pending and claims them; Eve requests a slash of DaveStash on the oracle (veto policy) and
#   Ferdie vetoes it; Ferdie's slash of DaveStash on the DA (instant policy) executes at once;
#   Bob claims his withdrawal once unlocked (in a finalized block).
#
# Usage: zombienet/cli-lifecycle.sh [ws-url]   (default $RESTAKE_URL, else ws://127.0.0.1:9944)
# The binary is $RESTAKE_BIN, else `restake` on PATH. Transactions count once in a best block
# ($RESTAKE_WAIT, default in-block; the last one waits for finality). Every command is printed
# before it runs; any failure stops the script with a non-zero exit. Takes about 30 blocks
# (1.5 minutes at 3-second blocks), most of them the withdrawal delay. docs/use-cli.md walks
# through the same commands. Run it once per chain: it registers Dave as an operator.
set -euo pipefail

export RESTAKE_URL="${1:-${RESTAKE_URL:-ws://127.0.0.1:9944}}"
# An absolute path: a bare `restake` would also name the shell function below.
RESTAKE="$(command -v "${RESTAKE_BIN:-restake}")" || {
	echo "restake not found: build it (cargo build --release -p restake-cli) and put it on PATH, or set RESTAKE_BIN" >&2
	exit 1
}
WAIT="${RESTAKE_WAIT:-in-block}"
STETH=1
# Genesis (README): the oracle AVS 0 (slasher Eve, resolver Ferdie, 10-block veto window), the
# DA AVS 1 (owner and slasher Ferdie, instant slashes), vault 0 (stETH, curator Alice) that
# backs both through the operator DaveStash.
ORACLE=0
DA=1
VAULT0=0
DAVE_STASH=//Dave//stash

say() { printf '\n==> %s\n' "$*" >&2; }
fail() {
	printf 'FAILED: %s\n' "$*" >&2
	exit 1
}
# `report ARGS…` runs `restake --json ARGS…`, logs the JSON report on stderr and prints it.
report() {
	echo "+ restake $*" >&2
	local out
	out="$("$RESTAKE" --json --wait "$WAIT" "$@")" || {
		echo "$out" >&2
		fail "restake $* exited non-zero"
	}
	echo "$out" >&2
	echo "$out"
}
# `get JSON PATH` prints the value at PATH (`result.vault`, `events.0.name`), strings bare.
get() {
	node -e 'let v = JSON.parse(process.argv[1]);
		for (const k of process.argv[2].split(".")) v = v?.[k];
		if (v === undefined || v === null) { console.error(`no ${process.argv[2]} in the report`); process.exit(1); }
		console.log(typeof v === "object" ? JSON.stringify(v) : v);' "$1" "$2"
}
# `check JSON EXPR WHAT` fails with WHAT unless the JavaScript EXPR holds for the report `r`
# (numbers in strings compare as BigInt(…)).
check() {
	node -e 'const r = JSON.parse(process.argv[1]);
		if (!eval(process.argv[2])) process.exit(1);' "$1" "$2" || fail "$3"
	echo "ok: $3" >&2
}
# `run PATH ARGS…`: `report ARGS…` and print the value at PATH.
run() {
	local out
	out="$(report "${@:2}")"
	get "$out" "$1"
}
# Waits until the best block reaches $1.
wait_for() {
	echo "+ restake chain wait --until $1" >&2
	"$RESTAKE" chain wait --until "$1" --timeout 180 >&2
}
best() { "$RESTAKE" --get best chain head; }

say "chain"
"$RESTAKE" chain head >&2

say "curator: Charlie creates a stETH vault with a 20-block withdrawal delay"
VAULT=$(run result.vault --as charlie curator create-vault --asset $STETH \
	--name "CLI restaked stETH" --symbol clistETH --fee 10% --withdrawal-delay 20)

say "restaker: a deposit of nothing is refused with its pallet error and exit code 1"
set +e
refused="$("$RESTAKE" --as bob --wait "$WAIT" --get error restaker deposit "$VAULT" 0 2>/dev/null)"
code=$?
set -e
[ "$code" = 1 ] && [ "$refused" = vaults.ZeroAmount ] ||
	fail "deposit 0: expected exit 1 and vaults.ZeroAmount, got $code and '$refused'"
echo "refused as expected: $refused (exit $code)" >&2

say "restaker: Bob deposits 100 stETH, requests a withdrawal of 40 and cancels it"
SHARES=$(run result.shares --as bob restaker deposit "$VAULT" 100e18)
[ "$SHARES" != 0 ] || fail "no LRT minted"
R=$(report --as bob restaker withdraw request "$VAULT" 40e21)
check "$R" 'r.result.assets === "40000000000000000000"' "40e21 LRT queue 40 stETH"
CANCEL_AT=$(get "$R" result.unlock_at)
R=$(report --as bob restaker status)
check "$R" "r.vaults.some(v => v.vault === $VAULT && v.shares === '60000000000000000000000'
	&& v.pending_withdrawals.length === 1 && v.pending_withdrawals[0].unlock_at === $CANCEL_AT)" \
	"Bob holds 60e21 LRT and one withdrawal unlocking at $CANCEL_AT"
run result.shares --as bob restaker withdraw cancel "$VAULT" 0 "$CANCEL_AT" >/dev/null

say "restaker: Bob requests a withdrawal of all his LRT (claimed at the end)"
R=$(report --as bob restaker withdraw request "$VAULT" all)
check "$R" 'r.result.shares === "100000000000000000000000"' "the cancelled withdrawal's LRT came back"
UNLOCK_AT=$(get "$R" result.unlock_at)
QUEUED=$(get "$R" result.assets)

say "AVS: Eve registers one (slasher Eve, resolver Ferdie), schedules a veto policy, accepts stETH"
AVS=$(run result.avs --as eve avs register --name "CLI oracle" --uri https://example.invalid/cli \
	--slasher eve --resolver ferdie)
R=$(report --as eve avs policy "$AVS" --veto-window 10 --max-per-incident 50% --cooldown 0 \
	--destination burn)
check "$R" 'r.result.event === "Slashing.PolicyChangeScheduled"
	&& r.result.fields.effective_at > r.block_number' "the first policy is scheduled"
run result.weight --as eve avs accept-asset "$AVS" $STETH --weight 100% >/dev/null

say "curator: Charlie allows the AVS: scheduled after the vault's risk delay"
R=$(report --as charlie curator allow-avs "$VAULT" "$AVS")
ALLOWED_AT=$(get "$R" result.effective_at)
check "$R" "$ALLOWED_AT > r.block_number" "allowed from block $ALLOWED_AT, later"
R=$(report curator status "$VAULT")
check "$R" "JSON.stringify(r.state.allowed_avs) === '[[$AVS,$ALLOWED_AT]]'
	&& r.state.total_assets === '0' && r.state.queued_assets === '$QUEUED'" \
	"vault $VAULT lists AVS $AVS from block $ALLOWED_AT and queues Bob's $QUEUED"

say "operator: Dave registers and opts in to the new AVS and to the oracle AVS $ORACLE"
run result.commission --as dave operator register --name "CLI operator" --commission 10% >/dev/null
run result.avs --as dave operator opt-in "$AVS" >/dev/null
run result.avs --as dave operator opt-in $ORACLE >/dev/null
R=$(report avs status "$AVS")
check "$R" "r.record.operator_count === 1 && r.policy === null && r.weighted_stake === '0'" \
	"AVS $AVS has Dave, no stake yet and no policy in force yet"

say "curator: Alice allocates 20 % of vault $VAULT0 to (Dave, oracle): pending, not waited for"
R=$(report --as alice curator allocate $VAULT0 dave $ORACLE 20%)
EFFECTIVE_AT=$(get "$R" result.effective_at)
check "$R" "$EFFECTIVE_AT > r.block_number" "the allocation counts from block $EFFECTIVE_AT"
R=$(report --as dave operator status)
check "$R" "JSON.stringify(r.state.opt_ins) === '[[$ORACLE,\"Active\"],[$AVS,\"Active\"]]'
	|| JSON.stringify(r.state.opt_ins) === '[[$AVS,\"Active\"],[$ORACLE,\"Active\"]]'" \
	"Dave is opted in to AVS $AVS and $ORACLE"
check "$R" "r.allocations_by_avs['$ORACLE'].length === 1
	&& r.allocations_by_avs['$ORACLE'][0].vault === $VAULT0
	&& r.allocations_by_avs['$ORACLE'][0].stake === '0'
	&& r.allocations_by_avs['$ORACLE'][0].pending[0] === 200000000
	&& r.allocations_by_avs['$ORACLE'][0].pending[1] === $EFFECTIVE_AT" \
	"(Dave, oracle) has no stake yet, 20 % pending until block $EFFECTIVE_AT"

say "rewards: Ferdie funds 50 stETH over 100 blocks from the DA AVS $DA; Bob deposits into vault $VAULT0"
STREAM=$(run result.stream --as ferdie avs fund-stream $DA $STETH 50e18 --blocks 100)
run result.shares --as bob restaker deposit $VAULT0 100e18 >/dev/null
wait_for "$(($(best) + 2))"
R=$(report --as bob restaker status)
check "$R" "r.pending_rewards.some(p => p.source.Avs?.avs === $DA && BigInt(p.amount) > 0n)" \
	"Bob has rewards from the DA stream pending"
R=$(report --as bob restaker claim)
check "$R" "r.events.some(e => e.name === 'Lrt2.Claimed' && e.fields.source.Avs?.avs === $DA
	&& BigInt(e.fields.amount) > 0n)" "Bob claimed the DA stream's rewards"
CLAIMED=$(node -e 'console.log(JSON.parse(process.argv[1]).events
	.filter((e) => e.name === "Lrt2.Claimed").reduce((s, e) => s + BigInt(e.fields.amount), 0n)
	.toString())' "$R")

say "slash: Eve requests 5 % of DaveStash on the oracle; Ferdie, the resolver, vetoes it"
R=$(report --as eve avs request-slash $ORACLE $DAVE_STASH 5% --reason "cli lifecycle" \
	--evidence 0xcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd)
check "$R" "r.result.executable_at === r.block_number + 10 && r.result.captured.length > 0
	&& !r.events.some(e => e.name === 'Slashing.SlashExecuted')" \
	"the request waits out the 10-block veto window"
SLASH=$(get "$R" result.id)
R=$(report resolver pending --avs $ORACLE)
check "$R" "r.pending.length === 1 && r.pending[0][0] === $SLASH" "slash $SLASH is pending"
run result.id --as ferdie resolver veto "$SLASH" >/dev/null
R=$(report resolver pending --avs $ORACLE)
check "$R" "r.pending.length === 0" "no slash pending on the oracle after the veto"

say "slash: Ferdie slashes DaveStash 1 % on the DA AVS: its instant policy executes at once"
SLASHED_BEFORE=$(get "$(report curator status $VAULT0)" state.flows.slashed)
R=$(report --as ferdie avs request-slash $DA $DAVE_STASH 1% --reason "cli lifecycle")
check "$R" "r.events.some(e => e.name === 'Slashing.SlashExecuted' && e.fields.id === r.result.id
	&& e.fields.taken.some(([v, a]) => v === $VAULT0 && BigInt(a) > 0n))" \
	"slash executed in the request's block, taking from vault $VAULT0"
DA_SLASH=$(get "$R" result.id)
R=$(report curator status $VAULT0)
check "$R" "BigInt(r.state.flows.slashed) > BigInt('$SLASHED_BEFORE')" "vault $VAULT0 was slashed"

say "restaker: Bob claims his withdrawal once unlocked (block $UNLOCK_AT), in a finalized block"
wait_for "$UNLOCK_AT"
R=$(WAIT=finalized report --as bob restaker withdraw claim "$VAULT")
check "$R" "r.finalized === true && r.result.assets === '$QUEUED'" "Bob was paid $QUEUED"
R=$(report --as bob restaker status)
check "$R" "!r.vaults.some(v => v.vault === $VAULT)" "Bob has nothing left in vault $VAULT"

say "lifecycle complete: vault $VAULT, AVS $AVS (allowed from $ALLOWED_AT), Dave's allocation from $EFFECTIVE_AT, stream $STREAM, slash $SLASH vetoed, slash $DA_SLASH executed; Bob claimed $CLAIMED in rewards and withdrew $QUEUED"
