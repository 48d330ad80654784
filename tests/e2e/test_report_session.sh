#!/bin/sh
# End-to-end: `jaudit report --session` (稽核報告 of one session, due one
# month after the audit) and `--all --year`, checked in the DOM headless
# Chromium renders, and printed to PDF.
# Fixture: the sample years (examples/).  Session 115-07: 崇光系統整合股份有限公司
# (34401388), audited 115/07/22 by 王大明 with 吳佩珊、楊承翰、張志豪, two
# sampled contracts (K1 內政部, K2 財政部財政資訊中心); 10 common items and
# 17 contract-specific items on two contracts: 10 + 34 = 44 ratings.
# By the default policy (report 1 month; plan 1 month after the report;
# 不符合 3 months, 部分符合 6 months after it):
#   report due         115/07/22 + 1 month  = 115年8月22日
#   115-07-C04 部分符合 (資安署): plan 115/09/22, due 115/08/22 + 6 = 116/02/22
#   115-07-S03-K2 不符合 (財政部財政資訊中心): due 115/08/22 + 3 = 115/11/22
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sample_year.sh"

load_sample_years || { not_ok "the sample years load"; done_testing; exit 1; }
OUT="$TMP/sessions"

j report --session 115-07 --out "$OUT" --as-of 115/11/20
expect_rc "report --session 115-07" 0
expect_out "prints the page's path" "wrote $OUT/session-115-07.html"
page="$OUT/session-115-07.html"
expect_eq "the page is readable by its owner only" "$(stat -c %a "$page")" 600
if grep -qE '(src|href)="https?:|@import|url\(' "$page"; then not_ok "the page fetches nothing"; else ok "the page fetches nothing"; fi

j report --session 115-99 --out "$OUT"
expect_rc "an unknown session" 1
expect_err "names it and the year's sessions" "jaudit: report --session: no session '115-99' in the database; the sessions of year 115 are 115-01 … 115-12"
j report --session 七 --out "$OUT"
expect_rc "a malformed session id" 1
expect_err "names it" "no session '七' in the database"
j report --session 115-07 --year 114 --out "$OUT"
expect_rc "a session of another year than --year" 1
expect_err "says so" "session 115-07 is of year 115, not --year 114"
j report --session 115-07
expect_rc "--session without --out" 2
j report --all --out "$TMP/all"
expect_rc "--all without --year" 2
expect_err "asks for --year" "--all needs --year"
j report --session 115-07 --all --year 115 --out "$TMP/all"
expect_rc "--session with --all" 2

j report --all --year 115 --out "$TMP/all" --as-of 115/11/20
expect_rc "report --all --year 115" 0
expect_eq "one file per session: 12 sessions in examples/sessions-115.ndjson" \
	"$(ls "$TMP/all" | grep -c '^session-115-[0-9][0-9]\.html$')" 12
expect_eq "and nothing else" "$(ls "$TMP/all" | wc -l)" 12
expect_eq "a line for each" "$(grep -c '^wrote ' "$TMP/out")" 12

if ! command -v chromium >/dev/null 2>&1; then
	echo "e2e: $E2E_NAME: chromium is not installed, the rendered page was not checked (make check installs it)"
	done_testing
	exit $?
fi
chrome() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$TMP/chrome.XXXXXX")" "$@" 2>>"$TMP/chrome.err"
}
chrome --dump-dom "file://$page" > "$TMP/dom.html"

# the rendered DOM as lines: "TABLE-ID|cell|cell…" (a th row's cells too, for the key-value table)
python3 - "$TMP/dom.html" > "$TMP/cells" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.table = None; s.rows = []; s.cell = None
    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if tag == 'table': s.table = a.get('id', '')
        elif tag == 'tr' and s.table is not None: s.rows.append([s.table, a.get('data-item', '') + a.get('data-ref', '')])
        elif tag in ('td', 'th') and s.table is not None: s.cell = ''
    def handle_endtag(s, tag):
        if tag == 'table': s.table = None
        elif tag in ('td', 'th') and s.cell is not None: s.rows[-1].append(s.cell); s.cell = None
    def handle_data(s, d):
        if s.cell is not None: s.cell += d
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
for r in p.rows:
    print('|'.join(r))
PY
row() { grep "^$1|" "$TMP/cells"; }
kv() { row basic-info | awk -F'|' -v k="$1" '$3 == k { print $4 }'; }
expect_eq "the vendor" "$(kv 受稽核廠商)" "崇光系統整合股份有限公司"
expect_eq "its 統一編號" "$(kv 統一編號)" "34401388"
expect_eq "the audit date" "$(kv 稽核日期)" "115年7月22日"
expect_eq "the lead" "$(kv 稽核領隊)" "王大明（資安署）"
expect_eq "the committee" "$(kv 稽核委員)" "吳佩珊、楊承翰、張志豪"
expect_eq "the report's due date: one month after 115/07/22" "$(kv 報告提出期限)" "115年8月22日（稽核後 1 個月內，計畫第五點第四項）"
expect_eq "the sampled contracts" "$(row contracts | tail -n +2 | cut -d'|' -f3,4 | tr '\n' ' ')" "K1|內政部 K2|財政部財政資訊中心 "

