#!/bin/sh
# End-to-end: jaudit export keeps each agency to what it may see (SPEC §6).
# Fixture: 數位發展部 (MODA) and 衛生福利部 (MOHW) share vendor 22099131 in
# session 115-01 (K1 MODA, K2 MOHW); MOHW alone authorized 28410103
# (115-02); nobody authorized 53119822 (115-03).
. "$(dirname "$0")/lib.sh"

"$JAUDIT" init >/dev/null
sqlite3 "$JAUDIT_DB" < "$DATA/track/fixture.sql"
"$JAUDIT" track sync --year 115 >/dev/null
"$JAUDIT" track set 115-01-S05-K2 改善中 --date 115/07/01 --by 衛福部承辦 --note 已排程弱掃 >/dev/null
"$JAUDIT" track set 115-01-S03-K1 改善中 --date 115/07/02 --by 數位部承辦 --note 帳號分離中 >/dev/null

umask 022
j export --agency 衛生福利部 --year 115 --out "$TMP/mohw.json"
expect_rc "export MOHW" 0
expect_out "export says what it wrote" "衛生福利部, year 115: 2 findings of its contracts, 5 common-item results of the vendors it authorized"
expect_eq "the export is private" "$(stat -c %a "$TMP/mohw.json")" 600
j export --agency 數位發展部 --year 2026 --out "$TMP/moda.json"
expect_rc "export MODA" 0

# what each may see, field by field
check=$(python3 - "$TMP/mohw.json" "$TMP/moda.json" <<'PY'
import json, sys
mohw = json.load(open(sys.argv[1]))
moda = json.load(open(sys.argv[2]))

def strings(x):
    if isinstance(x, dict):
        for k, v in x.items():
            yield k
            yield from strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from strings(v)
    elif isinstance(x, str):
        yield x

out = []
for name, d in (("mohw", mohw), ("moda", moda)):
    out.append("%s agency=%s format=%s year=%s" % (name, d["agency"], d["format"], d["year"]))
    out.append("%s contracts=%s" % (name, " ".join(c["session"] + "/" + c["ref"] + "/" + c["contract"] for c in d["contracts"])))
    out.append("%s findings=%s" % (name, " ".join(f["id"] + ":" + f["status"] for f in d["findings"])))
    out.append("%s finding keys=%s" % (name, ",".join(sorted(d["findings"][0].keys()))))
    out.append("%s vendors=%s" % (name, " ".join(v["vendor"] + "[" + ",".join((r["id"] or r["item"]) + ":" + r["rating"] for s in v["sessions"] for r in s["common"]) + "]" for v in d["vendors"])))
    agg = {i["code"]: (i["n"], i["k"]) for i in d["aggregates"]["items"]}
    out.append("%s aggregates vendors=%d C01=%s C02=%s S05=%s" % (name, d["aggregates"]["vendors"], agg["C01"], agg["C02"], agg["S05"]))
    text = list(strings(d))
    for f in d["findings"]:
        assert f["id"].count("-") == 3, f["id"]
    # an auditor's or a clerk's contact details, anywhere
    for bad in ("02-2380-1111", "lee@moda.gov.tw", "02-8590-2222", "chen@mohw.gov.tw",
                "02-2380-0001", "lin@moda.gov.tw", "02-8590-0002", "wu@mohw.gov.tw", "李小華", "陳美玲", "張志豪"):
        if any(bad in s for s in text):
            out.append("%s LEAKS %s" % (name, bad))
    if any("@" in s for s in text):
        out.append("%s has an e-mail address" % name)

# what each must never hold of the other
never = {
    "mohw": ("數位發展部", "行政資訊系統維運案", "公文系統", "115-01-S03-K1", "管理者帳號兼作一般用途",
             "區分管理者帳號", "數位部承辦", "帳號分離中", "53119822", "訪客未配戴識別證"),
    "moda": ("衛生福利部", "醫療資訊系統維運案", "健保查詢系統", "115-01-S05-K2", "健保查詢系統未做弱點掃描",
             "每季弱點掃描", "衛福部承辦", "已排程弱掃", "長照", "115-02-S01-K1", "28410103", "乙系統",
             "備份未異地存放", "115-02-C04", "53119822", "訪客未配戴識別證"),
}
for name, d in (("mohw", mohw), ("moda", moda)):
    text = list(strings(d))
    for bad in never[name]:
        if any(bad in s for s in text):
            out.append("%s HOLDS %s" % (name, bad))
print("\n".join(out))
PY
)
expect_eq "each export holds its own and nothing of the other's" "$check" "mohw agency=衛生福利部 format=jaudit-export/1 year=115
mohw contracts=115-01/K2/醫療資訊系統維運案 115-02/K1/長照資訊平台案
mohw findings=115-01-S05-K2:in_progress 115-02-S01-K1:open
mohw finding keys=agency,contract,days_overdue,due,finding,history,id,item,rating,recommendation,ref,session,status,status_label,system,vendor,vendor_name
mohw vendors=22099131[115-01-C01:noncompliant,115-01-C02:partial,C03:compliant] 28410103[C01:compliant,115-02-C04:partial]
mohw aggregates vendors=3 C01=(3, 2) C02=(2, None) S05=(1, None)
moda agency=數位發展部 format=jaudit-export/1 year=115
moda contracts=115-01/K1/行政資訊系統維運案
moda findings=115-01-S03-K1:in_progress
moda finding keys=agency,contract,days_overdue,due,finding,history,id,item,rating,recommendation,ref,session,status,status_label,system,vendor,vendor_name
moda vendors=22099131[115-01-C01:noncompliant,115-01-C02:partial,C03:compliant]
moda aggregates vendors=3 C01=(3, 2) C02=(2, None) S05=(1, None)"

