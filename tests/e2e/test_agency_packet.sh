#!/bin/sh
# Agency packets (計畫第十點: results go to each 直屬機關 and its 所屬機關):
# the hierarchy stored from the 附件1 titles 「○○部及其所屬機關參與…」, the
# export of a 直屬機關 holding its subordinates' data and nobody else's, and
# the printable HTML page checked in headless Chromium, field by field.
# Fixture: the sample year (examples/): 內政部 lists 戶政司, 移民署 and 警政署;
# 115-06 sampled a contract of 內政部戶政司, 115-10 K2 one of 內政部移民署.
# Due dates by the default policy: report one month after the audit, then
# 部分符合 six months and 不符合 three (115-06 on 115/07/08: 116/02/08;
# 115-10 on 115/09/09: 116/01/09).
. "$(dirname "$0")/lib.sh"

EX="$ROOT/examples"
j init --year 115
j ingest --year 115 "$EX/vendors-115.csv" "$EX/inventory-115.csv"
j ingest "$EX/authorizations-115-mof.csv" "$EX/authorizations-115-mohw.csv" "$EX/authorizations-115-moi.csv"
j ingest --encoding big5 "$EX/authorizations-115-motc-big5.csv"
expect_rc "the four 附件1 forms load" 0
j ingest "$EX/sessions-115.ndjson"
j track sync --year 115
j track import "$EX/updates-115.csv"
expect_rc "the sample year loads" 0

q() { sqlite3 "$JAUDIT_DB" "$1" | tr '\n' ' '; }
expect_eq "the hierarchy from the titles (the Big5 one too)" \
	"$(q "SELECT parent || '>' || agency FROM agency_parents WHERE year = 115 ORDER BY parent, agency")" \
	"交通部>交通部中央氣象署 交通部>交通部公路局 交通部>交通部觀光署 內政部>內政部戶政司 內政部>內政部移民署 內政部>內政部警政署 衛生福利部>衛生福利部中央健康保險署 衛生福利部>衛生福利部疾病管制署 財政部>財政部國稅局 財政部>財政部財政資訊中心 財政部>財政部關務署 "
expect_eq "each row keeps the form it came from" \
	"$(q "SELECT count(*) FROM agency_parents p JOIN form_submissions s ON s.id = p.submission AND s.agency = p.parent")" "11 "
before=$(dump)
j ingest "$EX/authorizations-115-moi.csv"
expect_eq "loading a form again changes nothing" "$(dump)" "$before"

# a form whose title leaves the template's 「○○部（會）」 unfilled names no 直屬機關
sed '1s/^內政部/○○部（會）/' "$EX/authorizations-115-moi.csv" > "$TMP/blank-title.csv"
sqlite3 "$JAUDIT_DB" "DELETE FROM agency_parents WHERE parent = '內政部'"
j ingest --year 115 "$TMP/blank-title.csv"
expect_rc "the unfilled title loads" 0
expect_eq "and records no parent" "$(q "SELECT count(*) FROM agency_parents WHERE parent LIKE '%○%' OR parent = '內政部'")" "0 "
j ingest "$EX/authorizations-115-moi.csv"
expect_eq "the filled title records them again" "$(q "SELECT count(*) FROM agency_parents WHERE parent = '內政部'")" "3 "

# --- the JSON of each 直屬機關, field by field -----------------------------------
for a in 內政部 交通部 財政部 衛生福利部 內政部戶政司; do
	j export --agency "$a" --year 115 --out "$TMP/$a.json"
	expect_rc "export $a" 0
done
j export --agency 內政部 --year 115 --out "$TMP/x.json"
expect_out "says how many agencies are under it" "內政部 and 3 agencies under it, year 115: 21 findings of its contracts"
check=$(python3 - "$TMP" <<'PY'
import json, sys
d = {a: json.load(open("%s/%s.json" % (sys.argv[1], a))) for a in ("內政部", "交通部", "財政部", "衛生福利部", "內政部戶政司")}
out = []
moi = d["內政部"]
out.append("under=" + ",".join(moi["agencies_under"]))
out.append("contracts=" + " ".join(c["session"] + "/" + c["ref"] + "/" + c["agency"] for c in moi["contracts"]))
f = {x["id"]: x for x in moi["findings"]}
for fid in ("115-06-S03-K1", "115-10-S16-K2", "115-11-S03-K2", "115-05-S03-K1"):
    x = f[fid]
    out.append("%s %s %s %s %s" % (fid, x["agency"], x["rating"], x["finding"], x["due"]))
out.append("agencies in findings=" + ",".join(sorted({x["agency"] for x in moi["findings"]})))
def strings(x):
    if isinstance(x, dict):
        for k, v in x.items():
            yield k; yield from strings(v)
    elif isinstance(x, list):
        for v in x: yield from strings(v)
    elif isinstance(x, str):
        yield x
# a subordinate's finding in its 直屬機關's packet and in no other's
for name, doc in d.items():
    text = list(strings(doc))
    for bad in ("115-06-S03-K1", "內政部戶政司", "115-10-S16-K2", "分包契約未載明資通安全及個人資料保護要求", "內政部移民署"):
        if name != "內政部" and not (name == "內政部戶政司" and bad in ("115-06-S03-K1", "內政部戶政司")):
            if any(bad in s for s in text):
                out.append("%s HOLDS %s" % (name, bad))
    for bad in ("交通部中央氣象署", "115-04-S01-K2", "衛生福利部", "財政部關務署"):
        if name in ("內政部", "內政部戶政司") and any(bad in s for s in text):
            out.append("%s HOLDS %s" % (name, bad))
hh = d["內政部戶政司"]
out.append("戶政司 findings=" + " ".join(x["id"] for x in hh["findings"]) + " under=%d" % len(hh["agencies_under"]))
motc = d["交通部"]
out.append("交通部 findings=" + " ".join(sorted({x["agency"] for x in motc["findings"]})))
print("\n".join(out))
PY
)
expect_eq "a 直屬機關's export holds its subordinates' data and nobody else's" "$check" "under=內政部戶政司,內政部移民署,內政部警政署
contracts=115-04/K3/內政部警政署 115-05/K1/內政部 115-06/K1/內政部戶政司 115-07/K1/內政部 115-08/K2/內政部 115-09/K1/內政部 115-10/K1/內政部 115-10/K2/內政部移民署 115-11/K2/內政部警政署
115-06-S03-K1 內政部戶政司 partial 管理者帳號兼作一般用途 2027-02-08
115-10-S16-K2 內政部移民署 noncompliant 分包契約未載明資通安全及個人資料保護要求 2027-01-09
115-11-S03-K2 內政部警政署 partial 管理者帳號兼作一般用途 2027-04-23
115-05-S03-K1 內政部 partial 預設密碼未強制變更，亦未導入多因子驗證 2027-01-24
agencies in findings=內政部,內政部戶政司,內政部移民署,內政部警政署
戶政司 findings=115-06-S02-K1 115-06-S03-K1 under=0
交通部 findings=交通部 交通部中央氣象署"
expect_eq "the fixture's text is one agency's only" "$(q "SELECT count(*) FROM findings WHERE finding = '分包契約未載明資通安全及個人資料保護要求'")" "1 "