# every item's rating: the 44 rows of 四, against the results as stored
expect_eq "44 rated rows (10 common, 17 specific × 2 contracts)" "$(row items | grep -vc '^items||')" 44
sqlite3 -separator '|' "$JAUDIT_DB" "SELECT item || ref, CASE rating WHEN 'compliant' THEN '符合' WHEN 'partial' THEN '部分符合'
	WHEN 'noncompliant' THEN '不符合' ELSE '不適用' END FROM results WHERE session = '115-07' ORDER BY item, ref" > "$TMP/want"
# a row's rating is its 5th cell from the end (契約, 評等, 發現事項, 建議 close every row)
row items | grep -v '^items||' | awk -F'|' '{ print $2 "|" $(NF-2) }' | sort > "$TMP/got"
if diff "$TMP/want" "$TMP/got" >/dev/null; then ok "every item's rating as stored"; else not_ok "every item's rating as stored" "$(diff "$TMP/want" "$TMP/got" | head -5)"; fi
expect_eq "C04's rating and finding" "$(row items | grep '^items|C04|' | cut -d'|' -f3,7,8)" \
	"C04|部分符合|部分伺服器未設定NTP校時，系統時間與標準時間相差逾5分鐘"
expect_eq "S12 on K2, under its question's rowspan" "$(row items | grep '^items|S12K2|' | cut -d'|' -f3,4)" "K2|不符合"
expect_eq "the summary: 9 findings" "$(grep -o '發現事項共 [0-9]* 項：不符合 [0-9]* 項、部分符合 [0-9]* 項' "$TMP/dom.html")" \
	"發現事項共 9 項：不符合 3 項、部分符合 6 項"

# the owner and due dates of each finding (the tracking records)
expect_eq "nine findings in 五" "$(row findings | tail -n +2 | wc -l)" 9
expect_eq "115-07-C04: 資安署, plan 115/09/22, due 116/02/22" \
	"$(row findings | grep '|115-07-C04|' | cut -d'|' -f3,7,8,9)" "115-07-C04|資安署|115/09/22|116/02/22"
expect_eq "115-07-S03-K2: the contract's agency, due 115/11/22" \
	"$(row findings | grep '|115-07-S03-K2|' | cut -d'|' -f3,4,7,9)" "115-07-S03-K2|不符合|財政部財政資訊中心|115/11/22"

# a session whose report went out: its date beside the due date
j schedule set 115-07 report --date 115/08/25 --by 資安署
expect_rc "schedule set 115-07 report" 0
j report --session 115-07 --out "$OUT"
if grep -qF '<tr><th>報告提出日</th><td>115年8月25日（逾期 3 日）</td></tr>' "$page"; then
	ok "the report's date, 3 days after 115/08/22"
else
	not_ok "the report's date, 3 days after 115/08/22" "$(grep -o '報告提出日[^/]*' "$page")"
fi

# --- the picture and the print ---------------------------------------------------
KEEP="$ROOT/tests/out"
mkdir -p "$KEEP"
cp "$page" "$KEEP/session-115-07.html"
chrome --screenshot="$KEEP/session-report.png" --window-size=1200,2000 "file://$KEEP/session-115-07.html" >/dev/null
if [ "$(head -c 4 "$KEEP/session-report.png" 2>/dev/null | od -An -c | tr -d ' ')" = "211PNG" ]; then
	ok "the screenshot"
else
	not_ok "the screenshot" "$(tail -3 "$TMP/chrome.err")"
fi
j report --session 115-07 --out "$OUT" --pdf
expect_rc "report --session --pdf" 0
expect_out "prints the PDF's path" "wrote $OUT/session-115-07.pdf"
if [ "$(head -c 4 "$OUT/session-115-07.pdf" 2>/dev/null)" = "%PDF" ]; then ok "the PDF"; else not_ok "the PDF" "$(cat "$TMP/err")"; fi
cp "$OUT/session-115-07.pdf" "$KEEP/session-115-07.pdf" 2>/dev/null
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$OUT/session-115-07.pdf" "$TMP/pdf.txt"
	if grep -q 'file://' "$TMP/pdf.txt"; then not_ok "the PDF has no file:// header or footer"; else ok "the PDF has no file:// header or footer"; fi
	if grep -qF '崇光系統整合股份有限公司' "$TMP/pdf.txt"; then ok "the PDF holds the vendor"; else not_ok "the PDF holds the vendor"; fi
fi
expect_eq "no temporary profile is left" "$(ls -d "${TMPDIR:-/tmp}"/jaudit-chromium.* 2>/dev/null | wc -l)" 0
PATH=/nonexistent JAUDIT_CHROMIUM= "$JAUDIT" report --session 115-07 --out "$OUT" --pdf >"$TMP/out" 2>"$TMP/err"
expect_eq "--pdf without Chromium fails" "$?" 1
expect_err "and names the package" "install the Debian package chromium"

done_testing
