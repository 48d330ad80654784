#!/bin/sh
# End-to-end: jaudit report over the sample years, then the page rendered
# in headless Chromium as a person would see it: every table and chart in
# the rendered page, a screenshot and a PDF print kept in tests/out/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sample_year.sh"

need_gnuplot
load_sample_years || { not_ok "the sample years load"; done_testing; exit 1; }
OUT="$TMP/report"

j report --year 115 --out "$OUT" --as-of 115/11/20
expect_rc "report" 0
expect_out "prints the page's path" "wrote $OUT/index.html"
page="$OUT/index.html"
has() {	# has NAME TEXT: the page holds TEXT
	if grep -qF -- "$2" "$page"; then ok "$1"; else not_ok "$1" "index.html lacks: $2"; fi
}
has "the title" "<title>115年度受託者資通安全聯合稽核 共同發現事項分析報告</title>"
has "the ROC date" "資料截至115年11月20日"
has "C04 in the common findings table, 10 of 12" '<td class="c">C04</td>'
has "C04's rate and Wilson interval (R: prop.test(10, 12, correct = FALSE): 0.5520 0.9530)" '<td class="n">83.3%</td><td class="n">55.2%–95.3%</td>'
has "the remediation totals" "共 89 件，逾期 14 件"
has "an overdue record" "<td>115-01-C04</td>"
has "the time to closure" "共 89 件，已結案 15 件；自稽核日至結案之中位數：尚未達到（過半數仍未結案）。"
has "the methods name p0" "p0 = 0.3"
has "the print stylesheet" "@page{size:A4"
for s in overview common-findings charts dimensions-section pairs-section agreement-section \
	remediation-section trend-section methods repeats-section basis-section; do
	has "section $s" "<section id=\"$s\">"