# the history of its own finding travels with it
h=$(python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["findings"][0]; print(" ".join(e["date"]+":"+e["action"]+":"+e["actor"] for e in f["history"]))' "$TMP/mohw.json")
expect_eq "own finding with its history" "$h" "2026-05-20:opened:jaudit track sync 2026-07-01:status:衛福部承辦"

# as of a date before the change
j export --agency 衛生福利部 --year 115 --out "$TMP/mohw-june.json" --as-of 115/06/30
expect_eq "statuses as of a date" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["as_of"], d["findings"][0]["status"], len(d["findings"][0]["history"]))' "$TMP/mohw-june.json")" "2026-06-30 open 1"

# CSV into a folder: the same isolation, file by file
j export --agency 數位發展部 --year 115 --format csv --out "$TMP/moda"
expect_rc "export csv" 0
expect_eq "the csv files" "$(cd "$TMP/moda" && ls | tr '\n' ' ')" "aggregates.csv common.csv contracts.csv findings.csv history.csv "
expect_eq "the folder is private" "$(stat -c %a "$TMP/moda")" 700
expect_eq "csv files are private" "$(stat -c %a "$TMP/moda/findings.csv")" 600
expect_eq "csv findings" "$(tail -n +2 "$TMP/moda/findings.csv" | tr -d '\r' | cut -d, -f1,3,6,9)" "115-01-S03-K1,行政資訊系統維運案,部分符合,改善中"
expect_eq "csv history" "$(tail -n +2 "$TMP/moda/history.csv" | tr -d '\r' | cut -d, -f1,3 | tr '\n' ' ')" "115-01-S03-K1,opened 115-01-S03-K1,status 115-01-C01,opened 115-01-C02,opened "
leaks=$(cat "$TMP/moda"/*.csv | grep -c -e 衛生福利部 -e 醫療資訊系統維運案 -e 健保查詢系統 -e 115-01-S05-K2 -e 28410103 -e 53119822 -e @ -e 02-2380 -e 02-8590 -e 李小華)
expect_eq "no csv holds the other agency's data or any contact" "$leaks" 0
# C01: 2 of 3 vendors; Wilson 95% as R's prop.test(2, 3, correct = FALSE)$conf.int: 0.20765960 0.93850806
expect_eq "csv aggregates as analyze computes them, small cells withheld" "$(grep -E '^(C01|C02),' "$TMP/moda/aggregates.csv" | tr -d '\r' | tr '\n' ' ')" "C01,共通性,電腦使用限制與設備認證管理,3,2,0.6667,0.2077,0.9385,否 C02,共通性,電腦使用限制與設備認證管理,2,,,,, "

# agency names as typed
j export --agency '衛生福利部 ' --year 115 --out "$TMP/x.json"
expect_rc "spacing in the agency name" 0
j export --agency 衛福部 --year 115 --out "$TMP/x.json"
expect_rc "an unknown agency" 1
expect_err "names the nearest agencies" "jaudit: export: '衛福部' is not an agency of year 115 (no 附件1 authorization, no sampled contract); nearest: 衛生福利部, 數位發展部"
"$JAUDIT" init --year 114 >/dev/null
j export --agency 衛生福利部 --year 114 --out "$TMP/x.json"
expect_rc "a year without data" 1
expect_err "says the year has nothing" "jaudit: export: year 114 has no authorizations (附件1) or sampled contracts; nothing can be exported"
j export --year 115 --out "$TMP/x.json"
expect_rc "--agency is required" 2
j export --agency 衛生福利部 --year 115
expect_rc "--out is required" 2
j export --agency 衛生福利部 --year 115 --out "$TMP/no/such/dir/x.json"
expect_rc "an unwritable path" 1
expect_err "says it cannot write" "jaudit: export: cannot write '$TMP/no/such/dir/x.json': No such file or directory"

done_testing
