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

n=0
step() {	# step TITLE ARGS...: a numbered heading and the command it shows
	n=$((n + 1))
	printf '\n== %d. %s\n$ jaudit %s\n' "$n" "$1" "$(shift; echo "$*")"
}

step "the database and the 115 checklist" init --year 115
"$JAUDIT" init --year 115

step "the checklist (附件3), first lines" checklist --year 115
"$JAUDIT" checklist --year 115 | head -8

step "the earlier years, for the trend" init --year 113 / --year 114
"$JAUDIT" init --year 113
"$JAUDIT" init --year 114

step "the vendors lists (§6): candidates and selected vendors" ingest --year Y vendors-Y.csv
"$JAUDIT" ingest --year 113 "$EX/vendors-113.csv"
"$JAUDIT" ingest --year 114 "$EX/vendors-114.csv"
"$JAUDIT" ingest --year 115 "$EX/vendors-115.csv"

step "the SPM system inventory" ingest --year 115 inventory-115.csv
"$JAUDIT" ingest --year 115 "$EX/inventory-115.csv"

step "the vendors to select (§6), by core systems and agencies served" candidates --year 115 --top 8
"$JAUDIT" candidates --year 115 --top 8

step "the agencies' 附件1 authorizations (as sent: .xlsx, .csv, .ods; one in Big5)" ingest authorizations-115-*
"$JAUDIT" ingest "$EX/authorizations-115-mof.xlsx" "$EX/authorizations-115-mohw.csv" \
	"$EX/authorizations-115-moi.ods"
"$JAUDIT" ingest "$EX/authorizations-115-motc-big5.csv"	# Big5, told by validity (said on stderr)

step "the recommended auditors (附件2)" ingest auditors-115-*.csv
"$JAUDIT" ingest "$EX/auditors-115-mof.csv" "$EX/auditors-115-mohw.csv"

step "a form with mistakes is refused whole, and nothing is written" ingest --kind vendors --year 115 broken.csv
printf '%s\n' '統一編號,廠商名稱,維運機關核心資通系統數量,服務機關數量,候選,受稽核' \
	'12345678,示範錯誤資訊有限公司,3,2,是,否' '22099131,示範資訊有限公司,-1,2,也許,否' > "$OUT/broken.csv"
"$JAUDIT" ingest --kind vendors --year 115 "$OUT/broken.csv" || echo "(exit status $?: the file was not loaded; the database is as it was)"

step "the audit sessions and their results, three years" ingest sessions-Y.ndjson
"$JAUDIT" ingest "$EX/sessions-113.ndjson" "$EX/sessions-114.ndjson" "$EX/sessions-115.ndjson"

step "the audit timetable (§5, §8): record what was done, then the milestones as of today" schedule set / schedule --year 115
"$JAUDIT" schedule set 115-01 notify --date 115/04/02 --by 資安署 --note 數授資字第1150001號
"$JAUDIT" schedule set 115-01 contracts --date 115/04/21 --by 資安署
"$JAUDIT" schedule set 115-01 report --date 115/06/03 --by 資安署
"$JAUDIT" schedule set 115-02 notify --date 115/04/17 --by 資安署
"$JAUDIT" schedule set 115-02 report --date 115/06/24 --by 資安署
"$JAUDIT" schedule --year 115 | head -24

step "the common findings of 115 (共同發現事項)" analyze --year 115
"$JAUDIT" analyze --year 115

step "every figure as JSON, for the report and the charts" analyze --year 115 --format json
"$JAUDIT" analyze --year 115 --format json > "$OUT/analysis-115.json"
echo "wrote $OUT/analysis-115.json"

step "year over year (trend)" trend --from 113 --to 115
"$JAUDIT" trend --from 113 --to 115

step "remediation records for every finding (§10), owners and due dates by the policy" track policy / track sync --year 115
"$JAUDIT" track policy
"$JAUDIT" track sync --year 115

step "the agencies' remediation-updates form, one transaction" track import updates-115.csv
"$JAUDIT" track import "$EX/updates-115.csv"

step "two changes reported by hand" track set ID STATUS --date D --by NAME
"$JAUDIT" track set 115-12-C03 改善中 --date 115/11/05 --by 林怡君 --note 訂定可攜式媒體管理程序
"$JAUDIT" track set 115-07-C04 待驗證 --date 115/11/18 --by 林怡君 --evidence NTP設定截圖
"$JAUDIT" track history 115-01-S11-K1

step "the weekly lists: overdue, and due within 30 days" track list --overdue / --due-within 30
"$JAUDIT" track list --year 115 --overdue
"$JAUDIT" track list --year 115 --due-within 30 --format csv > "$OUT/due-within-30.csv"
echo "(due within 30 days: $OUT/due-within-30.csv)"

step "the managers' overdue list as a workbook (Excel, LibreOffice)" track list --year 115 --overdue --format xlsx --out overdue-115.xlsx
"$JAUDIT" track list --year 115 --overdue --format xlsx --out "$OUT/overdue-115.xlsx"
echo "(overdue list: $OUT/overdue-115.xlsx)"

step "the year's remediation summary, with the time to closure" track summary --year 115
"$JAUDIT" track summary --year 115 | head -30

step "every chart the data allows (gnuplot, PNG)" plot all --year 115 --out charts
"$JAUDIT" plot all --year 115 --out "$OUT/charts"

step "the annual report of the common findings" report --year 115 --out report
"$JAUDIT" report --year 115 --out "$OUT/report"

step "the audit report of one session (稽核報告, due one month after the audit)" report --session 115-01 --out sessions
"$JAUDIT" report --session 115-01 --out "$OUT/sessions"

step "one agency's packet, with its 所屬機關, to read and print" export --agency 內政部 --year 115 --format html
"$JAUDIT" export --agency 內政部 --year 115 --format html --out "$OUT/packet-內政部.html"

step "the reminders of 115/11/20: one letter per owner" track remind --as-of 115/11/20 --out reminders
"$JAUDIT" track remind --as-of 115/11/20 --out "$OUT/reminders"

step "what one agency may see" export --agency 財政部財政資訊中心 --year 115
"$JAUDIT" export --agency 財政部財政資訊中心 --year 115 --out "$OUT/export-財政部財政資訊中心.json"
"$JAUDIT" export --agency 內政部 --year 115 --format csv --out "$OUT/export-內政部"

step "a consistent copy, readable by its owner only, and the database's own check" backup / check
rm -f "$OUT/jaudit-backup.db"
"$JAUDIT" backup "$OUT/jaudit-backup.db"
"$JAUDIT" check

echo
echo "demo: the database is $OUT/jaudit.db (a backup: $OUT/jaudit-backup.db)"
echo "demo: the charts are in $OUT/charts/"
echo "demo: the report is $OUT/report/index.html (its tables as CSV beside it)"
echo "demo: the audit report of session 115-01 is $OUT/sessions/session-115-01.html"
echo "demo: the agency packet is $OUT/packet-內政部.html, the reminders are in $OUT/reminders/"
