#!/bin/sh
# End-to-end: jaudit schedule, the year's timetable as of a known date
# (seed §5, §8), and schedule set.
. "$(dirname "$0")/lib.sh"

"$JAUDIT" init >/dev/null
sqlite3 "$JAUDIT_DB" < "$DATA/track/fixture.sql"
"$JAUDIT" track sync --year 115 >/dev/null

j schedule set 115-01 notify --date 115/04/15 --by 王大明 --note 數授資字第1150001號
expect_rc "record the notice" 0
expect_out "says it recorded it" "115-01 notify: recorded"

# Session 115-01 is audited on 115/05/20.  As of 115/05/10:
#   notify 1 month before = 04/20, done 04/15; documents 7 days before = 05/13 (3 left, due soon);
#   contracts 2 weeks before = 05/06 (4 days late); audit 05/20 (10 left, due soon);
#   report 1 month after = 06/20 (41 left); plan 1 month after the report = 07/20.
j schedule --year 115 --as-of 115/05/10 --format json
expect_rc "schedule json" 0
ms() {	# ms SESSION-INDEX: the milestones of that session, one line
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["sessions"][int(sys.argv[2])]; print(s["session"], " ".join("%s:%s:%s:%s:%s" % (m["milestone"], m["due"], m["done"], m["state"], m.get("days_late", m.get("days_left"))) for m in s["milestones"]))' "$TMP/out" "$1"
}
expect_eq "115-01 as of 115/05/10" "$(ms 0)" "115-01 notify:2026-04-20:2026-04-15:done:None documents:2026-05-13:None:due_soon:3 contracts:2026-05-06:None:late:4 audit:2026-05-20:None:due_soon:10 report:2026-06-20:None:pending:41 plan:2026-07-20:None:pending:71"
# 115-02 on 115/07/31: notify 06/30, report 08/31 and plan 09/30 by calendar months
expect_eq "115-02 as of 115/05/10, month ends" "$(ms 1)" "115-02 notify:2026-06-30:None:pending:51 documents:2026-07-24:None:pending:75 contracts:2026-07-17:None:pending:68 audit:2026-07-31:None:pending:82 report:2026-08-31:None:pending:113 plan:2026-09-30:None:pending:143"
expect_eq "the year's stages as of 115/05/10" "$(python3 -c 'import json,sys; print(" ".join(s["stage"]+":"+s["state"] for s in json.load(open(sys.argv[1]))["stages"]))' "$TMP/out")" "preparation:ended pre_work:ended selection:ended audits:in_progress review:not_started"

j schedule set 115-01 documents --due 115/05/08
expect_rc "the notice's own deadline for the documents" 0
j schedule set 115-01 contracts --date 115/05/06
"$JAUDIT" track set 115-01-C01 改善中 --date 115/07/01 --by x >/dev/null
"$JAUDIT" track set 115-01-C02 改善中 --date 115/07/02 --by x >/dev/null
"$JAUDIT" track set 115-01-S03-K1 改善中 --date 115/07/03 --by x >/dev/null
"$JAUDIT" track set 115-01-S05-K2 風險接受 --date 115/08/01 --by x --note 汰換 --approver y >/dev/null
j schedule set 115-01 report --date 115/06/25 --by 王大明
expect_rc "record the report" 0
expect_out "the report redates the findings" "115-01 report: recorded; 3 finding due dates recomputed from the report date"
j track list --vendor 22099131 --format csv
expect_eq "due dates now count from 115/06/25 (not the ended 風險接受)" "$(tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f1,8 | tr '\n' ' ')" "115-01-C01,2026-09-25 115-01-C02,2026-12-25 115-01-S03-K1,2026-12-25 115-01-S05-K2,2026-09-20 "

