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
RESULTS=${CRASH_RESULTS:-18000}	# about 400 sessions
UPDATES=${CRASH_UPDATES:-1500}	# records updated, two rows each
gen_year --year 115 --vendors 400 --results "$RESULTS" --seed 7 "$TMP"
SESSIONS=$(wc -l < "$TMP/sessions-115.ndjson")

j init
j ingest --year 115 "$TMP/vendors-115.csv"
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

# kill_run CMD...: run CMD in the background and kill it after $delay s;
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

# state: what a run changes, as one line of numbers
state() { sqlite3 "$JAUDIT_DB" "$STATE_SQL"; }

# kill_points WHAT BASE CMD...: run CMD on a copy of BASE to the end (its
# time $full, the shorter of two runs; the state it leaves $all), then KILLS
# times killed at moments spread over that time; after each kill the
# database passes integrity_check and jaudit check and is in state $none or
# $all
kill_points() {
	what=$1 base=$2
	shift 2
	full=
	for run in 1 2; do	# the shorter of two runs: the machine may be busy
		restore "$base"
		none=$(state)
		t0=$(now)
		"$@" >/dev/null 2>&1
		rc=$?
		t1=$(now)
		expect_rc "$what: the whole run succeeds when left alone" 0
		t=$(span "$t0" "$t1")
		full=$(echo "${full:-$t} $t" | awk '{printf "%.3f", $1 < $2 ? $1 : $2}')
	done
	all=$(state)
	absent=0 present=0 survived=0 i=1
	while [ $i -le $KILLS ]; do
		restore "$base"
		delay=$(at "$full" $i $KILLS)
		kill_run "$@"
		expect_eq "$what killed at ${delay}s: integrity_check" "$(sqlite3 "$JAUDIT_DB" 'PRAGMA integrity_check')" ok
		got=$(state)
		if [ "$got" = "$none" ]; then
			absent=$((absent + 1)); ok "$what killed at ${delay}s: none of it"
		elif [ "$got" = "$all" ]; then
			present=$((present + 1)); ok "$what killed at ${delay}s: all of it"
		else
			not_ok "$what killed at ${delay}s: all or nothing" "state $got, expected $none or $all"
		fi
		j check
		expect_rc "$what killed at ${delay}s: jaudit check" 0
		[ "$killed" = 1 ] && survived=$((survived + 1))
		i=$((i + 1))
	done
	echo "crash: $what (${full}s): $survived kills mid-run, $absent left nothing, $present left everything"
	# the run time varies with the load of the machine: a quarter at least
	expect_eq "$what: kills land while it runs" "$([ $survived -ge $((KILLS / 4)) ] && echo yes)" yes
}

# --- ingest ------------------------------------------------------------------
STATE_SQL="SELECT (SELECT count(*) FROM sessions) || ' sessions ' || (SELECT count(*) FROM results) || ' results'"
kill_points "ingest of $SESSIONS sessions" "$TMP/base.db" "$JAUDIT" ingest "$TMP/sessions-115.ndjson"
expect_eq "a full ingest holds every session" "${all%% *}" "$SESSIONS"

# --- track import ------------------------------------------------------------
restore "$TMP/base.db"
j ingest "$TMP/sessions-115.ndjson"
j track sync --year 115
expect_rc "sync" 0
updates_form "$TMP/updates.csv" "$UPDATES" 0
cp "$JAUDIT_DB" "$TMP/synced.db"
STATE_SQL="SELECT (SELECT count(*) FROM remediation_history) || ' entries ' || (SELECT count(*) FROM remediation WHERE status = 'pending_verification') || ' pending'"
kill_points "track import of $((2 * UPDATES)) rows" "$TMP/synced.db" "$JAUDIT" track import "$TMP/updates.csv"
expect_eq "a full import adds every row" "$(( ${all%% *} - ${none%% *} )) ${all#* entries }" "$((2 * UPDATES)) $UPDATES pending"

done_testing
