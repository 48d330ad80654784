#!/bin/sh
# End-to-end: the annual report's finding texts (二之一), grouped, on a year
# this test makes, the list of vendors with the heat map's key (二之二), the
# findings against the tracking records, and the public edition without a
# vendor's name anywhere, checked in the page Chromium renders.
#
# Eight vendors, one session each; every item 符合 except:
#   C04 不符合 for all eight, texts (character bigrams, punctuation dropped):
#     V1, V4  日誌未集中保存        6 bigrams
#     V2      日誌未集中保存。       the same once 。 is dropped (Jaccard 1)
#     V3      日誌未集中保存及檢視    9 bigrams, 6 shared with the above: 6/9 = 0.67
#     V5, V7  防火牆規則過寬        6 bigrams
#     V6      防火牆規則未檢視      7 bigrams, 4 shared with 防火牆規則過寬: 4/9 = 0.44
#     V8      未訂定日誌留存政策    8 bigrams, 1 shared (日誌) with 日誌未集中保存: 1/13
#   so at the threshold 0.5 the groups are {V1 V2 V3 V4} (4 vendors, the
#   representative 日誌未集中保存: similarities 1+1+0.67 against 0.67×3 for
#   V3), {V5 V7} (2), {V6} (1), {V8} (1).  Recommendations: V1-V6
#   建立日誌集中保存機制, V7 每半年檢視防火牆規則, V8 none: groups of 6 and 1.
#   C01 不符合 for all eight; five texts name a vendor (V1 its full name, V2
#   its name without 有限公司, V3 its short name 丙丘, V4 its 統一編號, V5 its
#   name with 台 for 臺), the other three 機房未留存進出紀錄.
#   S03 部分符合 on V1's two contracts and V2's one.
# Both C04 and C01 (8 of 8, p = 0.3^8) are common findings; S03 (2 of 8) is not.
# Findings (vendor × item): 8 + 8 + 2 = 18; tracking records: 8 + 8 + 3 = 19.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sample_year.sh"

need_gnuplot
j init --year 115
expect_rc "init" 0
cat > "$TMP/vendors.csv" <<'EOF'
統一編號,廠商名稱,維運機關核心資通系統數量,服務機關數量,候選,受稽核
22000004,甲山資訊股份有限公司,2,3,是,是
23377935,乙水科技有限公司,2,3,是,是
24755864,丙丘系統整合股份有限公司,2,3,是,是
26133796,戊林網路股份有限公司,2,3,是,是
27511732,臺灣丁谷股份有限公司,2,3,是,是
28889663,己川數位有限公司,2,3,是,是
30267595,庚原雲端服務股份有限公司,2,3,是,是
31645527,辛嶺電腦有限公司,2,3,是,是
EOF
j ingest --year 115 "$TMP/vendors.csv"
expect_rc "the vendors load" 0

