#!/bin/sh
# End-to-end: ingest of .xlsx and .ods forms (core/workbook*.c).  Every form
# kind loads from a workbook with the same rows as from its CSV; the file is
# told by its first bytes; hostile workbooks are refused with the database
# left as it was.  The fixtures in tests/data/workbook/ were made by
# LibreOffice and libxlsxwriter (make_fixtures.sh); the hostile files are made
# here at run time.
. "$(dirname "$0")/lib.sh"
W="$DATA/workbook"
I="$DATA/ingest"

# fresh DB: a new database with the year 115 checklist
fresh() {
	export JAUDIT_DB="$TMP/$1.db"
	rm -f "$JAUDIT_DB"
	"$JAUDIT" init --year 115 >/dev/null
}
# rows KIND: what a form of KIND left in the database (not the file name)
rows() {
	case $1 in
	vendors) q="SELECT y.taxid, v.name, core_systems, agencies, candidate, selected FROM vendor_years y JOIN vendors v USING (taxid) ORDER BY y.taxid" ;;
	inventory) q="SELECT * FROM inventory ORDER BY 1, 2, 3" ;;
	authorizations) q="SELECT a.agency, a.contract, a.system, v.taxid, v.scope, v.form_no, v.vendor_aware, s.agency, s.unit, s.name, s.title, s.phone, s.email FROM authorizations a JOIN authorization_vendors v ON v.authorization = a.id JOIN form_submissions s ON s.id = a.submission ORDER BY v.form_no" ;;
	auditors) q="SELECT form_no, agency, unit, name, title, phone, email, reason, coalesce(pledge_date, 'NULL') FROM auditors ORDER BY form_no" ;;
	checklist) q="SELECT year, code, category, seq, dimension, question, basis FROM checklist_items WHERE year = 116 ORDER BY code" ;;
	updates) q="SELECT record, date, action, actor, new_status, new_due, note FROM remediation_history WHERE action <> 'opened' ORDER BY record, seq" ;;
	esac
	sqlite3 "$JAUDIT_DB" "$q"
}

# --- every kind: the workbook gives the rows of its CSV ------------------------
fresh csv
j ingest --year 115 "$I/vendors.csv"
vendors_csv=$(rows vendors)
expect_eq "the vendors CSV, by hand" "$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(taxid || ':' || core_systems || ':' || agencies || ':' || candidate || selected, ' ') FROM (SELECT * FROM vendor_years ORDER BY taxid)")" \
	"04541302:3:3:11 22000004:2:2:10 22099131:5:4:11 23377935:0:1:00"
j ingest --year 115 "$W/src/inventory.csv" "$I/authorizations-form.csv" "$I/auditors-form.csv"
expect_rc "the CSVs load" 0
inventory_csv=$(rows inventory); authorizations_csv=$(rows authorizations); auditors_csv=$(rows auditors)
expect_eq "inventory by hand: 04541302 twice" "$(sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM inventory WHERE vendor_taxid = '04541302'" 2>/dev/null || sqlite3 "$JAUDIT_DB" "SELECT count(*) FROM inventory WHERE taxid = '04541302'")" 2

