#!/bin/sh
# End-to-end: the vendors across the years and within the year over the
# sample years 113-115 of examples/ (tests/e2e/sample_year.sh):
# trend --repeats in text, CSV and JSON, and its appendix in the report.
# Intervals are Wilson's, as R's prop.test(k, n, correct = FALSE)$conf.int,
# computed for these tests by the closed form
# (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n) in Python with
# z = statistics.NormalDist().inv_cdf(0.975):
#   66/151: 0.3605029302532715, 0.5167909150468949
#   10/13:  0.49743624053272506, 0.9182047128150144
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sample_year.sh"

load_sample_years || { not_ok "the sample years load"; done_testing; exit 1; }

# py NAME FILE EXPR: the Python expression over the JSON document d is True
py() {
	got=$(python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print('ok' if ($3) else 'no: %r' % (d,))" "$2" 2>&1 | cut -c1-300)
	expect_eq "$1" "$got" ok
}
close() {	# a Python expression: |a - b| <= 1e-9 |b|
	echo "abs(($1) - ($2)) <= 1e-9 * abs($2)"
}

# 22000004 failed C04 in 114 and again in 115: its 114 record closed before
# the 115 audit (115-04 on 2026-06-12) is "closed then failed"
j track sync --year 114
j track set 114-05-C04 改善中 --date 114/07/20 --by 王小明
j track set 114-05-C04 待驗證 --date 114/08/01 --by 王小明 --evidence 報告1
j track set 114-05-C04 已結案 --date 114/08/20 --by 李大華
expect_rc "114-05-C04 closed" 0

before=$(dump)
j trend --from 113 --to 115 --repeats
expect_rc "trend --repeats" 0
expect_out "the title" "113至115年度 同一廠商同一項目之重複發現：受稽核兩個年度以上之廠商 10 家"
expect_out "the total row: 66 repeated, 85 fixed, 54 new, 43.7%" "全部                        66      85      54   191   43.7%  36.1% - 51.7%             1"
expect_out "the closed-then-failed record" "114-05-C04  22000004  群曜資訊股份有限公司  C04   114年8月20日  115年6月12日"
expect_out "a vendor's pair" "22000004  群曜資訊股份有限公司      C04   114→115  再次發現"
expect_eq "trend --repeats changes nothing" "$(dump)" "$before"

j trend --from 113 --to 115 --repeats --format json
expect_rc "trend --repeats --format json" 0
cp "$TMP/out" "$TMP/rep.json"
py "JSON: 10 vendors, 27 items" "$TMP/rep.json" "d['vendors'] == 10 and len(d['items']) == 27"
py "JSON: the total 66/151" "$TMP/rep.json" "d['total']['repeated'] == 66 and d['total']['fixed'] == 85 and $(close "d['total']['repeat_rate']" 66/151)"
py "JSON: the total's Wilson interval" "$TMP/rep.json" "$(close "d['total']['ci_low']" 0.3605029302532715) and $(close "d['total']['ci_high']" 0.5167909150468949)"
py "JSON: C04 10/13 and its interval" "$TMP/rep.json" "[i for i in d['items'] if i['code'] == 'C04'][0]['repeated'] == 10 and $(close "[i for i in d['items'] if i['code'] == 'C04'][0]['ci_low']" 0.49743624053272506) and $(close "[i for i in d['items'] if i['code'] == 'C04'][0]['ci_high']" 0.9182047128150144)"
py "JSON: closed then failed" "$TMP/rep.json" "[(c['record'], c['closed_on'], c['next_audit']) for c in d['closed_then_failed']] == [('114-05-C04', '2025-08-20', '2026-06-12')]"
py "JSON: the pairs add up" "$TMP/rep.json" "len(d['vendors_items']) == 66 + 85 + 54"

j trend --from 113 --to 115 --repeats --format csv --lang en
expect_rc "trend --repeats --format csv" 0
expect_eq "CSV header" "$(head -1 "$TMP/out" | tr -d '\r')" "$(printf '\357\273\277')code,dimension,repeated,fixed,new,clean,repeat_rate,ci_low,ci_high,closed_then_failed"
expect_eq "CSV: 27 items and the total" "$(($(wc -l < "$TMP/out") - 1))" 28
expect_eq "CSV: C04" "$(grep '^C04,' "$TMP/out" | tr -d '\r')" "C04,重要資訊組態與資料交換之安全管控,10,3,3,2,0.769230769230769,0.497436240532725,0.918204712815014,1"

j trend --from 113 --to 115 --repeats --item C01
expect_rc "--repeats with --item is a usage error" 2
j trend --from 117 --to 118 --repeats
expect_rc "--repeats over years without a checklist" 1
expect_err "says so" "jaudit: no year from 117 to 118 has a checklist"

if command -v gnuplot >/dev/null 2>&1; then
	j report --year 115 --out "$TMP/report" --as-of 115/11/20 --public
	expect_rc "report" 0
	page="$TMP/report/index.html"
	if grep -qF '<section id="repeats-section">' "$page"; then ok "the appendix"; else not_ok "the appendix"; fi
	if grep -qF '<td class="c">114-05-C04</td>' "$page"; then ok "the appendix lists 114-05-C04"; else not_ok "the appendix lists 114-05-C04"; fi
	expect_eq "repeats.csv: the total" "$(grep '^全部,' "$TMP/report/repeats.csv" | tr -d '\r')" "全部,66,85,54,0.4370860927,0.3605029303,0.516790915,1"
	# the appendix uses codes (the internal edition names the vendors only in
	# 二之二, the heat map's key; this is the public edition, which names none)
	if sed -n '/<section id="repeats-section">/,/<\/section>/p' "$page" | grep -q "股份有限公司"; then
		not_ok "no vendor name in the appendix"
	else
		ok "no vendor name in the appendix"
	fi
	if grep -q "股份有限公司" "$page"; then not_ok "no vendor name in the public edition"; else ok "no vendor name in the public edition"; fi
fi

done_testing
