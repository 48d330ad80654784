#!/bin/sh
# Rebuild every workbook fixture of tests/data/workbook/ (they are committed:
# the tests never need LibreOffice or a compiler for them).
#   tests/data/workbook/make_fixtures.sh
# Needs soffice (Debian: libreoffice-calc-nogui) and libxlsxwriter-dev.
#   src/NAME.csv -> NAME.xlsx and NAME.ods, saved by LibreOffice Calc from
#                   the CSV as a user would open and save it: numbers become
#                   number cells (04541302 loses its leading zero), an ISO
#                   date a date cell, equal neighbouring cells and empty rows are
#                   stored once with number-columns/rows-repeated in .ods
#   gen_xlsx.c   -> several-sheets.xlsx, auditors-datecell.xlsx,
#                   vendors-inline.xlsx (libxlsxwriter), and the first two
#                   saved again by LibreOffice as .ods (merged cells become
#                   covered cells, a formula keeps its result)
set -eu
cd "$(dirname "$0")"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# CSV import: comma, double quote, UTF-8 (76), from line 1, no column types,
# default language, quoted fields not forced to text, detect special numbers
FILTER='CSV:44,34,76,1,,0,false,true'
# a private profile, so that a running LibreOffice or a user's settings do not matter
PROFILE="-env:UserInstallation=file://$TMP/profile"
for fmt in xlsx ods; do
	soffice "$PROFILE" --headless --infilter="$FILTER" --convert-to "$fmt" --outdir . src/*.csv >/dev/null 2>&1
done
cc -std=c11 -Wall -Wextra -o "$TMP/gen_xlsx" gen_xlsx.c -lxlsxwriter
"$TMP/gen_xlsx" .
soffice "$PROFILE" --headless --convert-to ods --outdir . several-sheets.xlsx auditors-datecell.xlsx >/dev/null 2>&1

# the workbook twins of the CSV refusals whose cell matters (refusals.tsv)
R=../ingest/refuse
soffice "$PROFILE" --headless --infilter="$FILTER" --convert-to xlsx --outdir refuse \
	$R/vendors-taxid.csv $R/vendors-count.csv $R/vendors-yes-no.csv $R/vendors-selected-not-candidate.csv \
	$R/vendors-duplicate.csv $R/vendors-no-year.csv $R/auth-vendor-not-candidate.csv $R/auth-aware.csv >/dev/null 2>&1
soffice "$PROFILE" --headless --infilter="$FILTER" --convert-to ods --outdir refuse \
	$R/auditors-email.csv $R/auditors-phone.csv $R/auditors-pledge.csv $R/inventory-vendor-unknown.csv \
	$R/checklist-category.csv $R/unknown-header.csv $R/ambiguous-header.csv >/dev/null 2>&1
ls -l ./*.xlsx ./*.ods refuse/