# what the .ods fixtures hold: 是,是 stored once, repeated; the empty rows after the table too
expect_eq "vendors.ods has a repeated cell" "$(unzip -p "$W/vendors.ods" content.xml | grep -c 'table:number-columns-repeated="2" office:value-type="string"')" 1
expect_eq "several-sheets.ods has covered (merged) cells" "$(unzip -p "$W/several-sheets.ods" content.xml | grep -c 'table:covered-table-cell')" 1
for ext in xlsx ods; do
	fresh "$ext"
	j ingest --year 115 "$W/vendors.$ext"
	expect_rc "vendors.$ext loads" 0
	expect_out "vendors.$ext: its summary" "vendors.$ext: vendors list, 4 rows: 4 added, 0 replaced, 0 unchanged"
	expect_eq "vendors.$ext: the CSV's rows (04541302 saved as the number 4541302 keeps its zero)" "$(rows vendors)" "$vendors_csv"
	j ingest --year 115 "$W/inventory.$ext"
	expect_out "inventory.$ext loads" "inventory.$ext: system inventory, 3 rows: 3 added, 0 replaced, 0 unchanged"
	expect_eq "inventory.$ext: the CSV's rows" "$(rows inventory)" "$inventory_csv"
	j ingest "$W/authorizations-form.$ext"
	expect_out "附件1 .$ext: title, contact block, empty row and 備註 line" "authorizations-form.$ext: 附件1 authorizations, 2 rows: 2 added, 0 replaced, 0 unchanged"
	expect_eq "附件1 .$ext: the CSV's rows and contact block" "$(rows authorizations)" "$authorizations_csv"
	j ingest "$W/auditors-form.$ext"
	expect_out "附件2 .$ext loads" "auditors-form.$ext: 附件2 auditors, 2 rows: 2 added, 0 replaced, 0 unchanged"
	expect_eq "附件2 .$ext: the CSV's rows (a line break and quotes in a cell)" "$(rows auditors)" "$auditors_csv"
	# an ISO date typed into LibreOffice is saved as a date cell
	j ingest "$W/auditors-date.$ext"
	expect_rc "附件2 with a date cell (.$ext)" 0
	expect_eq "the date cell becomes the date (.$ext)" "$(rows auditors)" "$auditors_csv"
	j ingest "$W/auditors-datecell.$ext"
	expect_eq "libxlsxwriter's yyyy/mm/dd date cell (.$ext)" "$(sqlite3 "$JAUDIT_DB" "SELECT group_concat(coalesce(pledge_date, 'NULL'), ' ') FROM (SELECT * FROM auditors ORDER BY form_no)")" "2026-04-20 NULL"
	expect_eq "libxlsxwriter's 附件2 has the CSV's rows (.$ext)" "$(rows auditors)" "$auditors_csv"
done
expect_eq "the hand-counted 附件2 row" "$(sqlite3 "$JAUDIT_DB" "SELECT name || '|' || pledge_date FROM auditors WHERE form_no = '1'")" "張志豪|2026-04-20"

# inline strings (libxlsxwriter's constant-memory mode), numbers for 統一編號
fresh inline
j ingest --year 115 "$W/vendors-inline.xlsx"
expect_rc "inline strings load" 0
expect_eq "inline strings: the CSV's rows" "$(rows vendors)" "$vendors_csv"

# several sheets: the first with a known header; --sheet NAME
for ext in xlsx ods; do
	fresh "sheets-$ext"
	j ingest --year 115 --sheet 廠商 "$W/several-sheets.$ext"
	expect_out "--sheet 廠商 (.$ext)" "several-sheets.$ext: vendors list, 4 rows: 4 added, 0 replaced, 0 unchanged"
	expect_eq "a formula's saved result and number cells (.$ext)" "$(rows vendors)" "$vendors_csv"
	j ingest --year 115 "$W/several-sheets.$ext"
	expect_out "the first sheet with a known header is 附件1 (.$ext)" "several-sheets.$ext: 附件1 authorizations, 2 rows: 2 added, 0 replaced, 0 unchanged"
	expect_eq "merged title, contact block and 備註 line (.$ext)" "$(rows authorizations)" "$authorizations_csv"
	before=$(dump)
	j ingest --sheet 無此表 "$W/several-sheets.$ext"
	expect_rc "--sheet of no sheet (.$ext)" 1
	expect_err "names the sheets there are (.$ext)" "several-sheets.$ext: no sheet called 無此表; the sheets are 說明, 附件1, 廠商"
	expect_eq "no sheet: database unchanged (.$ext)" "$(dump)" "$before"
done