done
if grep -qE '(src|href)="https?:|@import|url\(https?:' "$page"; then
	not_ok "the page fetches nothing" "$(grep -oE '(src|href)="https?:[^"]*|@import[^;]*|url\(https?:[^)]*' "$page" | head -3)"
else
	ok "the page fetches nothing"
fi
# the default is the internal edition, whose key names the vendors (--public: tests/e2e/test_report_texts.sh)
if grep -q "<td>博碩軟體股份有限公司</td>" "$page"; then ok "the internal edition's key names a vendor"; else not_ok "the internal edition's key names a vendor"; fi

for t in summary common dimensions pairs agreement remediation overdue closure trend_years trend_items basis funnel; do
	if [ "$(head -c 3 "$OUT/$t.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then
		ok "$t.csv has a BOM"
	else
		not_ok "$t.csv has a BOM" "$(ls -l "$OUT/$t.csv" 2>&1)"
	fi
done
expect_eq "common.csv header" "$(head -1 "$OUT/common.csv" | tr -d '\r')" \
	"$(printf '\357\273\277')項目,類別,構面,檢核項目,稽核依據,n,k,比率,信賴區間下限,信賴區間上限,p 值,q 值,共同發現"
expect_eq "common.csv has 27 items" "$(($(wc -l < "$OUT/common.csv") - 1))" 27
expect_eq "overdue.csv lists the 14 overdue records" "$(($(wc -l < "$OUT/overdue.csv") - 1))" 14
# 附錄二, counted by hand from 附件3's 稽核依據 column and the sample year:
# 第10條第2項 holds C01–C03, where 5 of the 12 vendors have a finding (7
# vendor-items); the six bases' findings add up to the year's 84
expect_eq "basis.csv: 第10條第2項" "$(grep '^資通安全管理法第10條第2項,' "$OUT/basis.csv" | cut -d, -f1-4,8 | tr -d '\r')" \
	"資通安全管理法第10條第2項,C01–C03,12,5,7"
expect_eq "basis.csv: the findings add up to 84" "$(python3 -c 'import csv,sys; print(sum(int(r[-1]) for r in list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1:]))' "$OUT/basis.csv")" 84
# the funnel's table: 廠商A (群曜資訊, 12 of 25) is the one vendor above the
# 95% limit (qbinom(.975, 25, 84/310) = 11, see test_plot.sh); the internal
# edition names it, the 12 vendors' n add up to 310 and their k to 84
expect_eq "funnel.csv: 廠商A" "$(sed -n 2p "$OUT/funnel.csv" | cut -d, -f1-4,8 | tr -d '\r')" "廠商A,群曜資訊股份有限公司,25,12,高於 95% 上限"
expect_eq "funnel.csv: n and k over the 12 vendors" "$(awk -F, 'NR > 1 { n += $3; k += $4; v++ } END { print v, n, k }' "$OUT/funnel.csv")" "12 310 84"
expect_eq "funnel.csv: one vendor outside the limits" "$(grep -vc '界限內' "$OUT/funnel.csv")" 2
has "the appendix says how many are outside" "12 家廠商中 1 家超出 95% 界限，0 家超出 99.8% 界限。"

j report --year 115 --out "$TMP/en" --lang en
expect_rc "report --lang en" 0
if grep -qF "Joint security audit of government contractors, year 115: analysis of common findings" "$TMP/en/index.html"; then
	ok "English title"
else
	not_ok "English title"
fi
j report --year 115
expect_rc "report without --out" 2
expect_err "asks for --out" "jaudit: --out is required: the directory to write into"
j report --year 110 --out "$TMP/y110"
expect_rc "a year without a checklist" 1

# --- the page as a browser renders it ----------------------------------------
if ! command -v chromium >/dev/null 2>&1; then
	echo "e2e: $E2E_NAME: chromium is not installed, the rendered page was not checked (make check installs it)"
	done_testing
	exit $?
fi
KEEP="$ROOT/tests/out"
mkdir -p "$KEEP"
rm -rf "$KEEP/report"
cp -r "$OUT" "$KEEP/report"
chrome() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$TMP/chrome.XXXXXX")" "$@" 2>>"$TMP/chrome.err"
}
chrome --dump-dom "file://$KEEP/report/index.html" > "$TMP/dom.html"
for t in summary common dimensions pairs agreement remediation overdue closure trend_years trend_items; do
	if grep -qF "<table id=\"$t\">" "$TMP/dom.html"; then ok "rendered table $t"; else not_ok "rendered table $t" "$(tail -3 "$TMP/chrome.err")"; fi
done
for c in common dimensions heatmap funnel trend status burndown closure; do
	if grep -q "<figure id=\"chart-$c\"" "$TMP/dom.html"; then ok "rendered chart $c"; else not_ok "rendered chart $c"; fi
done
expect_eq "eight inline SVG charts (the funnel with them)" "$(grep -o '<svg' "$TMP/dom.html" | wc -l)" 8
if grep -qF "<text>C04 組態與資料交換</text>" "$TMP/dom.html"; then ok "chart text in the rendered page"; else not_ok "chart text in the rendered page"; fi
rm -f "$KEEP/report.png" "$KEEP/report.pdf"
chrome --screenshot="$KEEP/report.png" --window-size=1280,4000 "file://$KEEP/report/index.html" >/dev/null
chrome --print-to-pdf="$KEEP/report.pdf" --no-pdf-header-footer "file://$KEEP/report/index.html" >/dev/null
if [ "$(head -c 4 "$KEEP/report.png" 2>/dev/null | od -An -c | tr -d ' ')" = "211PNG" ]; then
	ok "the screenshot"
else
	not_ok "the screenshot" "$(tail -3 "$TMP/chrome.err")"
fi
if [ "$(head -c 4 "$KEEP/report.pdf" 2>/dev/null)" = "%PDF" ]; then
	ok "the PDF print"
else
	not_ok "the PDF print" "$(tail -3 "$TMP/chrome.err")"
fi
pages=$(grep -c "/Type /Page$\|/Type /Page[^s]" "$KEEP/report.pdf" 2>/dev/null || echo 0)
# (the layout of the print, page by page, is tests/e2e/test_print.sh's)
if [ "$pages" -ge 1 ]; then ok "the PDF print has pages ($pages)"; else not_ok "the PDF print has pages" "$pages pages"; fi

done_testing
