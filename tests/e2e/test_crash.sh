#!/bin/sh
# Crash safety: `jaudit ingest` of a large NDJSON file and `jaudit track
# import` of a large updates form are killed with SIGKILL at 20 moments
# spread over their run time.  After each kill the database must pass
# PRAGMA integrity_check and `jaudit check`, and hold either all of the
# file or none of it.
. "$(dirname "$0")/lib.sh"

# under valgrind (make check-valgrind) a few kill points suffice: memory is
# what is checked there, and each `jaudit check` is slow
if [ "${JAUDIT_VALGRIND:-}" = 1 ]; then KILLS=${CRASH_KILLS:-4}; else KILLS=${CRASH_KILLS:-20}; fi
SESSIONS=${CRASH_SESSIONS:-400}
UPDATES=${CRASH_UPDATES:-1500}	# records updated, two rows each
python3 "$ROOT/tools/gen_year.py" year "$TMP" "$SESSIONS"

j init
j ingest --year 115 "$TMP/vendors.csv"
expect_rc "the vendors load" 0
cp "$JAUDIT_DB" "$TMP/base.db"

# restore DB from a copy, with no -wal or -shm left by a killed process
restore() {
	rm -f "$JAUDIT_DB" "$JAUDIT_DB-wal" "$JAUDIT_DB-shm" "$JAUDIT_DB-journal"
	cp "$1" "$JAUDIT_DB"
}

# elapsed SECONDS as a decimal, for `sleep`
now() { date +%s.%N; }
span() { echo "$1 $2" | awk '{printf "%.3f", $2 - $1}'; }
at() { echo "$1 $2 $3" | awk '{printf "%.3f", $1 * $2 / $3}'; }

# kill_run NAME CMD...: run CMD in the background and kill it after $delay s;
# sets $killed to 1 if it was still running
kill_run() {
	"$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	killed=0
	if kill -9 "$pid" 2>/dev/null; then
		killed=1
	fi
	wait "$pid" 2>/dev/null
}

# --- ingest ------------------------------------------------------------------
t0=$(now)
"$JAUDIT" ingest "$TMP/sessions.ndjson" >/dev/null 2>&1
rc=$?
t1=$(now)
expect_rc "the whole file loads when left alone" 0
full=$(span "$t0" "$t1")
all=$(sqlite3 "$JAUDIT_DB" "SELECT count(*) || '/' || (SELECT count(*) FROM results) FROM sessions")
expect_eq "all sessions present after a full run" "${all%/*}" "$SESSIONS"

absent=0 present=0 survived=0
i=1
while [ $i -le $KILLS ]; do
	restore "$TMP/base.db"
	delay=$(at "$full" $i $KILLS)
	kill_run "$JAUDIT" ingest "$TMP/sessions.ndjson"
	ic=$(sqlite3 "$JAUDIT_DB" 'PRAGMA integrity_check')
	expect_eq "ingest killed at ${delay}s: integrity_check" "$ic" ok
	got=$(sqlite3 "$JAUDIT_DB" "SELECT count(*) || '/' || (SELECT count(*) FROM results) FROM sessions")
	case "$got" in
	0/0) absent=$((absent + 1)); ok "ingest killed at ${delay}s: none of the file" ;;
	"$all") present=$((present + 1)); ok "ingest killed at ${delay}s: all of the file" ;;
	*) not_ok "ingest killed at ${delay}s: all or nothing" "sessions/results $got, expected 0/0 or $all" ;;
	esac
	j check
	expect_rc "ingest killed at ${delay}s: jaudit check" 0
	[ "$killed" = 1 ] && survived=$((survived + 1))
	i=$((i + 1))
done
echo "crash: ingest of $SESSIONS sessions (${full}s): $survived kills mid-run, $absent left nothing, $present left everything"
expect_eq "most kills land while ingest runs" "$([ $survived -ge $((KILLS / 2)) ] && echo yes)" yes

# --- track import ------------------------------------------------------------
restore "$TMP/base.db"
j ingest "$TMP/sessions.ndjson"
j track sync --year 115
expect_rc "sync" 0
sqlite3 "$JAUDIT_DB" "SELECT id FROM remediation ORDER BY id LIMIT $UPDATES" |
	python3 "$ROOT/tools/gen_year.py" updates "$TMP/updates.csv" 115/07/01 115/08/01
cp "$JAUDIT_DB" "$TMP/synced.db"
before=$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM remediation_history")
t0=$(now)
"$JAUDIT" track import "$TMP/updates.csv" >/dev/null 2>&1
rc=$?
t1=$(now)
expect_rc "the whole form applies when left alone" 0
full=$(span "$t0" "$t1")
after=$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM remediation_history")
expect_eq "every row is in the history" "$after" $((before + 2 * UPDATES))

absent=0 present=0 survived=0
i=1
while [ $i -le $KILLS ]; do
	restore "$TMP/synced.db"
	delay=$(at "$full" $i $KILLS)
	kill_run "$JAUDIT" track import "$TMP/updates.csv"
	ic=$(sqlite3 "$JAUDIT_DB" 'PRAGMA integrity_check')
	expect_eq "import killed at ${delay}s: integrity_check" "$ic" ok
	got=$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM remediation_history")
	pending=$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM remediation WHERE status = 'pending_verification'")
	if [ "$got" = "$before" ] && [ "$pending" = 0 ]; then
		absent=$((absent + 1)); ok "import killed at ${delay}s: none of the form"
	elif [ "$got" = "$after" ] && [ "$pending" = "$UPDATES" ]; then
		present=$((present + 1)); ok "import killed at ${delay}s: all of the form"
	else
		not_ok "import killed at ${delay}s: all or nothing" "history $got (expected $before or $after), $pending pending"
	fi
	j check
	expect_rc "import killed at ${delay}s: jaudit check" 0
	[ "$killed" = 1 ] && survived=$((survived + 1))
	i=$((i + 1))
done
echo "crash: track import of $((2 * UPDATES)) rows (${full}s): $survived kills mid-run, $absent left nothing, $present left everything"
expect_eq "most kills land while import runs" "$([ $survived -ge $((KILLS / 2)) ] && echo yes)" yes

done_testing
