#!/bin/sh
# End-to-end: jaudit backup (online backup API, 0600, no overwrite, verified).
. "$(dirname "$0")/lib.sh"

j init
expect_rc "init" 0
sqlite3 "$JAUDIT_DB" < "$DATA/check/session_115_07.sql"

j backup
expect_rc "backup without a file is a usage error" 2
expect_err "says what is missing" "jaudit: backup needs the name of the copy to make"
j backup "$TMP/a.db" "$TMP/b.db"
expect_rc "two files is a usage error" 2

umask 000
j backup "$TMP/copy.db"
umask 022
expect_rc "backup succeeds" 0
expect_out "backup reports what it made" "backed up $JAUDIT_DB to $TMP/copy.db: "
expect_out "backup reports the check" "schema version $SCHEMA, integrity ok, mode 0600"
expect_eq "the copy is private under umask 000" "$(stat -c %a "$TMP/copy.db")" 600
expect_eq "the copy holds the session's results" \
	"$(sqlite3 "$TMP/copy.db" "SELECT count(*), sum(rating = 'noncompliant') FROM results")" "27|1"
expect_eq "the copy is one self-contained file" "$(sqlite3 "$TMP/copy.db" 'PRAGMA journal_mode')" "delete"
expect_eq "the copy passes the integrity check" "$(sqlite3 "$TMP/copy.db" 'PRAGMA integrity_check')" "ok"
expect_eq "no temporary file is left beside the copy" "$(ls "$TMP" | grep -c 'copy.db.tmp')" 0
j --db "$TMP/copy.db" check
expect_rc "jaudit check passes on the copy" 0

before=$(cksum < "$TMP/copy.db")
j backup "$TMP/copy.db"
expect_rc "an existing file is not overwritten" 1
expect_err "says so and how" "jaudit: backup: '$TMP/copy.db' already exists; name another file or give --force to replace it"
expect_eq "the existing file is unchanged" "$(cksum < "$TMP/copy.db")" "$before"

sqlite3 "$JAUDIT_DB" "UPDATE results SET finding = '更新' WHERE item = 'C01'"
chmod 644 "$TMP/copy.db"
j backup --force "$TMP/copy.db"
expect_rc "--force replaces it" 0
expect_eq "the replaced copy is the new state" \
	"$(sqlite3 "$TMP/copy.db" "SELECT finding FROM results WHERE item = 'C01'")" "更新"
expect_eq "the replaced copy is private again" "$(stat -c %a "$TMP/copy.db")" 600

j backup --force "$JAUDIT_DB"
expect_rc "the database itself is refused" 1
expect_err "names the problem" "jaudit: backup: '$JAUDIT_DB' is the database itself; name another file"
mkdir "$TMP/adir"
j backup --force "$TMP/adir"
expect_rc "a directory is refused" 1
expect_err "names the directory" "jaudit: backup: '$TMP/adir' is not a regular file; name another file"
j backup "$TMP/nodir/x.db"
expect_rc "a missing directory fails" 1
expect_err "with the reason" "jaudit: backup: cannot create '$TMP/nodir/x.db': No such file or directory"
j --db "$TMP/none.db" backup "$TMP/y.db"
expect_rc "no database to back up" 1
expect_err "says there is none" "jaudit: no database at '$TMP/none.db'"
expect_eq "nothing made for a missing database" "$(ls "$TMP" | grep -c '^y.db')" 0

# While another process writes: a copy of ~4 MB taken in 64-page steps with
# 300 single-row transactions committing meanwhile is still consistent.
sqlite3 "$JAUDIT_DB" "CREATE TABLE pad(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO pad SELECT randomblob(4000) FROM n"
(
	i=0
	while [ $i -lt 300 ]; do
		i=$((i + 1))
		printf "INSERT INTO vendors VALUES ('%08d', 'writer %d');\n" $((50000000 + i)) $i
	done | sqlite3 -cmd ".timeout 10000" "$JAUDIT_DB" >/dev/null
) &
writer=$!
j backup "$TMP/live.db"
wait $writer
expect_rc "backup while another process writes" 0
expect_eq "the live copy passes the integrity check" "$(sqlite3 "$TMP/live.db" 'PRAGMA integrity_check')" "ok"
n=$(sqlite3 "$TMP/live.db" "SELECT count(*) FROM vendors WHERE name LIKE 'writer %'")
m=$(sqlite3 "$TMP/live.db" "SELECT coalesce(max(CAST(substr(name, 8) AS INTEGER)), 0) FROM vendors WHERE name LIKE 'writer %'")
expect_eq "the live copy holds a prefix of the writes ($n of 300)" "$n" "$m"
expect_eq "the writer lost nothing" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM vendors WHERE name LIKE 'writer %'")" 300

done_testing
