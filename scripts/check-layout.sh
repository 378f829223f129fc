#!/usr/bin/env bash
# Keeps files by role, not by size: no tracked source file over 600 lines, except the
# generated weight files (benchmark output) and generated client descriptors. A file that grows
# past the limit is a sign it mixes roles: split it (see docs/architecture.md for the layout).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
limit=600
over=0
while IFS= read -r file; do
	case "$file" in
	runtime/src/weights/* | pallets/*/src/weights.rs | */.papi/* | clients/metadata/*) continue ;;
	esac
	lines=$(wc -l <"$file")
	if [ "$lines" -gt "$limit" ]; then
		echo "$file: $lines lines (limit $limit)"
		over=$((over + 1))
	fi
done < <(git ls-files --cached --others --exclude-standard -- \
	'*.rs' '*.mjs' '*.js' '*.ts' '*.sh' '*.py' | grep -v node_modules/)
if [ "$over" -gt 0 ]; then
	echo "$over source file(s) over $limit lines: split them by role" >&2
	exit 1
fi
echo "layout: no source file over $limit lines (generated weights aside)"
