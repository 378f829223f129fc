#!/usr/bin/env python3
"""Prints the scaling proof's table from `benchmark pallet --json-file` output.

Usage: scripts/scaling-table.py scaling.json [max_ratio]

For each call, at each number of holders (h = 10^e): the median execution time, the storage
reads and writes (counted in the separate tracking runs, repeated reads included), the ratio
of the median to the 1-holder case, and that ratio divided by the control's
(`transfer_keep_alive`, which pays the same growth of the state for its own two accounts).
Then the verdict on the targets: ratio ≤ max_ratio (default 1.10, or MAX_RATIO) and identical
reads/writes at every size.
"""
import json
import os
import statistics
import sys

CONTROL = "transfer_keep_alive"


def components(result):
    return dict((p, v) for p, v in result["components"])["e"]


def main():
    path = sys.argv[1]
    max_ratio = float(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("MAX_RATIO", "1.10"))
    batches = json.load(open(path))
    medians = {}
    accesses = {}
    for batch in batches:
        name = batch["benchmark"]
        times = {}
        for result in batch["time_results"]:
            times.setdefault(components(result), []).append(result["extrinsic_time"] / 1000)
        medians[name] = {e: statistics.median(t) for e, t in times.items()}
        accesses[name] = {}
        for result in batch["db_results"]:
            accesses[name].setdefault(components(result), set()).add(
                (result["reads"] + result["repeat_reads"], result["writes"] + result["repeat_writes"]))
    control = medians.get(CONTROL)
    print("| call | holders | median µs | reads | writes | × 1 holder | ÷ control's × 1 holder |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    verdicts = []
    for name, by_size in medians.items():
        base = by_size[min(by_size)]
        worst = (0.0, None)
        for e in sorted(by_size):
            ratio = by_size[e] / base
            relative = ratio / (control[e] / control[min(control)]) if control else float("nan")
            reads, writes = sorted(accesses[name].get(e, {(0, 0)}))[0]
            print(f"| {name} | {10 ** e:,} | {by_size[e]:.1f} | {reads} | {writes} | {ratio:.2f} | {relative:.2f} |")
            worst = max(worst, (ratio, e))
        distinct = set().union(*accesses[name].values())
        same = "identical" if len(distinct) == 1 else f"DIFFER {sorted(distinct)}"
        met = "met" if worst[0] <= max_ratio and len(distinct) == 1 else "NOT met"
        verdicts.append(f"- {name}: worst {worst[0]:.2f} × at {10 ** worst[1]:,} holders; reads/writes {same}: {met}")
    print(f"\nTarget: ≤ {max_ratio:.2f} × the 1-holder time and identical reads/writes at every size.")
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
