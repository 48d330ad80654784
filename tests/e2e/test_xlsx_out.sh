#!/bin/sh
# The workbooks jaudit writes (--format xlsx, report.xlsx): each opened by
# LibreOffice headless and converted back to CSV gives the same rows as the
# command's own CSV (dates shown in ROC form, numbers as numbers); the
# sheets have a frozen header, an autofilter and date cells with the ROC
# date style; a bad --out is refused and leaves no file behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sample_year.sh"

if ! command -v soffice >/dev/null 2>&1; then
	echo "e2e: $E2E_NAME skipped: LibreOffice is not installed (Debian package libreoffice-calc-nogui; make check installs it)"
	echo "e2e: 0 passed, 0 failed"
	exit 0
fi
load_sample_years || { not_ok "the sample years load"; done_testing; exit 1; }

W="$TMP/wb"
mkdir -p "$W" "$TMP/lo"

# --- the workbooks and the CSV they must match ------------------------------------
j track list --year 115 --format xlsx --out "$W/list.xlsx"
expect_rc "track list --format xlsx" 0
"$JAUDIT" track list --year 115 --format csv > "$TMP/list.csv"
j analyze --year 115 --format xlsx --out "$W/analyze.xlsx"
expect_rc "analyze --format xlsx" 0
"$JAUDIT" analyze --year 115 --format csv > "$TMP/analyze.csv"
j trend --from 113 --to 115 --format xlsx --out "$W/trend.xlsx"
expect_rc "trend --format xlsx" 0
"$JAUDIT" trend --from 113 --to 115 --format csv > "$TMP/trend.csv"
j trend --from 113 --to 115 --repeats --format xlsx --out "$W/repeats.xlsx"
expect_rc "trend --repeats --format xlsx" 0
"$JAUDIT" trend --from 113 --to 115 --repeats --format csv > "$TMP/repeats.csv"
j export --agency 內政部 --year 115 --format xlsx --out "$W/export.xlsx"
expect_rc "export --format xlsx" 0
"$JAUDIT" export --agency 內政部 --year 115 --format csv --out "$TMP/export" >/dev/null
j track summary --year 115 --format xlsx --out "$W/summary.xlsx"
expect_rc "track summary --format xlsx" 0
"$JAUDIT" track summary --year 115 --format json > "$TMP/summary.json"
j report --year 115 --out "$TMP/report"
expect_rc "report" 0
cp "$TMP/report/report.xlsx" "$W/report.xlsx"

expect_eq "the export workbook is readable by its owner only" "$(stat -c %a "$W/export.xlsx")" 600
expect_eq "no temporary file is left" "$(ls "$W" "$TMP/report" | grep -c '\.tmp$')" 0