# the documents were never recorded, but the contracts (a later step) were
# announced and the audit held: 未記錄, not 94 days late
j schedule --year 115 --as-of 115/08/10 --format json
expect_eq "115-01 as of 115/08/10" "$(ms 0)" "115-01 notify:2026-04-20:2026-04-15:done:None documents:2026-05-08:None:unrecorded:None contracts:2026-05-06:2026-05-06:done:None audit:2026-05-20:2026-05-20:done:None report:2026-06-20:2026-06-25:done_late:5 plan:2026-07-25:2026-08-01:done_late:7"
# 115-03 has no contract; 115-02's report is 10 days late as of 115/09/10 (no
# later step is done: its plan is not due), while the steps before its audit
# of 07/31, none recorded, are 未記錄 (they were 72, 48 and 55 days 逾期)
j schedule --year 115 --as-of 115/09/10 --format json
expect_eq "115-02 as of 115/09/10" "$(ms 1)" "115-02 notify:2026-06-30:None:unrecorded:None documents:2026-07-24:None:unrecorded:None contracts:2026-07-17:None:unrecorded:None audit:2026-07-31:2026-07-31:done:None report:2026-08-31:None:late:10 plan:2026-09-30:None:pending:20"

j schedule --year 115
expect_rc "schedule text as of today" 0
expect_out "text heading" "115年度 稽核作業時程  截至115年11月20日"
expect_out "the review stage in progress" "檢討作業      115年11月1日–115年12月31日  進行中"
expect_out "a session heading" "場次 115-01  甲資訊股份有限公司（22099131）  稽核日 115年5月20日"
expect_out "a late report" "提出稽核報告  115年6月20日  115年6月25日  已完成（逾期 5 日）"

j schedule set 115-01 audit --date 115/05/20
expect_rc "audit is not recorded" 2
expect_err "says which can be" "jaudit: set: the audit milestone follows from the data and is not recorded; expected notify, documents, contracts or report"
j schedule set 115-01 report --date 115/12/25
expect_rc "a date after today" 1
expect_err "no milestone from the future" "jaudit: schedule set: the date 115/12/25 is after today (115/11/20); record a milestone once it is done"
j schedule set 115-09 report --date 115/06/25
expect_rc "an unknown session" 1
expect_err "unknown session" "jaudit: schedule set: there is no session '115-09'; 'jaudit schedule --year <year>' lists them"
j schedule set 115-01 notify --due 115/06/25
expect_rc "--due for another milestone" 2
j schedule set 115-01 report --date 115/05/01
expect_err "a report before the audit" "jaudit: schedule set: the report date 115/05/01 is before the audit on 115/05/20"
j schedule
expect_rc "schedule needs --year" 2
"$JAUDIT" init --year 114 >/dev/null
j schedule --year 114
expect_rc "a year without sessions" 0
expect_out "says there are none" "（本年度尚無稽核場次）"

# --- the sample year of examples/ (make demo), as of 115/11/20 -----------------
# Twelve sessions of 115, audited from 115/05/06 (115-01) to 115/10/14 (115-12),
# all before 115/11/20.  Recorded as in examples/demo.sh: 115-01 notify, contracts
# and report; 115-02 notify and report.  Findings (部分符合 + 不符合) counted by
# hand in sessions-115.ndjson: 6 7 4 13 8 7 9 9 6 7 4 9 (89 in all).
export JAUDIT_DB="$TMP/demo.db"
EX="$ROOT/examples"
{
	"$JAUDIT" init --year 115 && "$JAUDIT" ingest --year 115 "$EX/vendors-115.csv" "$EX/inventory-115.csv" &&
	"$JAUDIT" ingest "$EX"/authorizations-115-*.csv && "$JAUDIT" ingest "$EX/sessions-115.ndjson" &&
	"$JAUDIT" schedule set 115-01 notify --date 115/04/02 && "$JAUDIT" schedule set 115-01 contracts --date 115/04/21 &&
	"$JAUDIT" schedule set 115-01 report --date 115/06/03 && "$JAUDIT" schedule set 115-02 notify --date 115/04/17 &&
	"$JAUDIT" schedule set 115-02 report --date 115/06/24
} > "$TMP/demo.out" 2>&1 || cat "$TMP/demo.out"
expect_eq "the sample's Big5 附件1 is told by its bytes, and said once" \
	"$(grep -c '讀入時視為 Big5 編碼' "$TMP/demo.out") $(grep 'motc-big5.csv: 附件1' "$TMP/demo.out" | sed 's|.*/||')" \
	"1 authorizations-115-motc-big5.csv: 附件1 authorizations, 6 rows: 6 added, 0 replaced, 0 unchanged"