# the checklist and the updates
"$JAUDIT" checklist --year 115 --format csv | sed '2,$s/^115,/116,/' > "$TMP/checklist-116.csv"
python3 - "$TMP/checklist-116.csv" "$TMP/checklist-116.xlsx" <<'PY'
import csv, sys, zipfile
from xml.sax.saxutils import escape
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
sheet = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
for n, row in enumerate(rows, 1):
    sheet.append('<row r="%d">' % n)
    for i, v in enumerate(row):
        if v.isdigit():
            sheet.append('<c r="%s%d"><v>%s</v></c>' % (col(i), n, v))
        elif v:
            sheet.append('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(i), n, escape(v)))
    sheet.append('</row>')
sheet.append('</sheetData></worksheet>')
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="附件3" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
PY
fresh checklist-csv
j ingest "$TMP/checklist-116.csv"
expect_out "the 116 checklist CSV" "checklist-116.csv: checklist, 27 rows: 27 added, 0 replaced, 0 unchanged"
checklist_csv=$(rows checklist)
fresh checklist-xlsx
j ingest "$TMP/checklist-116.xlsx"
expect_out "the 116 checklist as a workbook (inline strings, numbers)" "checklist-116.xlsx: checklist, 27 rows: 27 added, 0 replaced, 0 unchanged"
expect_eq "checklist: the CSV's rows" "$(rows checklist)" "$checklist_csv"

for src in csv xlsx ods; do
	export JAUDIT_DB="$TMP/updates-$src.db"
	"$JAUDIT" init >/dev/null
	sqlite3 "$JAUDIT_DB" < "$DATA/track/fixture.sql"
	"$JAUDIT" track sync --year 115 >/dev/null
	if [ $src = csv ]; then f="$W/src/updates.csv"; else f="$W/updates.$src"; fi
	j ingest --kind updates "$f"
	expect_out "updates from .$src" "updates.$src: remediation updates, 2 rows: 2 added, 0 replaced, 0 unchanged"
	eval "updates_$src=\$(rows updates)"
done
expect_eq "updates .xlsx: the CSV's rows" "$updates_xlsx" "$updates_csv"
expect_eq "updates .ods: the CSV's rows" "$updates_ods" "$updates_csv"
expect_eq "updates by hand" "$(printf '%s\n' "$updates_csv" | cut -d'|' -f1-6 | tr '\n' ' ')" \
	"115-01-C02|2026-07-01|status|林小明|in_progress|2026-12-20 115-02-S01-K1|2026-09-01|extended|吳承辦|in_progress|2026-12-31 "

# --- what the file is, by its first bytes ------------------------------------------
cat > "$TMP/mk.py" <<'PY'
# mk.py MODE OUT: a hostile or odd file for the tests below
import sys, zipfile
mode, out = sys.argv[1], sys.argv[2]
HEAD = '<?xml version="1.0" encoding="UTF-8"?>'
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
VENDORS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>統一編號</t></is></c><c r="B1" t="inlineStr"><is><t>廠商名稱</t></is></c>'
           '<c r="C1" t="inlineStr"><is><t>維運機關核心資通系統數量</t></is></c><c r="D1" t="inlineStr"><is><t>服務機關數量</t></is></c>'
           '<c r="E1" t="inlineStr"><is><t>候選</t></is></c><c r="F1" t="inlineStr"><is><t>受稽核</t></is></c></row>')
def row(n, c=None, name="聯合資訊股份有限公司"):
    c = c or '<c r="C%d"><v>5</v></c>' % n
    return ('<row r="%d"><c r="A%d"><v>22099131</v></c><c r="B%d" t="inlineStr"><is><t>%s</t></is></c>%s'
            '<c r="D%d"><v>4</v></c><c r="E%d" t="inlineStr"><is><t>是</t></is></c><c r="F%d" t="inlineStr"><is><t>是</t></is></c></row>'
            % (n, n, n, name, c, n, n, n))
