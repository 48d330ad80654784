#!/bin/sh
# End-to-end: jaudit plot over the sample years (examples/): every chart as
# PNG and SVG, the Chinese labels in the SVG text, vendors anonymised,
# --keep-scripts, and the errors a clerk can meet.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sample_year.sh"

need_gnuplot
# a private TMPDIR, to see that jaudit leaves no temporary directory behind
export TMPDIR="$TMP/tmp"
mkdir "$TMPDIR"
load_sample_years || { not_ok "the sample years load"; done_testing; exit 1; }
OUT="$TMP/charts"

# before any record has moved, the remediation charts still draw; with none
# at all they are skipped, and say why
j plot all --year 114 --out "$TMP/y114" --format svg
expect_rc "plot all for a year without tracking" 0
expect_out "skips status and says why" "skipped status: the year has no remediation records (run 'jaudit track sync')"
expect_out "draws the common chart" "wrote $TMP/y114/common.svg"

j plot all --year 115 --out "$OUT"
expect_rc "plot all png" 0
for c in common dimensions heatmap funnel trend status burndown closure; do
	expect_out "all wrote $c.png" "wrote $OUT/$c.png"
	f="$OUT/$c.png"
	if [ -s "$f" ] && [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = "211PNG" ]; then
		ok "$c.png is a PNG"
	else
		not_ok "$c.png is a PNG" "$(ls -l "$f" 2>&1)"
	fi
done
expect_eq "only images are left without --keep-scripts" "$(ls "$OUT" | grep -cv '\.png$')" 0

j plot all --year 115 --out "$OUT" --format svg
expect_rc "plot all svg" 0
svg_has() {	# svg_has NAME CHART TEXT
	if grep -qF -- "$3" "$OUT/$2.svg"; then ok "$1"; else not_ok "$1" "$2.svg lacks: $3"; fi
}
svg_has "common title" common "115年度 各檢核項目之發現事項比率（95% Wilson 信賴區間）"
svg_has "common item label" common "<text>C04 組態與資料交換</text>"
svg_has "common k/n of C04 (10 of 12 vendors)" common "<text>10/12</text>"
svg_has "common p0 line" common "p0 = 30%"
svg_has "dimensions label" dimensions "<text>事件通報應變</text>"
svg_has "a 構面 of both categories is told apart" dimensions "<text>組態與資料交換（共通性）</text>"
svg_has "heatmap anonymised" heatmap "<text>廠商A</text>"
svg_has "heatmap item code" heatmap "<text>S17</text>"
svg_has "trend years" trend "113–115年度"
svg_has "status owner" status "<text>交通部中央氣象署</text>"
svg_has "status legend" status "<text>風險接受</text>"
svg_has "status as of" status "截至115年11月20日"
svg_has "burndown month" burndown "<text>115/06</text>"
svg_has "closure title" closure "Kaplan–Meier，89 件，已結案 15 件"
if grep -q "股份有限公司" "$OUT/heatmap.svg"; then not_ok "heatmap shows no vendor name"; else ok "heatmap shows no vendor name"; fi
# The funnel of 115, counted in SQL from session_items: 310 applicable
# vendor-items, 84 with a finding, p0 = 27.1%; 廠商A (22000004, the most
# findings) 12 of 25 = 48%.  qbinom(c(.001,.025,.975,.999), 25, 84/310) is
# 1, 3, 11, 14 (exact, Python fractions): 48% is above 11/25 = 44%, so
# outside 95%, and below 13/25 = 52%, under the 99.8% line (between 13/25
# and 14/25 once interpolated).  The only vendor outside 95%.
svg_has "funnel title" funnel "115年度 各廠商有發現事項之項目比率（漏斗圖，全體比率 27.1%）"
svg_has "funnel labels 廠商A" funnel "<text>廠商A</text>"
if grep -q "股份有限公司" "$OUT/funnel.svg"; then not_ok "funnel shows no vendor name"; else ok "funnel shows no vendor name"; fi
j plot funnel --year 115 --out "$TMP/funnel" --keep-scripts
expect_rc "plot funnel --keep-scripts" 0
expect_eq "funnel: 廠商A at n 25, 48%, outside 95% only, alone there" \
	"$(grep -v '^#' "$TMP/funnel/funnel.dat" | awk -F'\t' '$3 > 0')" "$(printf '25\t48\t1\t1\t"廠商A"')"
expect_eq "funnel: 8 points (the 12 vendors, those at one n and k drawn once)" \
	"$(grep -vc '^#' "$TMP/funnel/funnel.dat")" 8
expect_eq "funnel: the points hold the 12 vendors" "$(awk -F'\t' '!/^#/ { n += $4 } END { print n }' "$TMP/funnel/funnel.dat")" 12
expect_eq "funnel: the limits at n 25 lie between the quantile steps 0/25-1/25, 2/25-3/25, 10/25-11/25, 13/25-14/25" \
	"$(awk -F'\t' '$1 == 25 { print ($2 >= 0 && $2 <= 4) ($3 > 8 && $3 <= 12) ($4 > 40 && $4 <= 44) ($5 > 52 && $5 <= 56) }' "$TMP/funnel/funnel_limits.dat")" 1111