expect_eq "its Big5 text converted" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM authorizations WHERE agency LIKE '交通部%'")" 6
states() {	# the states of the 72 milestones, counted: "late:10 unrecorded:33 ..."
	python3 -c '
import json, sys, collections
d = json.load(open(sys.argv[1]))
c = collections.Counter(m["state"] for s in d["sessions"] for m in s["milestones"])
print(" ".join("%s:%d" % kv for kv in sorted(c.items())))' "$TMP/out"
}
late() {	# which milestones are 逾期: "115-03:report ..."
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(s["session"] + ":" + m["milestone"] for s in d["sessions"] for m in s["milestones"] if m["state"] == "late"))' "$TMP/out"
}
j schedule --year 115 --as-of 115/11/20 --format json
expect_rc "the sample year's schedule" 0
expect_eq "findings from the results, before track sync" \
	"$(python3 -c 'import json,sys; print(" ".join(str(s["findings"]) for s in json.load(open(sys.argv[1]))["sessions"]))' "$TMP/out")" \
	"6 7 4 13 8 7 9 9 6 7 4 9"
# Before this rule: 43 逾期 — notify 10, documents 12, contracts 11 (never
# recorded, for audits long held) and report 10 — and 12 plans 不適用.  Now the
# 33 steps before an audit that was held are 未記錄; a report not recorded has
# no later step done yet (no finding tracked), so 115-03 to 115-12 are 逾期
# (the last due 115/11/14); every plan has findings but no record: 尚未追蹤.
# done 16 = 12 audits + 115-01 notify, contracts, report + 115-02 notify.
expect_eq "before track sync: the states" "$(states)" "done:16 done_late:1 late:10 unrecorded:33 untracked:12"
expect_eq "before track sync: only the reports are 逾期" "$(late)" \
	"115-03:report 115-04:report 115-05:report 115-06:report 115-07:report 115-08:report 115-09:report 115-10:report 115-11:report 115-12:report"
j schedule --year 115 --as-of 115/11/20
expect_out "a session with six findings is not 不適用" "場次 115-01  博碩軟體股份有限公司（27511732）  稽核日 115年5月6日  發現事項 6 項"
expect_out "its plan says why it has no state" "改善計畫      115年7月3日                 尚未追蹤（有發現事項，無追蹤紀錄）"
expect_out "a step not recorded" "廠商交付資料  115年4月29日                未記錄（後續步驟已完成）"
"$JAUDIT" track sync --year 115 >/dev/null
j schedule --year 115 --as-of 115/11/20 --format json
# The plans are due a month after the report: 115-01 to 115-10 by 115/11/09,
# all with findings still 待改善 (逾期); 115-11 on 115/11/23 (3 days: 即將到期),
# 115-12 on 115/12/14 (未到期).  Before this rule: 53 逾期.
expect_eq "after track sync: the states" "$(states)" "done:16 done_late:1 due_soon:1 late:20 pending:1 unrecorded:33"
"$JAUDIT" track import "$EX/updates-115.csv" >/dev/null
"$JAUDIT" track set 115-12-C03 改善中 --date 115/11/05 --by 林怡君 >/dev/null
j schedule --year 115 --as-of 115/11/20 --format json
# A finding of 115-01 to 115-08 and of 115-12 has left 待改善: its report went
# out, so the reports of 115-03 to 115-08 and 115-12 are 未記錄 (7 more), and
# only those of 115-09, 115-10 and 115-11 stay 逾期, beside the 10 plans.
expect_eq "after the updates: the states" "$(states)" "done:16 done_late:1 due_soon:1 late:13 pending:1 unrecorded:40"
expect_eq "after the updates: the 逾期 reports" "$(late | tr ' ' '\n' | grep report | tr '\n' ' ')" "115-09:report 115-10:report 115-11:report "

done_testing
