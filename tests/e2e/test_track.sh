#!/bin/sh
# End-to-end: jaudit track sync, set, import, list, history, summary, policy
# over tests/data/track/fixture.sql (seven findings; today is 115/11/20).
. "$(dirname "$0")/lib.sh"

"$JAUDIT" init >/dev/null
sqlite3 "$JAUDIT_DB" < "$DATA/track/fixture.sql"

j track sync --year 115
expect_rc "sync" 0
expect_out "sync opens seven records" "year 115: 7 records tracked; opened 7, closed as corrected 0, reopened 0, redated 0"
before=$(dump)
j track sync --year 115
expect_out "sync again opens nothing" "year 115: 7 records tracked; opened 0, closed as corrected 0, reopened 0, redated 0"
expect_eq "sync again changes nothing" "$(dump)" "$before"

# --- set: the moves ------------------------------------------------------------
j track set 115-01-C01 改善中 --date 115/06/10 --by 林小明 --note 已提改善計畫
expect_rc "set 改善中" 0
expect_out "set says the new status" "115-01-C01: 改善中"
j track set 115-01-C01 closed --date 115/06/11 --by 林小明
expect_rc "a refused move" 1
expect_err "refused move lists the allowed ones" "jaudit: 115-01-C01: cannot move from 改善中 in_progress to 已結案 closed; allowed from 改善中: 待驗證 pending_verification, 展延 extended, 風險接受 risk_accepted"
j track set 115-01-C01 展延 --date 115/06/12 --by 林小明 --due 115/12/31
expect_rc "an extension without a reason" 1
expect_err "extension needs a reason" "jaudit: 115-01-C01: 展延 needs its reason in the note (說明, --note)"
j track set 115-01-C01 extended --date 115/06/12 --by 林小明 --due 115/09/01 --note 需採購
expect_err "extension needs a later date" "jaudit: 115-01-C01: the new due date 115/09/01 is not later than the current one, 115/09/20"
j track set 115-01-C01 extended --date 115/06/12 --by 林小明 --due 115年12月31日 --note 需採購設備
expect_rc "an extension" 0
j track set 115-01-C01 pending_verification --date 115/08/01 --by 林小明 --evidence 照片3張
expect_rc "to 待驗證" 0
j track set 115-01-C01 in_progress --date 115/08/15 --by 陳驗證 --note 驗證未通過
expect_rc "failed verification back to 改善中" 0
j track set 115-01-C01 待驗證 --date 115/09/01 --by 林小明
j track set 115-01-C01 已結案 --date 115/09/10 --by 陳驗證 --evidence 驗證紀錄
expect_rc "closed" 0
j track set 115-01-C01 改善中 --date 115/09/11 --by 林小明
expect_err "nothing after 已結案" "jaudit: 115-01-C01: cannot move from 已結案 closed to 改善中 in_progress; allowed from 已結案: none: tracking has ended"
j track set 115-01-S03-K1 風險接受 --date 115/07/19 --by 數位發展部承辦 --note 系統年底汰換
expect_err "risk acceptance needs an approver" "jaudit: 115-01-S03-K1: 風險接受 needs the approver (核准人, --approver)"
j track set 115-01-S03-K1 risk_accepted --date 115/07/19 --by 數位發展部承辦 --note 系統年底汰換 --approver 資訊長
expect_rc "risk acceptance" 0
j track set 115-01-C02 in_progress --date 115/12/01 --by 林小明
expect_err "no update from the future" "jaudit: 115-01-C02: the date 115/12/01 is after today (115/11/20); an update is recorded when it happened"
j track set 115-01-C02 done --date 115/08/01 --by 林小明
expect_rc "an unknown status is a usage error" 2
expect_err "unknown status" "jaudit: set: 'done' is not a status; expected 待改善 open, 改善中 in_progress, 待驗證 pending_verification, 已結案 closed, 展延 extended or 風險接受 risk_accepted"
j track set 115-01-C02 in_progress --by 林小明
expect_rc "set without --date" 2
expect_err "says --date" "jaudit: set needs --date, the day the change happened"
j track set 115-09-C01 in_progress --date 115/08/01 --by 林小明
expect_rc "an unknown id" 1
expect_err "unknown id" "jaudit: '115-09-C01' is not a tracked finding; expected an id such as 115-07-C01 or 115-07-S03-K1"

