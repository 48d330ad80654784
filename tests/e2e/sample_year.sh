# Sourced by the chart and report tests (after lib.sh): the sample years
# 113-115 of examples/ loaded into $JAUDIT_DB, the 115 findings tracked and
# some of them carried through to 已結案 (one 風險接受), so that every chart
# has something to draw.
load_sample_years() {
	_ex="$ROOT/examples"
	{
		"$JAUDIT" init --year 115 &&
		"$JAUDIT" init --year 113 &&
		"$JAUDIT" init --year 114 &&
		"$JAUDIT" ingest --year 113 "$_ex/vendors-113.csv" &&
		"$JAUDIT" ingest --year 114 "$_ex/vendors-114.csv" &&
		"$JAUDIT" ingest --year 115 "$_ex/vendors-115.csv" &&
		"$JAUDIT" ingest --year 115 "$_ex/inventory-115.csv" &&
		"$JAUDIT" ingest "$_ex/authorizations-115-mof.csv" "$_ex/authorizations-115-mohw.csv" \
			"$_ex/authorizations-115-moi.csv" &&
		"$JAUDIT" ingest --encoding big5 "$_ex/authorizations-115-motc-big5.csv" &&
		"$JAUDIT" ingest "$_ex/auditors-115-mof.csv" "$_ex/auditors-115-mohw.csv" &&
		"$JAUDIT" ingest "$_ex/sessions-113.ndjson" "$_ex/sessions-114.ndjson" "$_ex/sessions-115.ndjson" &&
		"$JAUDIT" track sync --year 115
	} >"$TMP/load.out" 2>&1 || { cat "$TMP/load.out"; return 1; }
	# the records of the May-June sessions move on; every other one is closed
	_n=0
	printf '追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限,核准人\n' > "$TMP/updates.csv"
	for _id in $("$JAUDIT" track list --year 115 --format csv | tail -n +2 | cut -d, -f1 |
		grep -E '^115-0[1-4]-'); do
		_n=$((_n + 1))
		printf '%s,改善中,115/07/01,王小明,開始改善,,,\n' "$_id" >> "$TMP/updates.csv"
		if [ $((_n % 2)) -eq 0 ]; then
			printf '%s,待驗證,115/08/01,王小明,改善完成,報告%d,,\n' "$_id" "$_n" >> "$TMP/updates.csv"
			printf '%s,已結案,115/08/%02d,李大華,驗證通過,,,\n' "$_id" $((10 + _n % 15)) >> "$TMP/updates.csv"
		elif [ "$_n" -eq 3 ]; then
			printf '%s,風險接受,115/09/15,王小明,系統即將汰換,,,張主任\n' "$_id" >> "$TMP/updates.csv"
		fi
	done
	"$JAUDIT" track import "$TMP/updates.csv" >"$TMP/load.out" 2>&1 || { cat "$TMP/load.out"; return 1; }
}

# Skip the whole test, saying why, when gnuplot is not installed.
need_gnuplot() {
	if ! command -v gnuplot >/dev/null 2>&1; then
		echo "e2e: $E2E_NAME skipped: gnuplot is not installed (Debian package gnuplot-nox)"
		echo "e2e: 0 passed, 0 failed"
		exit 0
	fi
}