for c in common dimensions heatmap funnel trend status burndown closure; do
	if grep -q 'font-family="Noto Sans CJK TC"' "$OUT/$c.svg"; then ok "$c uses the CJK font"; else not_ok "$c uses the CJK font"; fi
done

# --names, with a name that has quotes, an apostrophe and markup
taxid=$(sqlite3 "$JAUDIT_DB" "SELECT taxid FROM vendors WHERE name LIKE '博碩%'")
sqlite3 "$JAUDIT_DB" "UPDATE vendors SET name = '\"博碩\" 軟體 & Co''s <A>' WHERE taxid = '$taxid'"
j plot heatmap --year 115 --out "$TMP/names" --format svg --names --keep-scripts
expect_rc "heatmap --names" 0
if grep -qF '<text>"博碩" 軟體 &amp; Co'"'"'s &lt;A></text>' "$TMP/names/heatmap.svg"; then
	ok "a name with quotes reaches the chart intact"
else
	not_ok "a name with quotes reaches the chart intact" "$(grep -o '<text>[^<]*博碩[^<]*</text>' "$TMP/names/heatmap.svg")"
fi
expect_eq "--keep-scripts keeps the script and data" "$(ls "$TMP/names" | sort | tr '\n' ' ')" \
	"heatmap.dat heatmap.gp heatmap.svg heatmap_items.dat heatmap_vendors.dat "
if grep -q "博碩" "$TMP/names/heatmap.gp"; then not_ok "names are only in the data files"; else ok "names are only in the data files"; fi
rm "$TMP/names/heatmap.svg"
(cd "$TMP/names" && gnuplot heatmap.gp) 2>"$TMP/gp.err"
if [ -s "$TMP/names/heatmap.svg" ]; then ok "a kept script redraws its chart"; else not_ok "a kept script redraws its chart" "$(cat "$TMP/gp.err")"; fi

j plot common --year 115 --out "$TMP/en" --format svg --lang en
expect_rc "plot --lang en" 0
if grep -qF "Year 115: vendors with a finding, by item" "$TMP/en/common.svg"; then ok "English title"; else not_ok "English title"; fi
j plot trend --from 114 --to 115 --item S03 --out "$TMP/en" --format svg
expect_rc "trend of one item" 0
if grep -qF "<text>S03 帳號密碼管理</text>" "$TMP/en/trend.svg" && ! grep -qF "C04 組態" "$TMP/en/trend.svg"; then
	ok "the trend of one item shows that item only"
else
	not_ok "the trend of one item shows that item only"
fi

# an output directory whose name has spaces, quotes and Chinese
odd="$TMP/圖 a dir 'x\"y"
j plot dimensions --year 115 --out "$odd"
expect_rc "an odd --out directory" 0
if [ -s "$odd/dimensions.png" ]; then ok "the chart is in the odd directory"; else not_ok "the chart is in the odd directory"; fi

# errors
"$JAUDIT" init --year 116 >/dev/null
j plot common --year 116 --out "$OUT"
expect_rc "a year without results" 1
expect_err "says so" "jaudit: cannot draw the common chart of year 116: the year has no results"
j plot pie --year 115 --out "$OUT"
expect_rc "an unknown chart" 2
expect_err "names the charts" "jaudit: 'pie' is not a chart; give one of common, dimensions, heatmap, funnel, trend, status, burndown, closure, all"
j plot common --year 115
expect_rc "no --out" 2
expect_err "asks for --out" "jaudit: --out is required: the directory to write into"
j plot common --out "$OUT"
expect_rc "no --year" 2
j plot common --year 115 --out "$OUT" --format jpg
expect_rc "a bad --format" 2
expect_err "names the formats" "jaudit: --format: 'jpg' is not png or svg"
j plot trend --from 115 --to 115 --out "$OUT"
expect_rc "a trend of one year" 1
expect_err "says why" "jaudit: cannot draw the trend chart of year 115: the database holds the results of one year only"
touch "$TMP/afile"
j plot common --year 115 --out "$TMP/afile"
expect_rc "--out is a file" 1
expect_err "says so" "jaudit: --out '$TMP/afile' is not a directory"
# a PATH without gnuplot (with valgrind, when the tests run under it)
mkdir "$TMP/bin"
if command -v valgrind >/dev/null 2>&1; then
	for v in valgrind valgrind.bin; do
		ln -s "$(dirname "$(command -v valgrind)")/$v" "$TMP/bin/$v"
	done
fi
PATH="$TMP/bin" j plot common --year 115 --out "$TMP/nognuplot"
expect_rc "gnuplot missing" 1
expect_err "names the package" "jaudit: gnuplot is not installed (no 'gnuplot' in PATH); install the Debian package gnuplot-nox: sudo apt-get install gnuplot-nox"
expect_eq "nothing is written without gnuplot" "$(ls "$TMP/nognuplot" | wc -l)" 0
PATH="$TMP/bin" j plot all --year 115 --out "$TMP/nognuplot"
expect_rc "plot all without gnuplot" 1
expect_eq "plot all says it once" "$(grep -c 'gnuplot is not installed' "$TMP/err")" 1
expect_eq "no temporary directory is left behind" "$(ls "$TMPDIR" | wc -l)" 0

done_testing
