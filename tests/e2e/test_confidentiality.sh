#!/bin/sh
# Confidentiality (seed §9(三), SPEC §6): under a permissive umask the
# database, its -wal and -shm, backups and exports are readable by their
# owner only; no command leaves a temporary file behind, not even when
# gnuplot crashes; no output carries an auditor's or a form sender's phone
# or e-mail.
. "$(dirname "$0")/lib.sh"

EX="$ROOT/examples"
mkdir -p "$TMP/tmpdir" "$TMP/bin"
export TMPDIR="$TMP/tmpdir"
umask 000

j init
j ingest --year 115 "$EX/vendors-115.csv"
j ingest --year 115 "$EX/inventory-115.csv"
j ingest "$EX/authorizations-115-mof.csv" "$EX/authorizations-115-mohw.csv" "$EX/authorizations-115-moi.csv"
j ingest --encoding big5 "$EX/authorizations-115-motc-big5.csv"
j ingest "$EX/auditors-115-mof.csv" "$EX/auditors-115-mohw.csv"
expect_rc "the forms with their contact blocks load" 0
j ingest "$EX/sessions-115.ndjson"
j track sync --year 115
j track import "$EX/updates-115.csv"
expect_rc "the sample year loads" 0
expect_eq "the database is 0600 under umask 000" "$(stat -c %a "$JAUDIT_DB")" 600
for f in "$JAUDIT_DB-wal" "$JAUDIT_DB-shm"; do
	[ -e "$f" ] && expect_eq "$(basename "$f") is 0600 too" "$(stat -c %a "$f")" 600
done

# every phone and e-mail the database holds, one a line
sqlite3 "$JAUDIT_DB" "SELECT phone FROM auditors UNION SELECT email FROM auditors
	UNION SELECT phone FROM form_submissions UNION SELECT email FROM form_submissions" |
	grep -v '^$' > "$TMP/contacts"
expect_eq "the fixture has contacts to leak" "$([ "$(wc -l < "$TMP/contacts")" -ge 6 ] && echo yes)" yes

out="$TMP/outputs"
mkdir -p "$out"
agencies=$(sqlite3 "$JAUDIT_DB" "SELECT DISTINCT agency FROM authorizations ORDER BY agency")
n=0
echo "$agencies" | while IFS= read -r a; do
	n=$((n + 1))
	"$JAUDIT" export --agency "$a" --year 115 --out "$out/export$n.json" >/dev/null 2>&1 ||
		echo "export --agency $a failed" >> "$TMP/failures"
	"$JAUDIT" export --agency "$a" --year 115 --format csv --out "$out/export$n" >/dev/null 2>&1 ||
		echo "export --agency $a --format csv failed" >> "$TMP/failures"
	"$JAUDIT" export --agency "$a" --year 115 --format html --out "$out/export$n.html" >/dev/null 2>&1 ||
		echo "export --agency $a --format html failed" >> "$TMP/failures"
done
expect_eq "every agency's export ran" "$(cat "$TMP/failures" 2>/dev/null)" ""
j report --year 115 --out "$out/report"
expect_rc "report" 0
j plot all --year 115 --out "$out/plots" --keep-scripts
expect_rc "plot all" 0
for cmd in "track list --year 115 --format csv" "track list --year 115 --format json" \
	"track summary --year 115 --format json" "analyze --year 115 --format json" \
	"analyze --year 115 --format csv" "candidates --year 115 --format json" \
	"schedule --year 115 --format json" "track history 115-01-C04 --format json"; do
	# shellcheck disable=SC2086
	"$JAUDIT" $cmd > "$out/$(echo "$cmd" | tr ' -' '__').txt" 2>&1
done
j backup "$TMP/backup.db"
expect_rc "backup" 0

leaks=$(grep -rlF -f "$TMP/contacts" "$out" 2>/dev/null)
expect_eq "no output holds a phone or an e-mail" "$leaks" ""
expect_eq "the backup is 0600 under umask 000" "$(stat -c %a "$TMP/backup.db")" 600
bad=$(find "$out" -path "$out/export*" -type f ! -perm 600 -print)
expect_eq "export files are 0600 under umask 000" "$bad" ""
expect_eq "no temporary file is left" "$(ls -A "$TMPDIR")" ""

# gnuplot that crashes half way, after writing part of its output
cat > "$TMP/bin/gnuplot" <<'EOF'
#!/bin/sh
echo "fake gnuplot: out of cheese" >&2
echo partial > partial.png
kill -SEGV $$
EOF
chmod 755 "$TMP/bin/gnuplot"
PATH="$TMP/bin:$PATH" j plot common --year 115 --out "$TMP/crashplot"
expect_rc "a crashed gnuplot fails the plot" 1
expect_err "and says so" "gnuplot"
expect_eq "no temporary file is left after the crash" "$(ls -A "$TMPDIR")" ""
expect_eq "no partial chart is left" "$(ls -A "$TMP/crashplot" 2>/dev/null)" ""
PATH="$TMP/bin:$PATH" j report --year 115 --out "$TMP/crashreport"
expect_rc "a report whose charts crash fails" 1
expect_err "naming the crash" "jaudit: gnuplot was killed by signal 11 while drawing common.gp"
expect_eq "and writes no half report" "$(ls -A "$TMP/crashreport" 2>/dev/null)" ""
expect_eq "nor after a report whose charts crash" "$(ls -A "$TMPDIR")" ""
echo "confidentiality: $(wc -l < "$TMP/contacts") phones and e-mails searched for in $(find "$out" -type f | wc -l) output files: none found"

umask 022
done_testing
