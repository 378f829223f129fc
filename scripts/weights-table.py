#!/usr/bin/env python3
"""Prints the benchmarked weights of the restaking pallets as a Markdown table, each call's
base execution time next to `pallet_balances::transfer_keep_alive` from the same run, and
the weight the runtime charges at the smallest components: execution plus its storage reads
and writes at the runtime's `DbWeight` (paritydb_weights.rs, measured by `benchmark storage`).

    python3 scripts/weights-table.py            # reads runtime/src/weights/*.rs
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "runtime" / "src" / "weights"
FN = re.compile(r"fn (\w+)\(([^)]*)\) -> Weight \{(.*?)\n\t\}", re.S)
BASE = re.compile(r"Weight::from_parts\(([\d_]+), ([\d_]+)\)")
SLOPE = re.compile(r"\.saturating_add\(Weight::from_parts\(([\d_]+), 0\)\.saturating_mul\((\w+)\.into\(\)\)\)")
READS = re.compile(r"T::DbWeight::get\(\)\.reads\((\d+)\)")
WRITES = re.compile(r"T::DbWeight::get\(\)\.writes\((\d+)\)")
READS_N = re.compile(r"T::DbWeight::get\(\)\.reads\(\((\d+)_u64\)\.saturating_mul\((\w+)")
WRITES_N = re.compile(r"T::DbWeight::get\(\)\.writes\(\((\d+)_u64\)\.saturating_mul\((\w+)")
DB = (ROOT / "paritydb_weights.rs").read_text()
# picoseconds per read and per write
READ_PS = int(re.search(r"read: ([\d_]+) \*", DB).group(1).replace("_", "")) * 1_000
WRITE_PS = int(re.search(r"write: ([\d_]+) \*", DB).group(1).replace("_", "")) * 1_000


def parse(path):
    out = {}
    for name, args, body in FN.findall(path.read_text()):
        base = BASE.search(body)
        if not base:
            continue
        ref = int(base.group(1).replace("_", ""))
        slopes = [(int(v.replace("_", "")), c) for v, c in SLOPE.findall(body)]
        base_reads = sum(int(r) for r in READS.findall(body))
        base_writes = sum(int(w) for w in WRITES.findall(body))
        charged = ref + READ_PS * base_reads + WRITE_PS * base_writes
        reads, writes = str(base_reads), str(base_writes)
        reads += "".join(f" + {r}·{c}" for r, c in READS_N.findall(body))
        writes += "".join(f" + {w}·{c}" for w, c in WRITES_N.findall(body))
        out[name] = (ref, slopes, reads, writes, charged)
    return out


def main():
    balances = parse(ROOT / "pallet_balances.rs")
    if "transfer_keep_alive" not in balances:
        sys.exit("runtime/src/weights/pallet_balances.rs lacks transfer_keep_alive: run scripts/benchmark.sh")
    tka, _, tka_reads, tka_writes, tka_charged = balances["transfer_keep_alive"]
    print(f"Reference: `balances.transfer_keep_alive` = {tka / 1e6:.1f} µs ({tka_reads} reads, {tka_writes} writes; charged {tka_charged / 1e6:.1f} µs"
          f" at {READ_PS / 1e6:.1f} µs per read and {WRITE_PS / 1e6:.1f} µs per write)\n")
    print("| pallet | call | base µs | + µs per component | reads | writes | × transfer | charged µs | × transfer charged |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|")
    for pallet in ("pallet_vaults", "pallet_operators", "pallet_slashing", "pallet_lrt2"):
        path = ROOT / f"{pallet}.rs"
        if not path.exists():
            continue
        for name, (ref, slopes, reads, writes, charged) in parse(path).items():
            per = ", ".join(f"{v / 1e6:.1f}·{c}" for v, c in slopes) or "–"
            print(f"| {pallet[7:]} | {name} | {ref / 1e6:.1f} | {per} | {reads} | {writes} | {ref / tka:.2f} "
                  f"| {charged / 1e6:.1f} | {charged / tka_charged:.2f} |")


if __name__ == "__main__":
    main()
