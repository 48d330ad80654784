#!/bin/sh
# End-to-end: analyze and trend over the fixture years 113-115
# (tests/data/analysis/; what each holds is described in tests/test_analysis.c).
# Expected figures are R 4.2.2's (sprintf("%.15g")), compared to 1e-9 relative.
. "$(dirname "$0")/lib.sh"

# jv NAME FILE PYEXPR EXPECTED: the Python expression over the document d
# (a path such as ['items'][0]['rate'] is taken from d) equals the JSON
# EXPECTED: numbers to 1e-9 relative, in lists too; null, booleans, strings exactly
jv() {
	got=$(python3 - "$2" "$3" "$4" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
expr = sys.argv[2]
v = eval("d" + expr if expr.startswith("['") else expr)
want = json.loads(sys.argv[3])
def same(a, b):
    num = lambda x: isinstance(x, (int, float)) and not isinstance(x, bool)
    if num(a) and num(b):
        return a == b or abs(a - b) <= 1e-9 * abs(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b
print("ok" if same(v, want) else "got %r" % (v,))
EOF
)
	expect_eq "$1" "$got" ok
}

for y in 113 114 115 116; do
	j init --year $y
done
for y in 113 114 115; do
	sqlite3 "$JAUDIT_DB" < "$DATA/analysis/year$y.sql" || not_ok "load fixture $y"
done
before=$(dump)

j analyze --year 115 --format json
expect_rc "analyze json" 0
cp "$TMP/out" "$TMP/a.json"
A="$TMP/a.json"
jv "year" "$A" "['year']" 115
jv "vendors" "$A" "['vendors']" 10
jv "first item is C03" "$A" "['items'][0]['code']" '"C03"'
jv "C03 k = n: upper end 1" "$A" "['items'][0]['ci_high']" 1
jv "C03 Wilson lower, prop.test(10, 10)" "$A" "['items'][0]['ci_low']" 0.722467200137111
jv "C03 q, p.adjust BH" "$A" "['items'][0]['q_value']" 0.0001535274
jv "C03 common" "$A" "['items'][0]['common']" true
jv "C05 second" "$A" "['items'][1]['code']" '"C05"'
jv "C05 p, binom.test(8, 10, 0.3, 'greater')" "$A" "['items'][1]['p_value']" 0.0015903864
jv "C05 q" "$A" "['items'][1]['q_value']" 0.0206750232
jv "S03 q, not common" "$A" "['items'][2]['q_value']" 0.4103578908
jv "S03 common false" "$A" "['items'][2]['common']" false
jv "S01 fourth: the worst over contracts" "$A" "['items'][3]['code']" '"S01"'
jv "S01 n without the all-na vendor" "$A" "['items'][3]['n']" 9
jv "S01 Wilson high, prop.test(3, 9)" "$A" "['items'][3]['ci_high']" 0.645797864419604
jv "C01 fifth" "$A" "['items'][4]['code']" '"C01"'
jv "C01 Wilson low (STATS.md)" "$A" "['items'][4]['ci_low']" 0.1077912674
jv "C01 Wilson high (STATS.md)" "$A" "['items'][4]['ci_high']" 0.6032218525
jv "C01 p, binom.test(3, 10, 0.3, 'greater')" "$A" "['items'][4]['p_value']" 0.6172172136
jv "C04 n = 0 last" "$A" "['items'][26]['code']" '"C04"'
jv "C04 rate null" "$A" "['items'][26]['rate']" null
jv "C04 p null" "$A" "['items'][26]['p_value']" null
jv "C04 not common" "$A" "['items'][26]['common']" false
jv "dimension of C01 and C02" "$A" "[[g for g in d['dimensions'] if g['dimension'] == '電腦使用限制與設備認證管理'][0]['k']]" '[3]'
jv "specific category: 6 vendors" "$A" "[[g['k'] for g in d['categories'] if g['category'] == 'specific'][0]]" '[6]'
jv "ranked first, shared rank" "$A" "[[v['taxid'], v['rank']] for v in d['vendors_ranked'][:3]]" '[["10000001", 1], ["10000003", 1], ["10000002", 3]]'
jv "pairs listed" "$A" "[len(d['pairs'])]" '[10]'
jv "C05-S03 phi" "$A" "[[p['phi'] for p in d['pairs'] if p['a'] == 'C05' and p['b'] == 'S03'][0]]" '[0.612372435696]'
jv "C05-S03 Fisher p, fisher.test" "$A" "[[p['p_value'] for p in d['pairs'] if p['a'] == 'C05' and p['b'] == 'S03'][0]]" '[0.133333333333333]'
jv "Krippendorff ordinal" "$A" "['agreement']['krippendorff']['alpha']" 0.811358771146916
jv "Fleiss kappa" "$A" "['agreement']['fleiss']['kappa']" 0.333333333333333
jv "Fleiss z" "$A" "['agreement']['fleiss']['z']" 2.26455406828919
jv "Fleiss subjects" "$A" "['agreement']['fleiss']['subjects']" 8
jv "parameters" "$A" "['parameters']" '{"year": 115, "ci": "wilson", "level": 0.95, "p0": 0.3, "alpha": 0.05, "strict": false, "category": null, "top_pairs": 10}'

j analyze --year 115 --format json --ci exact --strict --top-pairs 3
expect_rc "analyze json exact strict" 0
cp "$TMP/out" "$TMP/b.json"
jv "exact C02 upper, binom.test(0, 10)" "$TMP/b.json" "[[i['ci_high'] for i in d['items'] if i['code'] == 'C02'][0]]" '[0.308497107819]'
jv "exact C03 lower, binom.test(10, 10)" "$TMP/b.json" "['items'][0]['ci_low']" 0.691502892181
jv "strict C05 k" "$TMP/b.json" "[[i['k'] for i in d['items'] if i['code'] == 'C05'][0]]" '[5]'
jv "strict C05 p, binom.test(5, 10, 0.3, 'greater')" "$TMP/b.json" "[[i['p_value'] for i in d['items'] if i['code'] == 'C05'][0]]" '[0.1502683326]'
jv "top pairs 3" "$TMP/b.json" "[len(d['pairs'])]" '[3]'
jv "parameters say so" "$TMP/b.json" "[d['parameters']['ci'], d['parameters']['strict']]" '["exact", true]'

j analyze --year 115 --format json --category specific --level 0.9 --p0 0.1 --alpha 0.1
expect_rc "analyze specific" 0
jv "17 specific items" "$TMP/out" "[len(d['items'])]" '[17]'
jv "S01 Wilson 90%, prop.test(3, 9, conf.level = 0.9)" "$TMP/out" "[[i['ci_low'] for i in d['items'] if i['code'] == 'S01'][0]]" '[0.141970901794995]'

j analyze --year 115
expect_rc "analyze text" 0
expect_out "text title" "115年度 共同發現事項分析：受稽核廠商 10 家"
expect_out "text counts the common findings" "檢核項目（共同發現事項 2 項）"
expect_out "text row for C03" "C03   共通性    可攜式媒體      10  10  100.0%  72.2% - 100.0%  <0.0001  0.0002  是"
expect_out "text n = 0 row" "C04   共通性    組態與資料交換   0   0       -               -        -       -"
expect_out "text ranks" "   1  10000003  廠商03股份有限公司         6       2         4        25"
expect_out "text agreement" "Fleiss' kappa：0.333（8 個受評單位，每單位 3 位委員；z = 2.26，p = 0.0118）"
j analyze --year 115 --lang en
expect_out "english title" "Common findings of year 115: 10 vendors audited"
expect_out "english header" "item  category           dimension"

j analyze --year 115 --format csv --lang en
expect_eq "csv english header" "$(head -1 "$TMP/out" | tr -d '\r')" "$(printf '\357\273\277')code,category,dimension,question,n,k,rate,ci_low,ci_high,p_value,q_value,common"
j analyze --year 115 --format csv
expect_rc "analyze csv" 0
expect_eq "csv BOM and header" "$(head -1 "$TMP/out" | tr -d '\r')" "$(printf '\357\273\277')項目代碼,類別,構面,檢核項目,適用廠商數,發現廠商數,比率,信賴下限,信賴上限,p值,q值,共同發現事項"
expect_eq "csv 27 items" "$(wc -l < "$TMP/out")" 28
expect_eq "csv C04 empty statistics" "$(grep '^C04,' "$TMP/out" | cut -d, -f5-12 | tr -d '\r')" "0,0,,,,,,否"
expect_eq "csv C01 figures" "$(grep '^C01,' "$TMP/out" | cut -d, -f5-9 | tr -d '\r')" "10,3,0.3,0.107791267406301,0.603221852538855"

j analyze --year 116 --format json
expect_rc "a year without results" 0
jv "no vendors" "$TMP/out" "[d['vendors'], len(d['vendors_ranked']), len(d['pairs'])]" '[0, 0, 0]'
jv "n = 0 everywhere, null statistics" "$TMP/out" "[sum(i['n'] for i in d['items']), d['items'][0]['q_value']]" '[0, null]'
jv "no agreement" "$TMP/out" "['agreement']['available']" false
j analyze --year 116
expect_out "text says there are no results" "本年度尚無稽核結果"

j analyze --year 112
expect_rc "a year without a checklist" 1
expect_err "says how to get one" "jaudit: year 112 is not in the database (it has no checklist); run 'jaudit init --year 112' first"
j analyze
expect_rc "missing --year" 2
expect_err "missing --year message" "jaudit: --year is required"
j analyze --year 115 --ci bayes
expect_rc "bad --ci" 2
expect_err "bad --ci message" "jaudit: --ci: 'bayes' is not wilson or exact"
j analyze --year 115 --level 95
expect_rc "bad --level" 2
expect_err "bad --level message" "jaudit: --level: '95' is not a number between 0 and 1"
j analyze --year 115 --category other
expect_rc "bad --category" 2
expect_err "bad --category message" "jaudit: --category: 'other' is not common or specific"
j analyze --year 115 --top-pairs -1
expect_rc "bad --top-pairs" 2

j trend --from 113 --to 115 --format json
expect_rc "trend json" 0
cp "$TMP/out" "$TMP/t.json"
T="$TMP/t.json"
jv "three years" "$T" "[[y['year'] for y in d['years']]]" '[[113, 114, 115]]'
jv "113 mean findings, t.test" "$T" "[d['years'][0]['mean_findings'], d['years'][0]['mean_low'], d['years'][0]['mean_high']]" '[2.125, 1.8294219685509, 2.4205780314491]'
jv "C01 prop.trend.test statistic" "$T" "[[i['trend_chisq'] for i in d['items'] if i['code'] == 'C01'][0]]" '[0.784232365145229]'
jv "C01 prop.trend.test p" "$T" "[[i['trend_p'] for i in d['items'] if i['code'] == 'C01'][0]]" '[0.375849849531785]'
jv "C05 BH q across items" "$T" "[[i['trend_q'] for i in d['items'] if i['code'] == 'C05'][0]]" '[0.292967301880592]'
jv "C05 Fisher 113 vs 114" "$T" "[[i['points'][1]['fisher_p'] for i in d['items'] if i['code'] == 'C05'][0]]" '[0.470588235294118]'
jv "S03 p" "$T" "[[i['trend_p'] for i in d['items'] if i['code'] == 'S03'][0]]" '[0.0015628849366777]'
jv "C01 weighted slope, lm(weights = n)" "$T" "[[i['slope'] for i in d['items'] if i['code'] == 'C01'][0]]" '[0.0871369294605801]'
jv "C03 constant: null trend" "$T" "[[i['trend_p'] for i in d['items'] if i['code'] == 'C03'][0]]" '[null]'

j trend --from 113 --to 115 --item C01
expect_rc "trend text" 0
expect_out "trend title" "113至115年度 共同發現事項趨勢"
expect_out "trend C01 row" "C01    113   8  1  12.5%   2.2% - 47.1%            -    0.3758 (0.3758)  +8.7 百分點"
j trend --from 113 --to 115 --item c01 --format csv --lang en
expect_rc "trend csv" 0
expect_eq "trend csv rows" "$(wc -l < "$TMP/out")" 4
expect_eq "trend csv english header" "$(head -1 "$TMP/out" | tr -d '\r')" "$(printf '\357\273\277')code,dimension,year,n,k,rate,ci_low,ci_high,fisher_p,trend_chisq,trend_p,trend_q,slope,slope_se"
expect_eq "trend csv C01 115" "$(sed -n 4p "$TMP/out" | cut -d, -f1,3-6 | tr -d '\r')" "C01,115,10,3,0.3"
j trend --from 2024 --to 2026 --item C01 --format json
jv "trend parameters name the item" "$TMP/out" "['parameters']" '{"from": 113, "to": 115, "item": "C01", "ci": "wilson", "level": 0.95, "alpha": 0.05, "strict": false, "category": null}'

j trend --from 115 --to 113
expect_rc "trend backwards" 2
expect_err "trend backwards message" "jaudit: --from 115 is after --to 113"
j trend --from 113 --to 115 --item C99
expect_rc "trend unknown item" 1
expect_err "trend unknown item message" "jaudit: item 'C99' is in no checklist of the years 113 to 115"

expect_eq "analyze and trend change nothing" "$(dump)" "$before"

done_testing