# --- history -------------------------------------------------------------------
j track history 115-01-C01 --format json
expect_rc "history json" 0
h=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["status"], d["due"], len(d["history"]), " ".join(e["action"]+":"+e["new_status"] for e in d["history"]), d["history"][2]["old_due"], d["history"][2]["new_due"], d["history"][2]["note"])' "$TMP/out")
expect_eq "history holds every change" "$h" "closed 2026-12-31 7 opened:open status:in_progress extended:in_progress status:pending_verification status:in_progress status:pending_verification status:closed 2026-09-20 2026-12-31 需採購設備"
j track history 115-01-C01
expect_out "history text with ROC dates" "115年6月12日  展延"
expect_out "history text shows evidence" "驗證紀錄"
before=$(dump)
sqlite3 "$JAUDIT_DB" "UPDATE remediation_history SET note = 'x'" 2>"$TMP/sqlerr"
expect_eq "the history refuses a hand edit" "$(grep -c 'remediation_history is append-only: a past entry cannot be changed' "$TMP/sqlerr")" 1
sqlite3 "$JAUDIT_DB" "DELETE FROM remediation_history" 2>"$TMP/sqlerr"
expect_eq "the history refuses a hand delete" "$(grep -c 'remediation_history is append-only: a past entry cannot be deleted' "$TMP/sqlerr")" 1
expect_eq "the hand edits changed nothing" "$(dump)" "$before"

# --- import ----------------------------------------------------------------------
printf '\357\273\277追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限,核准人\r\n115-01-C02,改善中,115/07/01,林小明,已提計畫,計畫書,,\r\n115-02-S01-K1,展延,115/09/01,吳承辦,等待廠商排程,,115/12/31,\r\n115-02-C04,待驗證,115/09/02,吳承辦,,,,\r\n' > "$TMP/bad.csv"
before=$(dump)
j track import "$TMP/bad.csv"
expect_rc "a bad updates form" 1
expect_err "names the file and line" "bad.csv:4: 115-02-C04: cannot move from 待改善 open to 待驗證 pending_verification; allowed from 待改善: 改善中 in_progress, 展延 extended, 風險接受 risk_accepted"
expect_err "says nothing was kept" "bad.csv: nothing was recorded; correct the rows above and import the file again"
expect_eq "a bad form leaves the database as it was" "$(dump)" "$before"
printf '追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限\n115-01-C02,改善中,115/07/01,林小明,已提計畫,計畫書,\n115-02-S01-K1,展延,115/09/01,吳承辦,等待廠商排程,,115/12/31\n115-02-C04,改善中,115/09/02,吳承辦,,,\n' > "$TMP/good.csv"
j track import "$TMP/good.csv"
expect_rc "an updates form" 0
expect_out "counts the updates" "good.csv: 3 updates recorded, 0 already recorded"
j track import "$TMP/missing.csv"
expect_rc "a missing file" 1
expect_err "says it cannot open it" "missing.csv"