# --- the printable page ---------------------------------------------------------------
umask 022
j export --agency 內政部 --year 115 --format html --out "$TMP/moi.html"
expect_rc "export --format html" 0
expect_eq "the page is private" "$(stat -c %a "$TMP/moi.html")" 600
j export --agency 交通部 --year 115 --format html --out "$TMP/motc.html"
j export --agency 內政部 --year 115 --format xml --out "$TMP/x"
expect_rc "an unknown format" 2
expect_err "names the formats" "--format: 'xml' is not one of csv json html"
leaks=$(grep -c -e 02-8195-8151 -e chiahao.chang -e '@example' "$TMP/moi.html")
expect_eq "no contact detail in the page" "$leaks" 0

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
chrome --dump-dom "file://$TMP/moi.html" > "$TMP/moi.dom"
chrome --dump-dom "file://$TMP/motc.html" > "$TMP/motc.dom"
dom=$(python3 - "$TMP/moi.dom" "$TMP/motc.dom" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.stack = []; s.cells = {}; s.ids = set(); s.text = []; s.under = []
    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if "id" in a: s.ids.add(a["id"])
        s.stack.append((tag, a))
    def handle_endtag(s, tag):
        while s.stack and s.stack.pop()[0] != tag: pass
    def handle_data(s, data):
        s.text.append(data)
        fid = next((a["id"] for t, a in reversed(s.stack) if a.get("id", "").startswith("f-")), None)
        cls = s.stack[-1][1].get("class", "").split() if s.stack else []
        if fid:
            for c in cls: s.cells.setdefault((fid, c), "")
            for c in cls: s.cells[(fid, c)] += data
        if "under" in cls: s.under.append(data)
def parse(p):
    x = P(); x.feed(open(p).read()); return x
moi, motc = parse(sys.argv[1]), parse(sys.argv[2])
out = ["under=" + "、".join(moi.under)]
for fid in ("f-115-06-S03-K1", "f-115-10-S16-K2"):
    out.append(fid + " " + " | ".join(moi.cells.get((fid, c), "?").strip("　") for c in ("agency", "rating", "text", "status", "due", "overdue")))
out.append("motc has 115-06-S03-K1: %s" % ("f-115-06-S03-K1" in motc.ids))
out.append("motc mentions 戶政司 or 移民署: %s" % any("戶政司" in t or "移民署" in t for t in motc.text))
out.append("moi mentions 氣象署: %s" % any("氣象署" in t for t in moi.text))
print("\n".join(out))
PY
)
expect_eq "the rendered page, field by field" "$dom" "under=內政部戶政司、內政部移民署、內政部警政署
f-115-06-S03-K1 內政部戶政司 | 部分符合 | 管理者帳號兼作一般用途 | 待改善 | 116年2月8日 | 未逾期
f-115-10-S16-K2 內政部移民署 | 不符合 | 分包契約未載明資通安全及個人資料保護要求 | 待改善 | 116年1月9日 | 未逾期
motc has 115-06-S03-K1: False
motc mentions 戶政司 or 移民署: False
moi mentions 氣象署: False"
KEEP="$ROOT/tests/out"
mkdir -p "$KEEP"
chrome --print-to-pdf="$KEEP/packet-moi.pdf" --no-pdf-header-footer "file://$TMP/moi.html" >/dev/null
if [ "$(head -c 4 "$KEEP/packet-moi.pdf" 2>/dev/null)" = "%PDF" ]; then ok "the packet prints"; else not_ok "the packet prints" "$(tail -3 "$TMP/chrome.err")"; fi
chrome --screenshot="$KEEP/packet-moi.png" --window-size=900,1400 "file://$TMP/moi.html" >/dev/null

done_testing
