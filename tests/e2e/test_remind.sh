#!/bin/sh
# jaudit track remind: per owner one letter (HTML and a mail body) of what is
# overdue and what falls due soon, or one CSV.  Fixture: the sample year
# (examples/) as of 115/11/19.  財政部財政資訊中心 tracks 115-03-S06-K1, due
# 115/10/03 (28 days to 10/31, then 19: 47 days overdue), and three findings
# of 115-07 due 115/11/22 (3 days left); 資安署 tracks 115-04-C02 and -C06, due
# 115/10/12 (19 + 19 = 38 days overdue).
. "$(dirname "$0")/lib.sh"

EX="$ROOT/examples"
j init --year 115
j ingest --year 115 "$EX/vendors-115.csv" "$EX/inventory-115.csv"
j ingest "$EX/authorizations-115-mof.csv" "$EX/authorizations-115-mohw.csv" "$EX/authorizations-115-moi.csv"
j ingest --encoding big5 "$EX/authorizations-115-motc-big5.csv"
j ingest "$EX/sessions-115.ndjson"
j track sync --year 115
j track import "$EX/updates-115.csv"
expect_rc "the sample year loads" 0

umask 022
j track remind --as-of 115/11/19 --out "$TMP/r"
expect_rc "remind" 0
expect_out "one line per owner" "財政部財政資訊中心: 1 overdue, 3 due within 14 days"
expect_out "資安署's line" "資安署: 2 overdue, 0 due within 14 days"
expect_out "the total" "$TMP/r: 7 letters (HTML and a plain-text mail body each)"
expect_eq "the folder is private" "$(stat -c %a "$TMP/r")" 700
expect_eq "the letters are private" "$(stat -c %a "$TMP/r/資安署.html") $(stat -c %a "$TMP/r/資安署.txt")" "600 600"