# --- list ---------------------------------------------------------------------------
j track list --year 115 --format json
expect_rc "list json" 0
l=$(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
print(d["as_of"], d["count"], sorted(d["records"][0].keys()))
for r in d["records"]: print(r["id"], r["item"], r["vendor"], r["owner"], r["agency"] or "-", r["status"], r["due"], r["days_overdue"])' "$TMP/out")
expect_eq "list json as of today" "$l" "2026-11-20 7 ['agency', 'days_overdue', 'due', 'id', 'item', 'owner', 'plan_due', 'status', 'vendor', 'vendor_name']
115-01-C01 C01 22099131 資安署 - closed 2026-12-31 0
115-01-C02 C02 22099131 資安署 - in_progress 2026-12-20 0
115-01-S03-K1 S03 22099131 數位發展部 數位發展部 risk_accepted 2026-12-20 0
115-01-S05-K2 S05 22099131 衛生福利部 衛生福利部 open 2026-09-20 61
115-02-C04 C04 28410103 資安署 - in_progress 2027-02-28 0
115-02-S01-K1 S01 28410103 衛生福利部 衛生福利部 in_progress 2026-12-31 0
115-03-C01 C01 53119822 資安署 - open 2027-03-28 0"

# last summer's list, reproduced (115-01-C01 failed its verification on 115/08/15)
j track list --as-of 115/08/20 --format csv
expect_rc "list csv as of August" 0
expect_eq "as of 115/08/20" "$(tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f1,7,8,9 | tr '\n' ' ')" "115-01-C01,改善中,2026-12-31,0 115-01-C02,改善中,2026-12-20,0 115-01-S03-K1,風險接受,2026-12-20,0 115-01-S05-K2,待改善,2026-09-20,0 115-02-C04,待改善,2027-02-28,0 115-02-S01-K1,待改善,2026-11-30,0 "
j track list --as-of 115/10/01 --overdue --format csv
expect_eq "overdue as of 115/10/01" "$(tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f1,9 | tr '\n' ' ')" "115-01-S05-K2,11 "
j track list --due-within 10 --as-of 115/11/20 --format csv
expect_eq "due within 10 days" "$(tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f1 | tr '\n' ' ')" ""
j track list --due-within 45 --format csv
expect_eq "due within 45 days" "$(tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f1 | tr '\n' ' ')" "115-01-C02 115-02-S01-K1 "
j track list --owner 衛生福利部 --format csv
expect_eq "by owner" "$(tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f1 | tr '\n' ' ')" "115-01-S05-K2 115-02-S01-K1 "
j track list --agency 數位發展部 --format csv
expect_eq "by agency" "$(tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f1 | tr '\n' ' ')" "115-01-S03-K1 "
j track list --vendor 28410103 --status 改善中 --format csv
expect_eq "by vendor and status" "$(tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f1 | tr '\n' ' ')" "115-02-C04 115-02-S01-K1 "
j track list --overdue
expect_rc "list text" 0
expect_out "list text heading with ROC date" "改善追蹤清單  截至115年11月20日  共 1 筆，逾期 1 筆"
expect_out "list text row" "115-01-S05-K2  S05   甲資訊股份有限公司  衛生福利部  衛生福利部  待改善  115年9月20日        61"
j track list --owner 台灣數位發展部 --format csv
expect_eq "no match for a name that is another" "$(tail -n +2 "$TMP/out" | wc -l)" 0
j track list --agency ' 數位發展部' --format csv
expect_eq "spacing in an agency name" "$(tail -n +2 "$TMP/out" | tr -d '\r' | cut -d, -f1 | tr '\n' ' ')" "115-01-S03-K1 "
j track list --vendor 2209913
expect_rc "a bad --vendor" 2
expect_err "says what a 統一編號 is" "--vendor: '2209913' is not a 統一編號; expected the vendor's 8-digit tax id, such as 22099131"
j track list --status maybe
expect_rc "bad --status" 2
j track list --as-of 115/02/30
expect_rc "bad --as-of" 2
expect_err "bad --as-of message" "--as-of: '115/02/30' is not a date; write it as 115/06/12, 115年6月12日 or 2026-06-12"

# --- summary -------------------------------------------------------------------------
j track summary --year 115 --format json
expect_rc "summary json" 0
s=$(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
print(d["total"], d["overdue"], d["open"], d["overdue_share"], d["aging"])
for o in d["owners"]: print(o["owner"], o["status"]["open"], o["status"]["in_progress"], o["status"]["closed"], o["status"]["risk_accepted"], o["overdue"])
k=d["time_to_closure"]; print(k["n"], k["closed"], k["median_days"], [(p["days"], p["n_risk"], p["n_event"], round(p["surv"], 10), round(p["lower"], 10)) for p in k["curve"]][2:4])' "$TMP/out")
# one closure, 115-01-C01 after 113 days (05-20 to 09-10); censored: 60 (風險接受 07-19),
# 84 (115-03, audited 08-28), 112 112 (115-02), 184 184.  R: survfit(Surv(c(113,60,184,184,
# 112,112,84), c(1,0,0,0,0,0,0)) ~ 1): t 112 n.risk 5 surv 1; t 113 n.risk 3 surv 0.6666666667
# lower 0.2995071304; median NA
expect_eq "summary json figures" "$s" "7 1 5 0.2 {'not_yet_due': 4, '1_30': 0, '31_90': 1, 'over_90': 0}
資安署 1 2 1 0 0
數位發展部 0 0 0 1 0
衛生福利部 1 1 0 0 1
7 1 None [(112, 5, 0, 1, 1), (113, 3, 1, 0.6666666667, 0.2995071304)]"
j track summary --year 115
expect_out "summary text" "追蹤 7 筆，未結案 5 筆，逾期 1 筆（占未結案 20.0%）"
expect_out "summary aging" "未到期 4 筆，逾期1–30日 0 筆，逾期31–90日 1 筆，逾期逾90日 0 筆"
expect_out "summary median not reached" "中位數：未達（尚未半數結案）"
j track summary
expect_rc "summary needs --year" 2

# --- policy ---------------------------------------------------------------------------
j track policy
expect_out "policy shows the defaults" "partial_months        6  月    部分符合事項：報告後幾個月內完成改善"
j track policy set partial_months 4
expect_rc "policy set" 0
expect_out "policy set says what changed" "partial_months = 4 months (was 6); run 'jaudit track sync --year <year>' to redate the records that follow the policy"
j track sync --year 115
expect_out "sync redates what follows the policy (115-01-C02, 115-02-C04, 115-03-C01)" "redated 3"
j track history 115-03-C01 --format json
expect_eq "the redate is in the history" "$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["history"][-1]; print(e["action"], e["old_due"], e["new_due"])' "$TMP/out")" "policy 2027-03-28 2027-01-28"
j track policy set nothing 3
expect_rc "unknown policy key" 2
expect_err "names the keys" "'nothing' is not a policy key; expected one of report_months plan_months noncompliant_months partial_months notify_months documents_days contracts_days soon_days"
j track policy set plan_months 500
expect_rc "policy value too large" 2

# --- correction by re-ingest ------------------------------------------------------------
sqlite3 "$JAUDIT_DB" "UPDATE results SET rating = 'compliant', finding = '' WHERE session = '115-03' AND item = 'C01'"
j track sync --year 115
expect_out "sync closes the corrected finding" "closed as corrected 1"
j track history 115-03-C01 --format json
expect_eq "auto-close reason in the history" "$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["history"][-1]; print(e["action"], e["new_status"], e["date"], e["note"])' "$TMP/out")" "corrected closed 2026-11-20 重新匯入之稽核結果更正為符合，自動結案"
expect_eq "the record is kept" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM remediation")" 7

# a form sent in Big5
printf '追蹤編號,狀態,日期,填報人,說明\r\n115-02-S01-K1,待驗證,115/11/19,衛福部承辦,長照平台密碼已改雜湊儲存\r\n' | iconv -f utf-8 -t big5 > "$TMP/big5.csv"
j track import --encoding utf-8 "$TMP/big5.csv"
expect_rc "a Big5 form under --encoding utf-8" 1
j track import "$TMP/big5.csv"
expect_rc "a Big5 form without --encoding: told by validity" 0
expect_err "said once" "big5.csv: 讀入時視為 Big5 編碼"
expect_out "the Big5 form is read" "big5.csv: 1 updates recorded"
j track import --encoding big5 "$TMP/big5.csv"
expect_rc "a Big5 form with --encoding big5" 0
expect_out "the same form again" "big5.csv: 0 updates recorded, 1 already recorded"
expect_eq "its Chinese text is kept" "$(sqlite3 "$JAUDIT_DB" "SELECT actor || ' ' || note FROM remediation_history WHERE record = '115-02-S01-K1' ORDER BY seq DESC LIMIT 1")" "衛福部承辦 長照平台密碼已改雜湊儲存"
j track
expect_rc "track without a subcommand" 2
j track frob
expect_rc "unknown subcommand" 2
expect_err "names the subcommands" "'frob' is not a track subcommand; expected sync, set, import, list, history, summary, remind or policy"

done_testing
