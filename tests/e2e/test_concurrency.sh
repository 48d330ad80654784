#!/bin/sh
# Concurrent use: 2 and then 4 processes write to one database at once
# (`track set` loops, `track import`, `ingest`).  No update is lost, no
# writer fails with "database is locked" within the busy timeout, and past
# a tiny JAUDIT_BUSY_TIMEOUT the message says what happened.
. "$(dirname "$0")/lib.sh"

# year 115 is tracked; years 116 and 117 are ingested while it is
gen_year --year 115 --vendors 300 --results 12000 --seed 1 "$TMP"
gen_year --year 116 --vendors 150 --results 6000 --seed 2 "$TMP"
gen_year --year 117 --vendors 150 --results 6000 --seed 3 "$TMP"
j init
j init --year 116
j init --year 117
j ingest --year 115 "$TMP/vendors-115.csv"
j ingest --year 116 "$TMP/vendors-116.csv"
j ingest --year 117 "$TMP/vendors-117.csv"
expect_rc "the vendors load" 0
j ingest "$TMP/sessions-115.ndjson"
expect_rc "the base sessions load" 0
j track sync --year 115
expect_rc "sync" 0

SETS=12		# records per `track set` loop, two changes each
hist() { sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM remediation_history"; }
sessions() { sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM sessions"; }

# set_loop N: `track set` on records N*SETS .. N*SETS+SETS-1, two moves
# each.  The ids, and the forms below, are made before the writers start:
# only jaudit touches the database while they run.
pick_ids() {
	sqlite3 "$JAUDIT_DB" "SELECT id FROM remediation ORDER BY id LIMIT $SETS OFFSET $(($1 * SETS))" > "$TMP/ids$1"
}
set_loop() {
	for id in $(cat "$TMP/ids$1"); do
		"$JAUDIT" track set "$id" in_progress --date 115/11/06 --by "寫入者$1" || echo "FAILED set $id"
		"$JAUDIT" track set "$id" pending_verification --date 115/11/13 --by "寫入者$1" \
			--evidence "文號-$1" || echo "FAILED set $id"
	done >"$TMP/set$1.out" 2>&1
}

# import_run N: apply the updates form made beforehand
import_run() {
	"$JAUDIT" track import "$TMP/updates$1.csv" >"$TMP/import$1.out" 2>&1 || echo "FAILED import" >>"$TMP/import$1.out"
}

ingest_run() {	# ingest_run YEAR
	"$JAUDIT" ingest "$TMP/sessions-$1.ndjson" >"$TMP/ingest-$1.out" 2>&1 ||
		echo "FAILED ingest" >>"$TMP/ingest-$1.out"
}

no_failure() {	# no_failure NAME FILES...: no FAILED line, no busy or locked message
	name=$1
	shift
	if cat "$@" | grep -qiE 'FAILED|locked|busy'; then
		not_ok "$name" "$(cat "$@" | grep -iE 'FAILED|locked|busy|jaudit:' | head -10)"
	else
		ok "$name"
	fi
}

# --- two writers: a `track set` loop and an ingest --------------------------
h0=$(hist)
s0=$(sessions)
pick_ids 0
set_loop 0 &
p1=$!
ingest_run 116 &
p2=$!
wait $p1 $p2
no_failure "2 writers: every command succeeded" "$TMP/set0.out" "$TMP/ingest-116.out"
expect_eq "2 writers: every history row present" "$(hist)" $((h0 + 2 * SETS))
expect_eq "2 writers: the ingested sessions present" "$(sessions)" $((s0 + $(wc -l < "$TMP/sessions-116.ndjson")))
j check
expect_rc "2 writers: jaudit check" 0

# --- four writers: two set loops, an import, an ingest ----------------------
h0=$(hist)
s0=$(sessions)
pick_ids 1
pick_ids 2
updates_form "$TMP/updates1.csv" 300 1000
set_loop 1 &
p1=$!
set_loop 2 &
p2=$!
import_run 1 &
p3=$!
ingest_run 117 &
p4=$!
# and a reader meanwhile: WAL readers never wait for writers
"$JAUDIT" track list --year 115 --format csv >"$TMP/list.csv" 2>"$TMP/list.err" || echo "FAILED list" >>"$TMP/list.err"
wait $p1 $p2 $p3 $p4
no_failure "4 writers: every command succeeded" "$TMP/set1.out" "$TMP/set2.out" \
	"$TMP/import1.out" "$TMP/ingest-117.out" "$TMP/list.err"
expect_eq "4 writers: every history row present" "$(hist)" $((h0 + 2 * SETS * 2 + 2 * 300))
expect_eq "4 writers: the ingested sessions present" "$(sessions)" $((s0 + $(wc -l < "$TMP/sessions-117.ndjson")))
expect_eq "4 writers: each writer's rows carry its name" \
	"$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(n, ' ') FROM (SELECT actor || ':' || count(*) AS n FROM remediation_history WHERE actor LIKE '寫入者%' GROUP BY actor ORDER BY actor)")" \
	"寫入者0:$((2 * SETS)) 寫入者1:$((2 * SETS)) 寫入者2:$((2 * SETS))"
j check
expect_rc "4 writers: jaudit check" 0

# --- a write lock held by another program ------------------------------------
# hold_lock SECONDS: BEGIN IMMEDIATE in another process; returns once it holds it
hold_lock() {
	rm -f "$TMP/locked"
	python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
c.execute("ROLLBACK")' "$JAUDIT_DB" "$TMP/locked" "$1" &
	holder=$!
	while [ ! -f "$TMP/locked" ]; do sleep 0.05; done
}
id=$(sqlite3 "$JAUDIT_DB" "SELECT id FROM remediation WHERE status = 'open' ORDER BY id LIMIT 1")

# long enough for two refused commands, under valgrind too
if [ "${JAUDIT_VALGRIND:-}" = 1 ]; then hold_lock 10; else hold_lock 3; fi
h0=$(hist)
JAUDIT_BUSY_TIMEOUT=200 j track set "$id" in_progress --date 115/11/06 --by 測試員
expect_rc "past a tiny busy timeout the command fails" 1
expect_err "with a message that says why" "jaudit: database is busy: another jaudit is writing to it and did not finish within the busy timeout; try again"
expect_eq "and writes nothing" "$(hist)" "$h0"
JAUDIT_BUSY_TIMEOUT=200 j ingest "$TMP/sessions-116.ndjson"
expect_rc "ingest past a tiny busy timeout fails" 1
expect_err "with the same message" "jaudit: database is busy: another jaudit is writing to it"
wait $holder

hold_lock 1
j track set "$id" in_progress --date 115/11/06 --by 測試員
expect_rc "within the default busy timeout the command waits and succeeds" 0
expect_eq "and its row is there" "$(hist)" $((h0 + 1))
wait $holder

JAUDIT_BUSY_TIMEOUT=soon j track list --year 115
expect_rc "a JAUDIT_BUSY_TIMEOUT that is not a number" 1
expect_err "is named" "jaudit: JAUDIT_BUSY_TIMEOUT: 'soon' is not a number of milliseconds"

done_testing
