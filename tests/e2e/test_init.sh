#!/bin/sh
# End-to-end: init, checklist, the command line's conventions.
. "$(dirname "$0")/lib.sh"

j checklist --year 115
expect_rc "checklist before init fails" 1
expect_err "no database before init" "jaudit: no database at '$JAUDIT_DB'; create one with 'jaudit init'"

umask 000
j init
umask 022
expect_rc "init succeeds" 0
expect_out "init says it created the file" "created $JAUDIT_DB"
expect_out "init loads the 115 checklist" "year 115: loaded the built-in checklist, 27 items"
expect_eq "database is private under umask 000" "$(stat -c %a "$JAUDIT_DB")" 600

before=$(dump)
j init
expect_rc "init twice succeeds" 0
expect_out "init twice changes nothing" "year 115 already has its checklist; left as it is"
expect_eq "init twice leaves the data as it was" "$(dump)" "$before"

j init --year 116
expect_rc "init --year 116" 0
expect_out "a year without its own list gets the newest built-in one" "year 116 has no checklist of its own: copied the built-in 115 checklist, 27 items"
j init --year 2027
expect_out "a Gregorian year is the ROC year" "year 116 already has its checklist"

j checklist --year 115 --format json
expect_rc "checklist json" 0
n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["year"], len(d["items"]), d["items"][0]["code"], d["items"][26]["code"], d["items"][14]["basis"])' "$TMP/out")
expect_eq "checklist json parses with 27 items" "$n" "115 27 C01 S17 資通安全管理法施行細則第7條第1項第4款"

j checklist --year 115 --format csv
expect_rc "checklist csv" 0
expect_eq "checklist csv has a BOM and the ingest header" "$(head -1 "$TMP/out" | tr -d '\r')" "$(printf '\357\273\277')年度,項目代碼,類別,構面,檢核項目,稽核依據"
expect_eq "checklist csv has 28 lines" "$(wc -l < "$TMP/out")" 28

j checklist --year 115
expect_out "checklist text in Chinese" "115年度 重點檢視項目"
expect_out "checklist text lists S17" "S17  [分包廠商資通安全維護措施] 如有分包廠商，是否已對分包廠商執行稽核並留下紀錄？"
j checklist --year 115 --lang en
expect_out "checklist text in English" "Checklist of year 115"

j checklist --year 114
expect_rc "a year without a checklist" 1
expect_err "says how to get one" "jaudit: year 114 is not in the database (it has no checklist); run 'jaudit init --year 114' first"

j checklist
expect_rc "missing --year is a usage error" 2
expect_err "usage error hint" "try 'jaudit checklist --help'"
j checklist --year 115 --format xml
expect_rc "bad --format is a usage error" 2
expect_err "names the formats" "--format: 'xml' is not one of text csv json"
j checklist --year abc
expect_rc "bad --year" 2
expect_err "bad --year message" "'abc' is not a year; give an ROC year from 100 to 200, such as 115 (or 2026)"
j checklist --year 115 --bogus
expect_rc "unknown option" 2
expect_err "names the option" "'--bogus'"
j frobnicate
expect_rc "unknown command" 2
expect_err "unknown command message" "jaudit: 'frobnicate' is not a jaudit command"

j --help
expect_rc "--help" 0
expect_out "--help lists init" "init         create or upgrade the database"
j --version
expect_rc "--version" 0
expect_out "--version" "jaudit 0.1.0"
for c in $("$JAUDIT" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	j "$c" --help
	expect_rc "$c --help exits 0" 0
	expect_out "$c --help shows its usage" "usage: jaudit $c"
done
j --man
expect_out "the man page" ".TH JAUDIT 1"
"$JAUDIT" --man > "$TMP/jaudit.1"
for sec in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" FILES ENVIRONMENT "SEE ALSO"; do
	if grep -qx ".SH $sec" "$TMP/jaudit.1"; then ok "the man page has $sec"; else not_ok "the man page has $sec"; fi
done
expect_eq "the man page has a section per command" "$(grep -c '^\.SS ' "$TMP/jaudit.1")" \
	"$("$JAUDIT" --help | grep -c '^  [a-z][a-z]*  ')"
if command -v groff >/dev/null 2>&1; then
	expect_eq "groff reads the man page without a warning" \
		"$(groff -man -ww -z -k -Tutf8 "$TMP/jaudit.1" 2>&1 | head -3)" ""
fi
# the help texts and the man page name no document a user does not have
expect_eq "no SPEC or seed reference in the help texts" \
	"$(grep -c 'SPEC\|seed' "$TMP/jaudit.1")" 0

j --db "$TMP/other.db" init
expect_rc "--db before the command" 0
expect_eq "--db made the file" "$(stat -c %a "$TMP/other.db")" 600
j checklist --year 115 --db "$TMP/other.db" --format json
expect_rc "--db after the command" 0

printf 'not a database' > "$TMP/text.db"
j --db "$TMP/text.db" checklist --year 115
expect_rc "a text file as database" 1
expect_err "says it is not a database" "is not a jaudit database (not an SQLite file)"

sqlite3 "$JAUDIT_DB" 'PRAGMA user_version = 99'
j checklist --year 115
expect_rc "newer database refused" 1
expect_err "newer database message" "was made by a newer jaudit (schema version 99"

done_testing