# every sheet of every workbook, as LibreOffice shows it: wb/NAME-SHEET.csv
timeout 300 soffice -env:UserInstallation="file://$TMP/lo" --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
	--outdir "$TMP/lo" "$W"/*.xlsx >"$TMP/lo.out" 2>&1
# 1 + 1 + 1 + 1 sheets, 5 of the export, 4 of the summary, 16 of the report
expect_eq "LibreOffice converts the 7 workbooks, 29 sheets" "$(ls "$TMP/lo" | grep -c '\.csv$')" 29

# same_rows NAME JAUDIT_CSV LO_CSV: the same rows, cell by cell; a date
# 2026-09-06 may be shown 115/09/06, a number 0.5520 as 0.552
same_rows() {
	_r=$(python3 - "$2" "$3" <<'PY'
import csv, re, sys
def rows(p):
    with open(p, encoding="utf-8-sig", newline="") as f:
        return [r for r in csv.reader(f)]
a, b = rows(sys.argv[1]), rows(sys.argv[2])
def same(x, y):
    if x == y:
        return True
    m, n = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", x), re.fullmatch(r"(\d{2,3})/(\d\d)/(\d\d)", y)
    if m and n:
        return int(m[1]) - 1911 == int(n[1]) and m[2] == n[2] and m[3] == n[3]
    try:
        u, v = float(x), float(y)
    except ValueError:
        return False
    return abs(u - v) <= 1e-12 * max(1.0, abs(u))
if len(a) != len(b):
    print("rows: %d in the CSV, %d in the workbook" % (len(a), len(b))); sys.exit()
for i, (r, s) in enumerate(zip(a, b)):
    if len(r) != len(s) or not all(same(x, y) for x, y in zip(r, s)):
        print("row %d: %r / %r" % (i + 1, r, s)); sys.exit()
print("same %d" % (len(a) - 1))
PY
)
	case "$_r" in
	"same "*) ok "$1" ;;
	*) not_ok "$1" "$_r" ;;
	esac
}

n_list=$(($(wc -l < "$TMP/list.csv") - 1))
expect_eq "the list has the 89 records of the sample year" "$n_list" 89
same_rows "track list: the workbook's rows are the CSV's" "$TMP/list.csv" "$TMP/lo/list-追蹤清單.csv"
same_rows "analyze: the workbook's rows are the CSV's" "$TMP/analyze.csv" "$TMP/lo/analyze-檢核項目.csv"
same_rows "trend: the workbook's rows are the CSV's" "$TMP/trend.csv" "$TMP/lo/trend-趨勢.csv"
same_rows "trend --repeats: the workbook's rows are the CSV's" "$TMP/repeats.csv" "$TMP/lo/repeats-再次發現.csv"
for t in contracts findings common history aggregates; do
	same_rows "export: sheet $t has the rows of $t.csv" "$TMP/export/$t.csv" "$TMP/lo/export-$t.csv"
done
for f in "$TMP"/report/*.csv; do
	t=$(basename "$f" .csv)
	same_rows "report.xlsx: sheet $t has the rows of $t.csv" "$f" "$TMP/lo/report-$t.csv"
done

# the ROC display: 115-01-C04, due 2026-09-06, as LibreOffice shows it
expect_eq "a due date is shown in ROC form" \
	"$(grep '^115-01-C04,' "$TMP/lo/list-追蹤清單.csv" | cut -d, -f8)" "115/09/06"

# --- the sheets themselves ----------------------------------------------------------
# sheet_facts FILE: names of the sheets; pane; autofilter; H2's value and number format
sheet_facts() {
	python3 - "$1" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
print("sheets", " ".join(re.findall(r'<sheet name="([^"]*)"', wb)))
s1 = z.read("xl/worksheets/sheet1.xml").decode()
print("pane", " ".join(re.findall(r'<pane [^>]*/>', s1)))
print("filter", " ".join(re.findall(r'<autoFilter ref="([^"]*)"', s1)))
cols = re.findall(r'<col min="(\d+)" max="\d+" width="([\d.]+)"', s1)
print("width", " ".join("%s:%d" % (c, float(w)) for c, w in cols))
st = z.read("xl/styles.xml").decode()
fmts = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', st))
xfs = re.findall(r'<xf [^>]*>', st.split("<cellXfs")[1].split("</cellXfs>")[0])
m = re.search(r'<c r="H2"( s="(\d+)")?( t="\w+")?><v>([^<]*)</v>', s1)
if m:
    xf = xfs[int(m[2] or 0)]
    nid = re.search(r'numFmtId="(\d+)"', xf)[1]
    print("H2", m[4], "type", (m[3] or " t=n").strip(), "format", fmts.get(nid, nid))
PY
}
sheet_facts "$W/list.xlsx" > "$TMP/facts"
expect_eq "the list's sheet" "$(sed -n 's/^sheets //p' "$TMP/facts")" "追蹤清單"
expect_eq "the header row is frozen" "$(sed -n 's/^pane //p' "$TMP/facts")" \
	'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
expect_eq "an autofilter covers the header and the 89 rows" "$(sed -n 's/^filter //p' "$TMP/facts")" "A1:I90"
# 2026-09-06 is day 46271 of Excel's calendar (days since 1899-12-30)
expect_eq "a due date is a number cell with the ROC date style" "$(sed -n 's/^H2 //p' "$TMP/facts")" \
	"46271 type t=n format [\$-40404]e/mm/dd"
# 廠商名稱 (column 4): the longest, 博碩軟體股份有限公司 and the like, is 10 CJK
# characters, 20 columns wide
w4=$(sed -n 's/^width //p' "$TMP/facts" | tr ' ' '\n' | sed -n 's/^4://p')
if [ "${w4:-0}" -ge 20 ] && [ "$w4" -le 60 ]; then ok "the vendor column fits its Chinese names"; else
	not_ok "the vendor column fits its Chinese names" "width $w4"; fi

expect_eq "the summary's sheets" "$(sheet_facts "$W/summary.xlsx" | sed -n 's/^sheets //p')" "摘要 管考單位 逾期分布 結案日數"
expect_eq "the export's sheets" "$(sheet_facts "$W/export.xlsx" | sed -n 's/^sheets //p')" \
	"contracts findings common history aggregates"
expect_eq "report.xlsx: one sheet per table, in the report's order" \
	"$(sheet_facts "$W/report.xlsx" | sed -n 's/^sheets //p')" \
	"summary common finding_texts vendors dimensions pairs agreement remediation overdue closure trend_years trend_items repeats repeats_closed basis funnel"

# track summary has no CSV: its owners and aging sheets hold the JSON's figures
py_summary=$(python3 - "$TMP/summary.json" "$TMP/lo/summary-管考單位.csv" "$TMP/lo/summary-逾期分布.csv" <<'PY'
import csv, json, sys
d = json.load(open(sys.argv[1]))
own = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig")))[1:]
want = [[o["owner"]] + [str(o["status"][k]) for k in ("open", "in_progress", "pending_verification", "closed", "risk_accepted")]
        + [str(sum(o["status"].values())), str(o["overdue"])] for o in d["owners"]]
age = [r[1] for r in list(csv.reader(open(sys.argv[3], encoding="utf-8-sig")))[1:]]
print(own == want, age == [str(d["aging"][k]) for k in ("not_yet_due", "1_30", "31_90", "over_90")])
PY
)
expect_eq "track summary: the owners and aging sheets are the JSON's figures" "$py_summary" "True True"

