#!/bin/sh
# End-to-end: jaudit candidates over a database built with SQL inserts
# (tests/data/candidates/years.sql: year 115 from the vendors list, year 116
# with a system inventory).
. "$(dirname "$0")/lib.sh"

j init
expect_rc "init" 0
"$JAUDIT" init --year 116 >/dev/null	# a year the database knows
sqlite3 "$JAUDIT_DB" < "$DATA/candidates/years.sql"

# order as "rank taxid core agencies score candidate selected" lines
ranked() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["year"], d["source"], d["vendors"], d["max_core_systems"], d["max_agencies"],
      d["parameters"]["weights"]["core_systems"], d["parameters"]["weights"]["agencies"],
      d["parameters"]["top"])
for c in d["candidates"]:
    print(c["rank"], c["taxid"], c["core_systems"], c["agencies"], repr(c["score"]),
          int(c["listed"]), int(c["candidate"]), int(c["selected"]))' "$TMP/out"
}

# scores within 1e-9 of the literals worked by hand in years.sql
scores_close() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
want = [float(x) for x in sys.argv[2:]]
got = [c["score"] for c in d["candidates"]]
ok = len(got) == len(want) and all(abs(g - w) <= 1e-9 * max(abs(w), 1e-300) or g == w == 0 for g, w in zip(got, want))
print("ok" if ok else "got %r" % got)' "$TMP/out" "$@"
}

j candidates --year 115 --format json
expect_rc "115 json" 0
expect_eq "115: vendors list, ties broken by core systems then tax id" "$(ranked)" \
"115 vendors 6 12 10 0.5 0.5 None
1 22099131 12 8 0.9 1 1 1
2 04541302 6 10 0.75 1 1 0
3 10458574 6 10 0.75 1 0 0
4 10458575 9 4 0.575 1 0 0
5 12345675 3 9 0.575 1 1 1
6 12345670 0 0 0 1 0 0"
# 0.5*12/12 + 0.5*8/10 = 0.9; 0.5*6/12 + 0.5*10/10 = 0.75; 0.5*9/12 + 0.5*4/10 = 0.575
expect_eq "115 scores" "$(scores_close 0.9 0.75 0.75 0.575 0.575 0)" ok

j candidates --year 2026 --weights 1,0 --format json
expect_rc "weights 1,0" 0
# score = core systems / 12: 乙 and 戊 tie at 0.5 with equal core systems: tax id
expect_eq "weights 1,0 rank by core systems alone" "$(ranked | cut -d' ' -f1,2 | tr '\n' ' ')" \
	"115 vendors 1 22099131 2 10458575 3 04541302 4 10458574 5 12345675 6 12345670 "
expect_eq "weights 1,0 scores" "$(scores_close 1 0.75 0.5 0.5 0.25 0)" ok

j candidates --year 115 --weights 3,1 --format json
# weights normalised to 0.75, 0.25: 甲 0.75 + 0.2 = 0.95; 丙 0.5625 + 0.1 = 0.6625;
# 乙, 戊 0.375 + 0.25 = 0.625; 丁 0.1875 + 0.225 = 0.4125
expect_eq "weights 3,1 are normalised" "$(ranked | sed -n 1p)" "115 vendors 6 12 10 0.75 0.25 None"
expect_eq "weights 3,1 scores" "$(scores_close 0.95 0.6625 0.625 0.625 0.4125 0)" ok

j candidates --year 116 --format json
expect_rc "116 json" 0
# inventory: 甲 (3, 3) 0.375 + 0.5; 丙 (4, 1) 0.5 + 1/6; 乙 (1, 2) 0.125 + 1/3; 丁 listed, nothing
expect_eq "116: computed from the inventory, not the list's 99" "$(ranked)" \
"116 inventory 4 4 3 0.5 0.5 None
1 22099131 3 3 0.875 1 1 0
2 10458575 4 1 0.6666666666666666 0 0 0
3 04541302 1 2 0.4583333333333333 0 0 0
4 12345675 0 0 0 1 0 0"
expect_eq "116 scores" "$(scores_close 0.875 0.6666666666666667 0.4583333333333333 0)" ok

j candidates --year 116 --source vendors --top 1 --format json
expect_eq "--source vendors uses the list; --top 1" "$(ranked)" \
"116 vendors 2 99 1 0.5 0.5 1
1 22099131 99 1 1 1 1 0"

j candidates --year 115
expect_rc "115 text" 0
expect_out "text title names the source" "115年度 候選受稽核廠商排序（資料來源：廠商名單）"
expect_out "text prints the weights" "分數 = 0.5 × 維運機關核心資通系統數量 ÷ 12 + 0.5 × 服務機關數量 ÷ 10"
expect_out "text header" "排名  廠商名稱            統一編號  維運機關核心資通系統數量  服務機關數量    分數  候選  受稽核"
expect_out "text first row" "   1  甲資訊股份有限公司  22099131                        12             8  0.9000  是    是"
expect_out "text count" "共 6 家廠商，列出 6 家"

j candidates --year 116 --lang en --top 2
expect_out "english title" "Vendors of year 116 ranked for selection (source: the system inventory)"
expect_out "english weights" "score = 0.5 x core systems / 4 + 0.5 x agencies / 3"
expect_out "english count" "2 of 4 vendors shown"

j candidates --year 115 --format csv --top 2
expect_rc "csv" 0
expect_eq "csv" "$(tr -d '\r' < "$TMP/out")" \
"$(printf '\357\273\277')排名,廠商名稱,統一編號,維運機關核心資通系統數量,服務機關數量,分數,候選,受稽核,資料來源
1,甲資訊股份有限公司,22099131,12,8,0.900000,是,是,廠商名單
2,乙系統股份有限公司,04541302,6,10,0.750000,是,否,廠商名單"

"$JAUDIT" init --year 117 >/dev/null
before=$(dump)
j candidates --year 117
expect_rc "a year without vendors" 1
expect_err "says what to load" "jaudit: year 117 has no vendors; load the vendors list with 'jaudit ingest --kind vendors FILE' first"
j candidates --year 115 --source inventory
expect_rc "no inventory for 115" 1
expect_err "says so" "jaudit: year 115 has no system inventory; load it with 'jaudit ingest --kind inventory FILE' or use --source vendors"
expect_eq "candidates changes nothing" "$(dump)" "$before"

j candidates
expect_rc "missing --year" 2
expect_err "missing --year message" "jaudit: --year is required"
for w in 0,0 1 a,b 1,-1 1,2,3 ,1; do
	j candidates --year 115 --weights "$w"
	expect_rc "bad --weights $w" 2
	expect_err "bad --weights $w message" "jaudit: --weights: '$w' is not two numbers a,b of at least 0, not both 0 (such as 0.5,0.5)"
done
j candidates --year 115 --top 0
expect_rc "--top 0" 2
expect_err "--top 0 message" "--top: '0' is not a whole number of at least 1"
j candidates --year 115 --source spm
expect_rc "bad --source" 2
expect_err "bad --source message" "jaudit: --source: 'spm' is not one of auto vendors inventory"
j candidates --year 115 --format xml
expect_rc "bad --format" 2

done_testing
