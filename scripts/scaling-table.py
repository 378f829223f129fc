#!/usr/bin/env python3
"""Prints the scaling proof's table from `benchmark pallet --json-file` output.

Usage: scripts/scaling-table.py scaling.json [max_ratio]

For each call: the median execution time and the storage reads/writes at each number of
holders (h = 10^e), and the ratio of the median time to the 1-holder case. Exits 1 if a call's
reads or writes differ between sizes, or a ratio exceeds max_ratio (default 1.10, or the
MAX_RATIO environment variable).
"""
import json
import os
import statistics
import sys


def main():
    path = sys.argv[1]
    max_ratio = float(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("MAX_RATIO", "1.10"))
    batches = json.load(open(path))
    failures = []
    print("| call | holders | median µs | min µs | reads | writes | × 1 holder |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for batch in batches:
        name = batch["benchmark"]
        by_size = {}
        for result in batch["time_results"]:
            e = dict((p, v) for p, v in result["components"])["e"]
            by_size.setdefault(e, []).append(result)
        # Reads and writes are counted in separate runs with storage tracking on.
        db = {}
        for result in batch["db_results"]:
            e = dict((p, v) for p, v in result["components"])["e"]
            db.setdefault(e, set()).add((result["reads"] + result["repeat_reads"],
                                         result["writes"] + result["repeat_writes"]))
        base = None
        accesses = set()
        for e in sorted(by_size):
            runs = by_size[e]
            times = [r["extrinsic_time"] / 1000 for r in runs]  # ns -> µs
            median = statistics.median(times)
            rw = db[e]
            accesses |= rw
            base = base or median
            ratio = median / base
            reads, writes = sorted(rw)[0]
            print(f"| {name} | {10 ** e:,} | {median:.1f} | {min(times):.1f} | {reads} | {writes} | {ratio:.2f} |")
            if ratio > max_ratio:
                failures.append(f"{name}: {ratio:.2f} × the 1-holder time at {10 ** e:,} holders")
        if len(accesses) != 1:
            failures.append(f"{name}: storage reads/writes differ between sizes: {sorted(accesses)}")
    print()
    if failures:
        print("NOT MET (ratio ≤ %.2f, identical reads/writes):" % max_ratio)
        for f in failures:
            print(f"- {f}")
        sys.exit(1)
    print(f"Met: every call's time is within {max_ratio:.2f} × the 1-holder case at every size, "
          "and its storage reads/writes are identical at every size.")


if __name__ == "__main__":
    main()
