#!/bin/sh
# Injection and escaping: names, findings, notes with ' " ; -- <script>,
# line breaks and 1 MB of text go into the database through ingest and
# track, and come back exactly through SQL, CSV and JSON; escaped in HTML;
# inert in gnuplot's data.  The fixture: tests/data/escaping/make.py.
. "$(dirname "$0")/lib.sh"

python3 "$DATA/escaping/make.py" "$TMP"
export ESC="$TMP"

# py NAME EXPR: EXPR (Python, with nasty, agency, big, lead, q(), csvrows(),
# json and html at hand) is True
py() {
	r=$(python3 - "$2" <<'EOF' 2>&1
import csv, html, html.parser, io, json, os, sqlite3, sys
d = os.environ['ESC']
rd = lambda n: open(os.path.join(d, n), encoding='utf-8', newline='').read()
nasty, agency, big, lead = rd('nasty.txt'), rd('agency.txt'), rd('big.txt'), rd('lead.txt')
db = sqlite3.connect(os.environ['JAUDIT_DB'])
q = lambda sql, *a: db.execute(sql, a).fetchall()
csv.field_size_limit(1 << 24)
class Page(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = set(), []
        self.feed(open(path, encoding='utf-8').read())
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
    def handle_data(self, data):
        self.text.append(data)
def csvrows(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))
print('yes' if eval(sys.argv[1]) else 'no')
EOF
)
	if [ "$r" = yes ]; then ok "$1"; else not_ok "$1" "$(printf '%s' "$r" | tail -3 | cut -c1-300)"; fi
}

j init
j ingest --year 115 "$TMP/vendors.csv"
expect_rc "a vendor name with quotes, markup and a line break" 0
j ingest --year 115 --kind authorizations "$TMP/authorizations.csv"
expect_rc "an agency name made to break out of quotes" 0
j ingest "$TMP/session.json"
expect_rc "a session with such findings and a 1 MB one" 0
j track sync --year 115
j track import "$TMP/updates.csv"
expect_rc "an updates form with a 1 MB note" 0
j track set 115-01-C01 in_progress --date 115/07/02 --by "$(cat "$TMP/lead.txt")" \
	--note "$(cat "$TMP/nasty.txt")" --evidence "'; DELETE FROM remediation_history; --"
expect_rc "track set with such a note" 0

# --- the database --------------------------------------------------------
py "the tables are all there" "len(q('SELECT 1 FROM results')) == 27 and len(q('SELECT 1 FROM remediation_history')) == 5"
py "vendor name stored exactly" "q('SELECT name FROM vendors') == [(nasty,)]"
py "agency, contract stored exactly" "q('SELECT agency, contract, system FROM session_contracts') == [(agency, nasty, 'sys;--')]"
py "lead and committee stored exactly" "q('SELECT lead FROM sessions') == [(lead,)] and [r[0] for r in q('SELECT name FROM session_members ORDER BY seq')] == ['李<小>華', '陳;美玲', '張--志豪']"
py "findings stored exactly" "q(\"SELECT finding, recommendation FROM results WHERE item = 'C01'\") == [(nasty, nasty + ' rec')]"
py "the 1 MB finding stored exactly" "q(\"SELECT finding FROM results WHERE item = 'C02'\") == [(big,)] and len(big.encode()) > 1048576"
py "the 1 MB note and the notes stored exactly" "q(\"SELECT note, evidence, actor FROM remediation_history WHERE record = '115-01-C02' AND action = 'status'\") == [(big, nasty, lead)] and q(\"SELECT note, evidence FROM remediation_history WHERE record = '115-01-C01' AND action = 'status'\") == [(nasty, \"'; DELETE FROM remediation_history; --\")]"
j check
expect_rc "jaudit check passes" 0

# --- CSV -----------------------------------------------------------------
j track list --year 115 --format csv
cp "$TMP/out" "$TMP/list.csv"
py "track list CSV: names exact" "[(r['廠商名稱'], r['契約機關']) for r in csvrows(d + '/list.csv')] == [(nasty, ''), (nasty, ''), (nasty, agency)]"
j export --agency "$(cat "$TMP/agency.txt")" --year 115 --format csv --out "$TMP/exd"
expect_rc "export by the hostile agency name" 0
py "export CSV: finding, contract, vendor exact" "[(r['發現事項'], r['契約案名'], r['廠商名稱'], r['建議']) for r in csvrows(d + '/exd/findings.csv')] == [(nasty + ' S03', nasty, nasty, '<b>bold</b>')]"
py "export CSV: the 1 MB common finding exact" "[r['發現事項'] for r in csvrows(d + '/exd/common.csv') if r['項目'] in ('C01', 'C02')] == [nasty, big]"
py "export CSV: the notes exact in the history" "sorted(r['說明'] for r in csvrows(d + '/exd/history.csv') if r['說明'] in (big, nasty)) == sorted([big, nasty])"

# --- JSON ----------------------------------------------------------------
j track list --year 115 --format json
cp "$TMP/out" "$TMP/list.json"
py "track list JSON: names exact" "[r['vendor_name'] for r in json.load(open(d + '/list.json'))['records']] == [nasty] * 3"
j track history 115-01-C02 --format json
cp "$TMP/out" "$TMP/hist.json"
py "track history JSON: the 1 MB note exact" "[h['note'] for h in json.load(open(d + '/hist.json'))['history']][-1] == big"
j export --agency "$(cat "$TMP/agency.txt")" --year 115 --out "$TMP/ex.json"
py "export JSON: agency and findings exact" "(lambda e: e['agency'] == agency and e['findings'][0]['finding'] == nasty + ' S03' and e['findings'][0]['contract'] == nasty)(json.load(open(d + '/ex.json')))"
py "export JSON: the 1 MB finding exact" "[c['finding'] for c in json.load(open(d + '/ex.json'))['vendors'][0]['sessions'][0]['common'][:2]] == [nasty, big]"

# --- HTML ----------------------------------------------------------------
j report --year 115 --out "$TMP/rep"
expect_rc "report" 0
py "HTML: the agency is text, exactly" "agency in Page(d + '/rep/index.html').text"
py "HTML: no markup from the data became an element" "not ({'script', 'img'} & Page(d + '/rep/index.html').tags) and '<script' not in open(d + '/rep/index.html').read()"
py "report CSV: the agency exact" "[r for r in csvrows(d + '/rep/remediation.csv') if agency in r.values()] != []"

# --- gnuplot --------------------------------------------------------------
j plot status --year 115 --out "$TMP/pl" --format svg --keep-scripts
expect_rc "the status chart with the hostile agency as a label" 0
expect_eq "the label ran nothing" "$(ls "$TMP" | grep -c pwned)" 0
py "gnuplot data: the label's quotes carried as a mark" "('\"' + agency.replace('\"', '\\x01') + '\"') in open(d + '/pl/status.dat').read()"
py "gnuplot chart: the label drawn exactly" "agency in Page(d + '/pl/status.svg').text"
j plot heatmap --names --year 115 --out "$TMP/pl" --format svg --keep-scripts
expect_rc "the heat map with the vendor's name" 0
py "gnuplot chart: the name drawn, its line break a space" "nasty.replace('\n', ' ') in Page(d + '/pl/heatmap.svg').text"
py "gnuplot script holds no data" "'Brien' not in open(d + '/pl/heatmap.gp').read() and 'alert' not in open(d + '/pl/status.gp').read()"
expect_eq "still nothing ran" "$(ls "$TMP" | grep -c pwned)" 0

done_testing
