#!/bin/sh
# Rebuild the sample year's workbooks from their CSVs, as an agency saves
# its form in LibreOffice Calc (make demo loads them):
#   authorizations-115-mof.csv -> authorizations-115-mof.xlsx
#   authorizations-115-moi.csv -> authorizations-115-moi.ods
# Needs soffice (Debian: libreoffice-calc-nogui); the outputs are committed.
set -eu
cd "$(dirname "$0")"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# comma, double quote, UTF-8, from line 1; numbers and dates as LibreOffice detects them
FILTER='CSV:44,34,76,1,,0,false,true'
PROFILE="-env:UserInstallation=file://$TMP/profile"
soffice "$PROFILE" --headless --infilter="$FILTER" --convert-to xlsx --outdir . authorizations-115-mof.csv >/dev/null 2>&1
soffice "$PROFILE" --headless --infilter="$FILTER" --convert-to ods --outdir . authorizations-115-moi.csv >/dev/null 2>&1
ls -l authorizations-115-mof.xlsx authorizations-115-moi.ods
