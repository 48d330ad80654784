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

step "3. the earlier years, for the trend" init --year 113 / --year 114
"$JAUDIT" init --year 113
"$JAUDIT" init --year 114

step "4. the vendors lists (§6): candidates and selected vendors" ingest --year Y vendors-Y.csv
"$JAUDIT" ingest --year 113 "$EX/vendors-113.csv"
"$JAUDIT" ingest --year 114 "$EX/vendors-114.csv"
"$JAUDIT" ingest --year 115 "$EX/vendors-115.csv"

step "5. the SPM system inventory" ingest --year 115 inventory-115.csv
"$JAUDIT" ingest --year 115 "$EX/inventory-115.csv"

step "6. the agencies' 附件1 authorizations (one sent in Big5)" ingest authorizations-115-*.csv
"$JAUDIT" ingest "$EX/authorizations-115-mof.csv" "$EX/authorizations-115-mohw.csv" \
	"$EX/authorizations-115-moi.csv"
"$JAUDIT" ingest --encoding big5 "$EX/authorizations-115-motc-big5.csv"

step "7. the recommended auditors (附件2)" ingest auditors-115-*.csv
"$JAUDIT" ingest "$EX/auditors-115-mof.csv" "$EX/auditors-115-mohw.csv"

step "8. the audit sessions and their results, three years" ingest sessions-Y.ndjson
"$JAUDIT" ingest "$EX/sessions-113.ndjson" "$EX/sessions-114.ndjson" "$EX/sessions-115.ndjson"

step "9. the common findings of 115 (共同發現事項)" analyze --year 115
"$JAUDIT" analyze --year 115

step "10. every figure as JSON, for the report and the charts" analyze --year 115 --format json
"$JAUDIT" analyze --year 115 --format json > "$OUT/analysis-115.json"
echo "wrote $OUT/analysis-115.json"

step "11. year over year (trend)" trend --from 113 --to 115
"$JAUDIT" trend --from 113 --to 115

step "9. every chart the data allows (gnuplot, PNG)" plot all --year 115 --out charts
"$JAUDIT" plot all --year 115 --out "$OUT/charts"

step "10. the annual report of the common findings" report --year 115 --out report
"$JAUDIT" report --year 115 --out "$OUT/report"

echo
echo "demo: the database is $OUT/jaudit.db"
echo "demo: the report is $OUT/report/index.html"