# the letters hold what track list selects, counted another way
over=$("$JAUDIT" track list --as-of 115/11/19 --overdue --format csv | tail -n +2 | wc -l)
soon=$("$JAUDIT" track list --as-of 115/11/19 --due-within 14 --format csv | tail -n +2 | grep -vc ',[1-9][0-9]*\r\?$')
inletters=$(grep -h '^- ' "$TMP"/r/*.txt | wc -l)
expect_eq "every overdue and due-soon record is in one letter" "$inletters" "$((over + soon))"
expect_eq "the fixture has both kinds" "$over $soon" "10 3"

t="$TMP/r/財政部財政資訊中心.txt"
expect_eq "the mail's subject" "$(head -1 "$t")" "主旨：稽核發現事項改善期限提醒（逾期 1 件，14 日內到期 3 件）"
expect_eq "an overdue finding with its days overdue" "$(grep '^- 115-03-S06-K1' "$t")" "- 115-03-S06-K1　逾期 47 日　完成期限 115年10月3日　狀態 改善中"
expect_eq "a finding due in 3 days" "$(grep '^- 115-07-S03-K2' "$t")" "- 115-07-S03-K2　尚餘 3 日　完成期限 115年11月22日　狀態 待改善"
expect_eq "with its finding" "$(grep -A2 '^- 115-07-S03-K2' "$t" | tail -1)" "  發現事項：維運人員共用管理者帳號，密碼未符合複雜度規範且未定期盤點帳號"
expect_eq "overdue first, then due soon" "$(grep -n '【' "$t" | cut -d: -f2 | tr '\n' ' ')" "【已逾完成期限】 【即將到期】 "
expect_eq "資安署's letter has no due-soon part" "$(grep -c '【即將到期】' "$TMP/r/資安署.txt")" 0
expect_eq "資安署's findings" "$(grep '^- ' "$TMP/r/資安署.txt" | sed 's/　完成期限.*//' | tr '\n' ' ')" "- 115-04-C02　逾期 38 日 - 115-04-C06　逾期 38 日 "

# due today, and the window
j track remind --as-of 115/11/22 --within 0 --owner 財政部財政資訊中心 --out "$TMP/today"
expect_rc "--within 0" 0
expect_eq "due today" "$(grep -c '今日到期' "$TMP/today/財政部財政資訊中心.txt")" 3
j track remind --as-of 115/11/19 --within 2 --owner 財政部財政資訊中心 --out "$TMP/w2"
expect_out "3 days left is outside --within 2" "財政部財政資訊中心: 1 overdue, 0 due within 2 days"

# --owner: one letter; names as typed (spacing) match
j track remind --as-of 115/11/19 --owner '財政部 財政資訊中心' --out "$TMP/one"
expect_rc "--owner" 0
expect_eq "one owner's letter only" "$(cd "$TMP/one" && ls | tr '\n' ' ')" "財政部財政資訊中心.html 財政部財政資訊中心.txt "
j track remind --as-of 115/11/19 --owner 無此機關 --out "$TMP/none"
expect_out "an owner with nothing due gets no letter" "$TMP/none: 0 letters"

# CSV
j track remind --as-of 115/11/19 --format csv --out "$TMP/csv"
expect_rc "--format csv" 0
expect_out "says how many" "$TMP/csv/reminders.csv: 13 records"
expect_eq "the csv row of a finding due in 3 days" \
	"$(grep '115-07-S03-K2' "$TMP/csv/reminders.csv" | tr -d '\r' | cut -d, -f1,2,9-13)" \
	"財政部財政資訊中心,115-07-S03-K2,待改善,2026-11-22,115/11/22,0,3"
expect_eq "and of an overdue one" \
	"$(grep '115-03-S06-K1' "$TMP/csv/reminders.csv" | tr -d '\r' | cut -d, -f1,2,9-13)" \
	"財政部財政資訊中心,115-03-S06-K1,改善中,2026-10-03,115/10/03,47,0"

# usage
j track remind --as-of 115/11/19
expect_rc "--out is required" 2
expect_err "says so" "jaudit: remind: --out is required: the folder to write the letters into"
j track remind --within -1 --out "$TMP/x"
expect_rc "a negative --within" 2
j track remind --out "$TMP/x" --format json
expect_rc "json is no letter format" 2
j track remind --out "$TMP/no/such/dir"
expect_rc "an unwritable folder" 1
expect_err "names it" "jaudit: track remind: cannot create the folder '$TMP/no/such/dir': No such file or directory"

if ! command -v chromium >/dev/null 2>&1; then
	echo "e2e: $E2E_NAME: chromium is not installed, the rendered letter was not checked (make check installs it)"
	done_testing
	exit $?
fi
chrome() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$TMP/chrome.XXXXXX")" "$@" 2>>"$TMP/chrome.err"
}
chrome --dump-dom "file://$TMP/r/財政部財政資訊中心.html" > "$TMP/letter.dom"
dom=$(python3 - "$TMP/letter.dom" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.stack = []; s.cells = {}; s.ids = {}
    def handle_starttag(s, tag, attrs):
        s.stack.append((tag, dict(attrs)))
    def handle_endtag(s, tag):
        while s.stack and s.stack.pop()[0] != tag: pass
    def handle_data(s, data):
        row = next((a["id"] for t, a in reversed(s.stack) if a.get("id", "").startswith("r-")), None)
        cls = s.stack[-1][1].get("class", "").split() if s.stack else []
        for c in cls:
            if row: s.cells[(row, c)] = s.cells.get((row, c), "") + data
        ident = s.stack[-1][1].get("id") if s.stack else None
        if ident in ("owner", "summary"): s.ids[ident] = data
p = P(); p.feed(open(sys.argv[1]).read())
print("owner=" + p.ids.get("owner", "?"))
for r in ("r-115-03-S06-K1", "r-115-07-S03-K2"):
    print(r + " " + " | ".join(p.cells.get((r, c), "?") for c in ("id", "status", "due", "days")))
PY
)
expect_eq "the rendered letter" "$dom" "owner=財政部財政資訊中心
r-115-03-S06-K1 115-03-S06-K1 | 改善中 | 115年10月3日 | 逾期 47 日
r-115-07-S03-K2 115-07-S03-K2 | 待改善 | 115年11月22日 | 尚餘 3 日"
KEEP="$ROOT/tests/out"
mkdir -p "$KEEP"
chrome --print-to-pdf="$KEEP/remind-letter.pdf" --no-pdf-header-footer "file://$TMP/r/財政部財政資訊中心.html" >/dev/null
if [ "$(head -c 4 "$KEEP/remind-letter.pdf" 2>/dev/null)" = "%PDF" ]; then ok "the letter prints"; else not_ok "the letter prints" "$(tail -3 "$TMP/chrome.err")"; fi

done_testing