def xlsx(sheet_rows, doctype="", sst=None, deflate=True):
    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED)
    z.writestr("[Content_Types].xml", HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", HEAD + doctype + '<workbook %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="vendors" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS)
    z.writestr("xl/_rels/workbook.xml.rels", HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>')
    if sst is not None:
        z.writestr("xl/sharedStrings.xml", sst)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write((HEAD + '<worksheet %s><sheetData>' % NS).encode())
        for part in sheet_rows:
            f.write(part.encode())
        f.write(b'</sheetData></worksheet>')
    z.close()
if mode == "plainzip":
    with zipfile.ZipFile(out, "w") as z: z.writestr("readme.txt", "hello")
elif mode == "docx":
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", HEAD + "<Types/>"); z.writestr("word/document.xml", HEAD + "<document/>")
elif mode == "odt":
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED); z.writestr("content.xml", HEAD + "<document-content/>")
elif mode == "good":
    xlsx([VENDORS, row(2)])
elif mode == "bomb":
    # 70 MB of spaces inside the sheet: a few kB once deflated
    xlsx([VENDORS, row(2)] + [" " * (1 << 20)] * 70)
elif mode == "laughs":
    d = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    xlsx([VENDORS, row(2, name="&lol3;")], doctype=d)
elif mode == "external":
    xlsx([VENDORS, row(2)], doctype='<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
elif mode == "empty-rows":
    xlsx([VENDORS, row(2)] + ['<row r="%d"/>' % n for n in range(3, 1000003)])
elif mode == "bigcell":
    xlsx([VENDORS, row(2, name="字" * 400000)])
elif mode == "formula":
    xlsx([VENDORS, row(2, c='<c r="C2"><f>2+3</f></c>')])
elif mode == "formula-value":
    xlsx([VENDORS, row(2, c='<c r="C2"><f>2+3</f><v>5</v></c>')])
PY
mk() { python3 "$TMP/mk.py" "$1" "$TMP/$2"; }
fresh sniff
"$JAUDIT" ingest --year 115 "$I/vendors.csv" >/dev/null
# refused F MESSAGE [ARGS]: exit 1, the message, and the database as it was
refused() {
	f=$1 msg=$2
	shift 2
	before=$(dump)
	j ingest "$@" "$f"
	expect_rc "refused: $(basename "$f")" 1
	expect_err "message: $(basename "$f")" "$msg"
	expect_eq "database unchanged: $(basename "$f")" "$(dump)" "$before"
}
mk plainzip other.zip
refused "$TMP/other.zip" "other.zip: a zip file that is neither an .xlsx nor an .ods workbook"
printf '\320\317\021\340\241\261\032\341rest of an old workbook' > "$TMP/old.xls"
refused "$TMP/old.xls" "old.xls: an old binary Excel .xls (or Word .doc) file, which jaudit does not read; open it and save it as .xlsx or .ods"
mk docx form.docx
refused "$TMP/form.docx" "form.docx: this is a Word document (.docx), not a sheet; paste the form's table into a sheet and save it as .xlsx or .ods"
mk odt form.odt
refused "$TMP/form.odt" "form.odt: this is a text document (.odt), not a sheet; paste the form's table into a sheet and save it as .ods or .xlsx"
: > "$TMP/empty.xlsx"
refused "$TMP/empty.xlsx" "empty.xlsx: the file is empty"
mkdir "$TMP/forms.xlsx"
refused "$TMP/forms.xlsx" "forms.xlsx: is a folder, not a file; name the files in it"
expect_eq "a folder: no line number" "$(grep -c 'forms.xlsx:1:' "$TMP/err")" 0
# the name does not matter: a workbook called .csv is read as a workbook
cp "$W/vendors.xlsx" "$TMP/vendors-really.csv"
j ingest --year 115 "$TMP/vendors-really.csv"
expect_out "a workbook named .csv" "vendors-really.csv: vendors list, 4 rows: 0 added, 0 replaced, 4 unchanged"

# --- bad input: a clear message, the database unchanged ---------------------------
head -c 3000 "$W/vendors.xlsx" > "$TMP/cut.xlsx"
refused "$TMP/cut.xlsx" "cut.xlsx: the file starts like a zip but cannot be read as one" --year 115
python3 -c "
import sys; b = bytearray(open(sys.argv[1], 'rb').read()); i = b.find(b'xl/worksheets/sheet1.xml') + 40
b[i:i + 200] = bytes(200); open(sys.argv[2], 'wb').write(b)" "$W/vendors.xlsx" "$TMP/damaged.xlsx"
before=$(dump)
j ingest --year 115 "$TMP/damaged.xlsx"
expect_rc "refused: damaged.xlsx" 1
expect_err "message: damaged.xlsx" "damaged.xlsx: "
expect_err "it says to save again" "save the workbook again"
expect_eq "database unchanged: damaged.xlsx" "$(dump)" "$before"
mk bomb bomb.xlsx
expect_eq "the bomb is small on disk" "$(test "$(stat -c %s "$TMP/bomb.xlsx")" -lt 1000000 && echo small)" small
refused "$TMP/bomb.xlsx" "bomb.xlsx: xl/worksheets/sheet1.xml: more than 64 MB of XML once unpacked; a form is much smaller (is this a zip bomb?)" --year 115
mk laughs laughs.xlsx
refused "$TMP/laughs.xlsx" "laughs.xlsx: xl/workbook.xml: the XML declares a DOCTYPE (entities), which a workbook never does" --year 115
mk external external.xlsx
refused "$TMP/external.xlsx" "external.xlsx: xl/workbook.xml: the XML declares a DOCTYPE (entities)" --year 115
expect_eq "no external entity read" "$(grep -c 'root:' "$TMP/err")" 0
mk bigcell bigcell.xlsx
refused "$TMP/bigcell.xlsx" "bigcell.xlsx:vendors!B2: a cell of more than 1 MB; a form's cell is much shorter" --year 115
mk formula formula.xlsx
refused "$TMP/formula.xlsx" "formula.xlsx:vendors!C2: a formula without a saved result; open the workbook in Excel or LibreOffice, let it calculate and save it again, or type the value" --year 115
mk formula-value formula-value.xlsx
j ingest --year 115 "$TMP/formula-value.xlsx"
expect_out "a formula with its saved result" "formula-value.xlsx: vendors list, 1 row: 0 added, 0 replaced, 1 unchanged"
# a million empty rows: loaded, fast, in bounded memory
mk empty-rows empty-rows.xlsx
/usr/bin/time -f '%e %M' -o "$TMP/time" "$JAUDIT" ingest --year 115 "$TMP/empty-rows.xlsx" > "$TMP/out" 2> "$TMP/err"
expect_out "a million empty rows: the one row loads" "empty-rows.xlsx: vendors list, 1 row: 0 added, 0 replaced, 1 unchanged"
read -r secs kb <<EOT
$(tail -1 "$TMP/time")
EOT
expect_eq "a million empty rows in under 5 s ($secs s)" "$(awk -v s="$secs" 'BEGIN { print (s < 5) }')" 1
expect_eq "a million empty rows in under 64 MB ($kb kB)" "$(awk -v k="$kb" 'BEGIN { print (k < 65536) }')" 1
# the same in an .ods: one row element repeated a million times
python3 - "$W/vendors.ods" "$TMP/empty-rows.ods" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for it in src.infolist():
    data = src.read(it.filename)
    if it.filename == "content.xml":
        data = data.replace(b"</table:table>", b'<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16000"/></table:table-row></table:table>', 1)
    dst.writestr(it, data)
dst.close()
PY
/usr/bin/time -f '%e %M' -o "$TMP/time" "$JAUDIT" ingest --year 115 "$TMP/empty-rows.ods" > "$TMP/out" 2> "$TMP/err"
expect_out "an .ods with a million repeated empty rows loads" "empty-rows.ods: vendors list, 4 rows: 0 added, 0 replaced, 4 unchanged"
read -r secs kb <<EOT
$(tail -1 "$TMP/time")
EOT
expect_eq "repeated empty rows in under 1 s ($secs s)" "$(awk -v s="$secs" 'BEGIN { print (s < 1) }')" 1

# --- the workbook twins of the CSV refusals: the same message, a cell for the line ---
fresh twins
"$JAUDIT" ingest --year 115 "$I/vendors.csv" >/dev/null
grep -v '^#' "$W/refusals.tsv" | while IFS='	' read -r file args msg; do
	[ "$args" = - ] && args=
	before=$(dump)
	# shellcheck disable=SC2086
	j ingest $args "$W/refuse/$file"
	expect_rc "refused: $file" 1
	expect_err "message: $file" "$msg"
	expect_out "summary: $file" "$file: not loaded:"
	expect_eq "database unchanged: $file" "$(dump)" "$before"
	# the CSV twin says the same after its place (LINE: for SHEET!CELL:)
	csv=$(grep "^${file%.*}\.csv	" "$I/refusals.tsv" | cut -f3)
	expect_eq "the CSV twin's words: $file" "$(printf '%s' "$msg" | sed 's/^[^ ]*: //; s/first 40 rows of any sheet/first 40 lines/; s/first on row/first on line/')" \
		"$(printf '%s' "$csv" | sed 's/^[^ ]*: //')"
	case $msg in
	*'!'[A-Z]*[0-9]': '*|*'!'[0-9]*': '*|"$file: "*) ok "a cell, a row or the file: $file" ;;
	*) not_ok "a cell, a row or the file: $file" "$msg" ;;
	esac
	echo "$_pass $_fail" > "$TMP/counts"
done
read -r _pass _fail < "$TMP/counts"
expect_eq "15 twins" "$(grep -vc '^#' "$W/refusals.tsv")" 15

# --- examples/: the demo's workbooks hold the rows of their CSVs ---------------------
EX="$ROOT/examples"
for pair in mof.csv:mof.xlsx moi.csv:moi.ods; do
	for f in ${pair%:*} ${pair#*:}; do
		fresh "ex-$f"
		"$JAUDIT" ingest --year 115 "$EX/vendors-115.csv" >/dev/null
		j ingest "$EX/authorizations-115-$f"
		expect_rc "examples/authorizations-115-$f loads" 0
		eval "ex_$(echo "$f" | tr . _)=\$(rows authorizations)"
	done
done
expect_eq "examples: the .xlsx 附件1 has its CSV's rows" "$ex_mof_xlsx" "$ex_mof_csv"
expect_eq "examples: the .ods 附件1 has its CSV's rows" "$ex_moi_ods" "$ex_moi_csv"
expect_eq "examples: 10 rows of 財政部" "$(printf '%s\n' "$ex_mof_xlsx" | wc -l)" 10

done_testing