# --- the same as OpenDocument (--format ods) ------------------------------------------
mkdir -p "$TMP/ods" "$TMP/lo-ods"
j track list --year 115 --format ods --out "$TMP/ods/list.ods"
expect_rc "track list --format ods" 0
j export --agency 內政部 --year 115 --format ods --out "$TMP/ods/export.ods"
expect_rc "export --format ods" 0
expect_eq "the export spreadsheet is readable by its owner only" "$(stat -c %a "$TMP/ods/export.ods")" 600
j analyze --year 115 --format ods --out "$TMP/ods/analyze.ods"
expect_rc "analyze --format ods" 0
expect_eq "the mimetype comes first, stored" "$(unzip -Z1 "$TMP/ods/list.ods" | head -1) $(unzip -p "$TMP/ods/list.ods" mimetype)" \
	"mimetype application/vnd.oasis.opendocument.spreadsheet"
timeout 300 soffice -env:UserInstallation="file://$TMP/lo" --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
	--outdir "$TMP/lo-ods" "$TMP"/ods/*.ods >"$TMP/lo.out" 2>&1
same_rows "track list as .ods: the CSV's rows" "$TMP/list.csv" "$TMP/lo-ods/list-追蹤清單.csv"
same_rows "analyze as .ods: the CSV's rows" "$TMP/analyze.csv" "$TMP/lo-ods/analyze-檢核項目.csv"
for t in contracts findings common history aggregates; do
	same_rows "export as .ods: sheet $t has the rows of $t.csv" "$TMP/export/$t.csv" "$TMP/lo-ods/export-$t.csv"
done
expect_eq "an .ods due date is shown in ROC form" \
	"$(grep '^115-01-C04,' "$TMP/lo-ods/list-追蹤清單.csv" | cut -d, -f8)" "115/09/06"
unzip -p "$TMP/ods/list.ods" content.xml > "$TMP/content.xml"
ods_facts=$(python3 - "$TMP/content.xml" <<'PY'
import re, sys
c = open(sys.argv[1], encoding="utf-8").read()
dates = len(re.findall(r'office:value-type="date" office:date-value="2026-09-06"', c))
ranges = [r.replace("'", "") for r in re.findall(r'target-range-address="([^"]*)"', c)]
print(dates, 'number:calendar="ROC"' in c, " ".join(ranges))
PY
)
# the records of session 115-01 are due 2026-09-06 (as the CSV says)
expect_eq "the .ods dates are date cells in the ROC calendar; the autofilter covers the table" "$ods_facts" \
	"$(grep -c ',2026-09-06,' "$TMP/list.csv") True 追蹤清單.A1:追蹤清單.I90"
expect_eq "the .ods header row is frozen (view settings)" \
	"$(unzip -p "$TMP/ods/list.ods" settings.xml | grep -o 'VerticalSplitPosition" config:type="int">1<')" \
	'VerticalSplitPosition" config:type="int">1<'

# --- refusals ------------------------------------------------------------------------
j track list --year 115 --format xlsx
expect_rc "xlsx without --out is refused" 2
expect_err "  and says to name the file" "--format xlsx or ods writes a workbook, not to the terminal: name the file with --out FILE.xlsx (or .ods)"
j analyze --year 115 --format csv --out "$TMP/a.csv"
expect_rc "--out with csv is refused" 2
expect_err "  and says what --out goes with" "--out goes with --format xlsx"
j trend --from 113 --to 115 --format xlsx --out "$TMP/no/such/folder/t.xlsx"
expect_rc "a folder that is not there" 1
expect_err "  is named" "trend: cannot write '$TMP/no/such/folder/t.xlsx'"
mkdir "$TMP/taken.xlsx"
j track summary --year 115 --format xlsx --out "$TMP/taken.xlsx"
expect_rc "a folder in the way of the file" 1
expect_err "  is named" "track: cannot write '$TMP/taken.xlsx'"
expect_eq "  and no temporary file is left" "$(ls "$TMP" | grep -c 'taken.xlsx.tmp')" 0
# the old file stays whole until the new one is complete: here it cannot start
echo old > "$TMP/keep.xlsx"
mkdir "$TMP/keep.xlsx.tmp"
j track list --year 115 --format xlsx --out "$TMP/keep.xlsx"
expect_rc "a workbook that cannot be written" 1
expect_eq "  leaves the existing file as it was" "$(cat "$TMP/keep.xlsx")" old

done_testing
