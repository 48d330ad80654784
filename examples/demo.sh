#!/bin/sh
# make demo: the whole pipeline on the built-in sample year (examples/).
#   examples/demo.sh PROGRAM OUTDIR
# Leaves OUTDIR/jaudit.db and everything the commands write under OUTDIR.
set -eu
JAUDIT=$1
OUT=$2
EX=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
rm -f "$OUT/jaudit.db" "$OUT/jaudit.db-wal" "$OUT/jaudit.db-shm"
export JAUDIT_DB="$OUT/jaudit.db"
# The sample year is fixed in time: as of 115年11月20日, in the review stage.
export JAUDIT_TODAY="${JAUDIT_TODAY:-2026-11-20}"

step() {
	printf '\n== %s\n$ jaudit %s\n' "$1" "$(shift; echo "$*")"
}

step "1. the database and the 115 checklist" init --year 115
"$JAUDIT" init --year 115

step "2. the checklist (附件3), first lines" checklist --year 115
"$JAUDIT" checklist --year 115 | head -8

step "9. the common findings of 115 (共同發現事項)" analyze --year 115
"$JAUDIT" analyze --year 115

step "10. every figure as JSON, for the report and the charts" analyze --year 115 --format json
"$JAUDIT" analyze --year 115 --format json > "$OUT/analysis-115.json"
echo "wrote $OUT/analysis-115.json"

step "11. year over year (trend)" trend --from 113 --to 115
"$JAUDIT" trend --from 113 --to 115

echo
echo "demo: the database is $OUT/jaudit.db"
