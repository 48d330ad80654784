# Shared by the end-to-end tests: source it, call the checks, end with `done_testing`.
#   JAUDIT   the program under test (default ./jaudit at the repository root)
#   JAUDIT_VALGRIND=1   run it under valgrind's memcheck
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA="$ROOT/tests/data"
# The schema version this jaudit makes: the number of the last sql/NNN_*.sql
SCHEMA=$(ls "$ROOT"/sql/[0-9]*_*.sql | sed -n '$s|.*/0*\([0-9][0-9]*\)_.*|\1|p')
: "${JAUDIT:=$ROOT/jaudit}"
E2E_NAME=$(basename "$0" .sh)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/jaudit-$E2E_NAME.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export JAUDIT_DB="$TMP/test.db"
export JAUDIT_TODAY="${JAUDIT_TODAY:-115/11/20}"
_pass=0
_fail=0

# j ARGS...: run jaudit; stdout in $TMP/out, stderr in $TMP/err, status in $rc
j() {
	if [ "${JAUDIT_VALGRIND:-}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
			"$JAUDIT" "$@" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		# an error or a definite leak fails the test even where rc is not checked
		[ $rc -eq 99 ] && not_ok "memcheck: jaudit $*" "$(grep '^==' "$TMP/err" | head -30)"
		return 0
	else
		"$JAUDIT" "$@" >"$TMP/out" 2>"$TMP/err"
	fi
	rc=$?
}

ok() {	# ok NAME: pass
	_pass=$((_pass + 1))
}

not_ok() {	# not_ok NAME [DETAIL]
	_fail=$((_fail + 1))
	echo "not ok - $E2E_NAME: $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'
	return 0
}

# expect_rc NAME CODE: the last j returned CODE
expect_rc() {
	if [ "$rc" -eq "$2" ]; then ok "$1"; else not_ok "$1" "exit $rc, expected $2; stderr: $(cat "$TMP/err")"; fi
}

# expect_out NAME TEXT: stdout contains TEXT
expect_out() {
	if grep -qF -- "$2" "$TMP/out"; then ok "$1"; else not_ok "$1" "stdout lacks: $2
$(head -20 "$TMP/out")"; fi
}

# expect_err NAME TEXT: stderr contains TEXT
expect_err() {
	if grep -qF -- "$2" "$TMP/err"; then ok "$1"; else not_ok "$1" "stderr lacks: $2
$(head -20 "$TMP/err")"; fi
}

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2', expected '$3'"; fi
}

# dump: the whole database as SQL, for before/after comparisons
dump() {
	sqlite3 "$JAUDIT_DB" .dump
}

# gen_year ARGS...: the synthetic year generator (tools/gen_year.c)
gen_year() {
	"$ROOT/${BUILD:-build}/tools/gen_year" "$@" 2>/dev/null
}

# updates_form FILE COUNT OFFSET: a remediation-updates form moving COUNT
# records (from OFFSET, in id order) to 改善中 on 115/11/05 and then 待驗證 on
# 115/11/12 (after any audit date gen_year makes, before JAUDIT_TODAY)
updates_form() {
	{
		echo '追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限'
		sqlite3 -csv "$JAUDIT_DB" "WITH ids AS (SELECT id FROM remediation ORDER BY id LIMIT $2 OFFSET $3),
			steps(k, status, date, note) AS (VALUES (1, '改善中', '115/11/05', '開始改善'),
							       (2, '待驗證', '115/11/12', '改善完成'))
			SELECT id, status, date, '測試員', note, '', '' FROM ids, steps ORDER BY id, k"
	} > "$1"
}

done_testing() {
	echo "e2e: $_pass passed, $_fail failed"
	[ "$_fail" -eq 0 ]
}