codes=$(sqlite3 "$JAUDIT_DB" "SELECT code FROM checklist_items WHERE year = 115 ORDER BY code" | tr '\n' ' ')
# session N TAXID C04-TEXT C04-REC C01-TEXT S03-K1 S03-K2 (S03: a finding text or -; K2 "" for one contract)
session() {
	n=$1 taxid=$2 c04=$3 rec=$4 c01=$5 s3k1=$6 s3k2=$7
	printf '{"format":"jaudit-session/1","year":115,"session":"115-0%s","vendor":"%s","date":"115/06/0%s",' "$n" "$taxid" "$n"
	printf '"lead":"王大明","committee":["李小華","陳美玲","張志豪"],"contracts":[{"ref":"K1","agency":"財政部財政資訊中心","contract":"維運案%s","system":"系統%s"}' "$n" "$n"
	[ -n "$s3k2" ] && printf ',{"ref":"K2","agency":"內政部戶政司","contract":"開發案%s","system":"戶政系統"}' "$n"
	printf '],"results":['
	sep=
	for c in $codes; do
		case $c in
		C04) r="{\"item\":\"C04\",\"rating\":\"不符合\",\"finding\":\"$c04\"${rec:+,\"recommendation\":\"$rec\"}}" ;;
		C01) r="{\"item\":\"C01\",\"rating\":\"不符合\",\"finding\":\"$c01\",\"recommendation\":\"留存進出紀錄\"}" ;;
		C*) r="{\"item\":\"$c\",\"rating\":\"符合\"}" ;;
		S03)
			if [ "$s3k1" = - ]; then r='{"item":"S03","contract":"K1","rating":"符合"}'
			else r="{\"item\":\"S03\",\"contract\":\"K1\",\"rating\":\"部分符合\",\"finding\":\"$s3k1\"}"; fi
			[ -n "$s3k2" ] && r="$r,{\"item\":\"S03\",\"contract\":\"K2\",\"rating\":\"部分符合\",\"finding\":\"$s3k2\"}" ;;
		S*)
			r="{\"item\":\"$c\",\"contract\":\"K1\",\"rating\":\"符合\"}"
			[ -n "$s3k2" ] && r="$r,{\"item\":\"$c\",\"contract\":\"K2\",\"rating\":\"符合\"}" ;;
		esac
		printf '%s%s' "$sep" "$r"
		sep=,
	done
	printf ']}\n'
}
{
	session 1 22000004 日誌未集中保存 建立日誌集中保存機制 甲山資訊股份有限公司之機房門禁失效 管理者帳號兼作一般用途 預設密碼未變更
	session 2 23377935 日誌未集中保存。 建立日誌集中保存機制 乙水科技員工共用帳號 管理者帳號兼作一般用途 ""
	session 3 24755864 日誌未集中保存及檢視 建立日誌集中保存機制 丙丘弱點未修補 - ""
	session 4 26133796 日誌未集中保存 建立日誌集中保存機制 統一編號26133796之備份未異地保存 - ""
	session 5 27511732 防火牆規則過寬 建立日誌集中保存機制 台灣丁谷防毒未更新 - ""
	session 6 28889663 防火牆規則未檢視 建立日誌集中保存機制 機房未留存進出紀錄 - ""
	session 7 30267595 防火牆規則過寬 每半年檢視防火牆規則 機房未留存進出紀錄 - ""
	session 8 31645527 未訂定日誌留存政策 "" 機房未留存進出紀錄 - ""
} > "$TMP/sessions.ndjson"
j ingest "$TMP/sessions.ndjson"
expect_rc "the eight sessions load" 0
j track sync --year 115
expect_rc "track sync" 0
expect_eq "19 tracking records" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM remediation")" 19

j report --year 115 --out "$TMP/internal" --as-of 115/11/20
expect_rc "report (internal edition)" 0
j report --year 115 --out "$TMP/public" --as-of 115/11/20 --public
expect_rc "report --public" 0
j report --out "$TMP/session" --session 115-01 --public
expect_rc "--public is refused beside --session" 2

# --- the CSV beside the page: groups and counts ------------------------------------
csvrows() {	# csvrows DIR ITEM KIND: "group:vendors:texts" of each row
	tail -n +2 "$1/finding_texts.csv" | tr -d '\r' | awk -F, -v i="$2" -v k="$3" \
		'$1 == i && $2 == k { printf "%s%s:%s:%s", s, $3, $4, $5; s = " " }'
}
expect_eq "C04 findings: groups of 4, 2, 1, 1 vendors" "$(csvrows "$TMP/internal" C04 發現事項)" "1:4:4 2:2:2 3:1:1 4:1:1"
expect_eq "C04 recommendations: groups of 6 and 1 (V8 wrote none)" \
	"$(csvrows "$TMP/internal" C04 '建議（改善精進措施）')" "1:6:6 2:1:1"
expect_eq "C04's first group is represented by its medoid" \
	"$(tail -n +2 "$TMP/internal/finding_texts.csv" | tr -d '\r' | awk -F, '$1 == "C04" && $3 == 1 { print $6; exit }')" "日誌未集中保存"
expect_eq "C01: the five name-bearing texts stand alone, the three alike together" \
	"$(csvrows "$TMP/internal" C01 發現事項)" "1:3:3 2:1:1 3:1:1 4:1:1 5:1:1 6:1:1"
expect_eq "S03 is no common finding, so has no texts" "$(csvrows "$TMP/internal" S03 發現事項)" ""
expect_eq "vendors.csv lists the 8 vendors" "$(($(wc -l < "$TMP/internal/vendors.csv") - 1))" 8
if [ -e "$TMP/public/vendors.csv" ]; then not_ok "the public edition writes no vendors.csv"; else ok "the public edition writes no vendors.csv"; fi

# --- the rendered pages ---------------------------------------------------------
if ! command -v chromium >/dev/null 2>&1; then
	echo "e2e: $E2E_NAME: chromium is not installed, the rendered pages were not checked (make check installs it)"
	done_testing
	exit $?
fi
chrome() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$TMP/chrome.XXXXXX")" "$@" 2>>"$TMP/chrome.err"
}
chrome --dump-dom "file://$TMP/internal/index.html" > "$TMP/internal.dom"
chrome --dump-dom "file://$TMP/public/index.html" > "$TMP/public.dom"
expect_eq "the internal page rendered" "$(grep -c '<section id="finding-texts">' "$TMP/internal.dom")" 1

# the table of an item, as rows of cells joined by |
cells() {	# cells DOMFILE TABLE-ID
	python3 - "$1" "$2" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.on = False; s.rows = []; s.cell = None; s.heading = ''
    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if tag == 'table' and a.get('id') == sys.argv[2]: s.on = True
        elif s.on and tag == 'tr': s.rows.append([])
        elif s.on and tag == 'td': s.cell = ''
    def handle_endtag(s, tag):
        if tag == 'table': s.on = False
        elif s.on and tag == 'td': s.rows[-1].append(s.cell); s.cell = None
    def handle_data(s, d):
        if s.cell is not None: s.cell += d
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
for r in p.rows:
    if r: print('|'.join(r))
PY
}
expect_eq "C04's findings under C04 in the page (group, vendors, text)" \
	"$(cells "$TMP/internal.dom" texts-C04 | cut -d'|' -f1-3 | tr '\n' ' ')" \
	"1|4|日誌未集中保存 2|2|防火牆規則過寬 3|1|防火牆規則未檢視 4|1|未訂定日誌留存政策 "
expect_eq "C04's recommendations under C04" \
	"$(cells "$TMP/internal.dom" recs-C04 | cut -d'|' -f1-3 | tr '\n' ' ')" \
	"1|6|建立日誌集中保存機制 2|1|每半年檢視防火牆規則 "
# the heading above the table names the item
if python3 - "$TMP/internal.dom" <<'PY'
import re, sys
t = open(sys.argv[1], encoding='utf-8').read()
m = re.search(r'<h3>(C04 [^<]*)</h3>(?:(?!<h3>).)*?<table id="texts-C04">', t, re.S)
sys.exit(0 if m else 1)
PY
then ok "the C04 table stands under the C04 heading"; else not_ok "the C04 table stands under the C04 heading"; fi
if grep -qF '甲山資訊股份有限公司之機房門禁失效' "$TMP/internal.dom"; then ok "the internal edition prints the text as written"; else not_ok "the internal edition prints the text as written"; fi
expect_eq "the internal key lists 8 vendors" "$(cells "$TMP/internal.dom" vendors | wc -l)" 8
expect_eq "the key's code of 甲山 is a heat map code" \
	"$(cells "$TMP/internal.dom" vendors | grep '甲山資訊股份有限公司' | cut -d'|' -f1,3 | sed 's/廠商[A-H]/CODE/')" "CODE|22000004"
if grep -qF '共 18 項發現事項' "$TMP/internal.dom" && grep -qF '合計 19 件' "$TMP/internal.dom" &&
	grep -qF '（3 件，屬 2 項廠商×項目之發現事項）' "$TMP/internal.dom" && grep -qF '兩數之差 1 件' "$TMP/internal.dom"; then
	ok "findings against tracking records: 18, 19, 3 on 2, a difference of 1"
else
	not_ok "findings against tracking records" "$(grep -o '發現事項與改善追蹤紀錄[^<]*' "$TMP/internal.dom")"
fi
if grep -qF '字元雙連字' "$TMP/internal.dom" && grep -qF 'Jaccard 指數' "$TMP/internal.dom" &&
	grep -qF '直到最高者低於 0.50 為止' "$TMP/internal.dom"; then
	ok "the methods say how the texts are grouped"
else
	not_ok "the methods say how the texts are grouped"
fi

# --- the public edition: no vendor named, in any form, anywhere ----------------------
leaks=
for w in 甲山 乙水 丙丘 丁谷 戊林 己川 庚原 辛嶺 22000004 23377935 24755864 26133796 27511732 28889663 30267595 31645527; do
	grep -rlF "$w" "$TMP/public" "$TMP/public.dom" >/dev/null 2>&1 && leaks="$leaks $w"
done
expect_eq "the public page, its CSV and SVG name no vendor (names, short names, tax ids)" "$leaks" ""
for t in '廠商[A-H]之機房門禁失效' '廠商[A-H]員工共用帳號' '廠商[A-H]弱點未修補' \
	'統一編號廠商[A-H]之備份未異地保存' '廠商[A-H]防毒未更新'; do
	if cells "$TMP/public.dom" texts-C01 | grep -E "$t" >/dev/null; then
		ok "the public text '$t'"
	else
		not_ok "the public text '$t'" "$(cells "$TMP/public.dom" texts-C01)"
	fi
done
expect_eq "the public edition has no vendor list" "$(cells "$TMP/public.dom" vendors | wc -l)" 0
if grep -qF '公開版' "$TMP/public.dom"; then ok "the public page says it is the public edition"; else not_ok "the public page says it is the public edition"; fi

done_testing
