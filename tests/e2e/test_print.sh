#!/bin/sh
# End-to-end: the annual report of the sample years printed to A4 by
# headless Chromium, and the PDF read page by page as a reader turns it
# (poppler-utils: pdfinfo, pdftotext, pdftoppm):
#   - A4, and no more pages than measured (below);
#   - no page more than half empty, except the last page of a section (the
#     next page opens with a section's heading) and the last page;
#   - no file:// address, date or title of the browser's own header and
#     footer, even when the browser is left to print them;
#   - every figure's caption on the page of its chart; every table's
#     caption, and every heading, with something of its own below it on
#     its page (never stranded at a page's foot).
# The report, its PDF and its first pages as PNG stay in tests/out/print/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/sample_year.sh"

need_gnuplot
for t in chromium pdfinfo pdftotext pdftoppm; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "e2e: $E2E_NAME skipped: $t is not installed (tools/deps.sh check installs chromium and poppler-utils)"
		echo "e2e: 0 passed, 0 failed"
		exit 0
	fi
done
load_sample_years || { not_ok "the sample years load"; done_testing; exit 1; }
OUT="$TMP/report"
j report --year 115 --out "$OUT" --as-of 115/11/20
expect_rc "report" 0
page="$OUT/index.html"

chrome() {
	timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$TMP/chrome.XXXXXX")" "$@" >/dev/null 2>>"$TMP/chrome.err"
}
PDF="$TMP/report.pdf"
chrome --no-pdf-header-footer --print-to-pdf="$PDF" "file://$page"
# the browser's default, headers and footers on, as a clerk would print
chrome --print-to-pdf="$TMP/default.pdf" "file://$page"
if [ "$(head -c 4 "$PDF" 2>/dev/null)" != "%PDF" ] || [ "$(head -c 4 "$TMP/default.pdf" 2>/dev/null)" != "%PDF" ]; then
	not_ok "chromium prints the report" "$(tail -5 "$TMP/chrome.err")"
	done_testing
	exit 1
fi
ok "chromium prints the report"

pages=$(pdfinfo "$PDF" | awk '/^Pages:/ { print $2 }')
if pdfinfo "$PDF" | grep -q '^Page size:.*(A4)'; then ok "A4 pages"; else not_ok "A4 pages" "$(pdfinfo "$PDF" | grep 'Page size')"; fi

# The page count.  Measured on 115/12/06 (Chromium, Noto Sans CJK TC): 17
# pages for the sections below, the finding texts and the vendor key (二之一,
# 二之二), eight charts and 附錄一, 附錄二 among them (12 for the first ten
# sections alone; 16 before the print stylesheet put a new page only before
# the charts and the appendices).  The bound allows one page of font or
# engine drift.  A report with other sections than these is held instead to
# a mean page fill of 80% (the 17 pages have 82%).
MEASURED="overview common-findings finding-texts vendors-section charts dimensions-section pairs-section agreement-section remediation-section trend-section methods repeats-section basis-section"
MAX_PAGES=18
sections=$(grep -o '<section id="[^"]*"' "$page" | sed 's/.*id="//; s/"$//' | tr '\n' ' ' | sed 's/ $//')

# --- text and fill of each page ----------------------------------------------
# The fill of a page: the lowest non-white row of the page area (within the
# @page margins of plots/html.c: 14 mm top, 16 mm bottom, where the page
# number sits), as a share of the area's height, from a 30 dpi grey render.
mkdir -p "$TMP/pages"
pdftoppm -r 30 -gray "$PDF" "$TMP/pages/p"
i=1
sum=0
while [ "$i" -le "$pages" ]; do
	# in reading order as laid out (top to bottom, a table row on one line),
	# spaces squeezed, without blank lines and the page number
	pdftotext -layout -f "$i" -l "$i" "$PDF" - | sed 's/^[[:space:]]*//; s/[[:space:]]*$//; s/  */ /g' |
		grep -v '^$' | grep -v "^$i / $pages\$" > "$TMP/pages/$i.txt"
	pgm=$(ls "$TMP/pages"/p-*.pgm | sed -n "${i}p")
	# a P5 header "P5\nW H\n255\n", then W x H bytes: one od line per row
	set -- $(head -c 20 "$pgm" | tr '\n' ' ')
	fill=$(tail -c $(($2 * $3)) "$pgm" | od -An -v -tu1 -w"$2" | awk -v h="$3" '
		BEGIN { top = h * 14 / 297; bot = h * (297 - 16) / 297 }
		NR < bot { for (k = 1; k <= NF; k++) if ($k < 200) { last = NR; break } }
		END { f = (last - top) * 100 / (bot - top); print (f < 0 ? 0 : int(f)) }')
	echo "$fill" > "$TMP/pages/$i.fill"
	sum=$((sum + fill))
	i=$((i + 1))
done
mean=$((sum / pages))
fills=$(i=1; while [ "$i" -le "$pages" ]; do printf '%s%%%s' "$(cat "$TMP/pages/$i.fill")" "$([ "$i" -lt "$pages" ] && echo ' ')"; i=$((i + 1)); done)
echo "e2e: $E2E_NAME: $pages pages, filled $fills (mean $mean%)"
if [ "$sections" = "$(echo $MEASURED)" ]; then
	if [ "$pages" -le "$MAX_PAGES" ]; then ok "at most $MAX_PAGES pages ($pages)"; else not_ok "at most $MAX_PAGES pages" "$pages pages, filled $fills"; fi
else
	echo "e2e: $E2E_NAME: the report's sections are not those measured ($sections); the mean fill is checked instead of the page count"
fi
if [ "$mean" -ge 80 ]; then ok "mean page fill at least 80% ($mean%)"; else not_ok "mean page fill at least 80%" "$mean%: $fills"; fi

# the section headings, as the page shows them
sed -n 's|.*<h2>\(.*\)</h2>.*|\1|p' "$page" | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g' > "$TMP/h2.txt"
expect_eq "every section has its heading" "$(wc -l < "$TMP/h2.txt")" "$(echo "$sections" | wc -w)"
i=1
while [ "$i" -lt "$pages" ]; do
	next=$(head -1 "$TMP/pages/$((i + 1)).txt")
	fill=$(cat "$TMP/pages/$i.fill")
	if grep -qxF -- "$next" "$TMP/h2.txt"; then
		: # the last page of a section: may be short
	elif [ "$fill" -lt 50 ]; then
		not_ok "page $i is at least half full" "$fill% full, and page $((i + 1)) opens with '$next', not a section"
	else
		ok "page $i is at least half full"
	fi
	i=$((i + 1))
done

# --- the browser's header and footer -------------------------------------------
for f in "$PDF" "$TMP/default.pdf"; do
	if pdftotext "$f" - | grep -q 'file:'; then
		not_ok "no file:// on any page ($(basename "$f"))" "$(pdftotext "$f" - | grep 'file:' | head -2)"
	else
		ok "no file:// on any page ($(basename "$f"))"
	fi
done
# with the browser's headers on, the page still shows only its own footer
title=$(sed -n 's|.*<title>\(.*\)</title>.*|\1|p' "$page")
if pdftotext -f 2 -l 2 "$TMP/default.pdf" - | grep -qF -- "$title"; then
	not_ok "no browser header (the title) on page 2 of the default print"
else
	ok "no browser header (the title) on page 2 of the default print"
fi
expect_eq "the page number in the footer" "$(pdftotext -f 2 -l 2 "$PDF" - | grep -c "^2 / $pages\$")" 1

# --- figures and captions ----------------------------------------------------
# page_of TEXT: the first page whose text holds TEXT, or 0
page_of() {
	_i=1
	while [ "$_i" -le "$pages" ]; do
		if grep -qF -- "$1" "$TMP/pages/$_i.txt"; then echo "$_i"; return; fi
		_i=$((_i + 1))
	done
	echo 0
}
# lines_after PAGE TEXT: the lines of PAGE below the first that holds TEXT
# (TEXT's spaces squeezed as the page's are)
lines_after() {
	awk -v t="$2" 'seen { n++ } !seen && index($0, t) { seen = 1 } END { print n + 0 }' "$TMP/pages/$1.txt"
}
# Each figure: its caption (圖 N.) and its chart's own title (the SVG's
# 14-point text, text in the PDF too: the charts are inline SVG, vector, so
# pdfimages lists no image for them; the title is what shows the chart is
# on the page).
awk '/<figure id=/ { n++; want = 1 }
	want && /font-size="14.00"/ { grab = 1; next }
	grab && /<text>/ { sub(/.*<text>/, ""); sub(/<\/text>.*/, ""); print n "\t" $0; grab = 0; want = 0 }' "$page" > "$TMP/figures.txt"
nfig=$(grep -c '<figcaption>' "$page")
expect_eq "eight figures, each with a title" "$(wc -l < "$TMP/figures.txt")/$nfig" "8/8"
while IFS="	" read -r n t; do
	t=$(printf '%s\n' "$t" | sed 's/  */ /g')
	cp=$(page_of "圖 $n. ")
	tp=$(page_of "$t")
	if [ "$cp" -gt 0 ] && [ "$cp" = "$tp" ]; then
		ok "figure $n: caption on its chart's page"
	else
		not_ok "figure $n: caption on its chart's page" "caption on page $cp, chart '$t' on page $tp"
	fi
done < "$TMP/figures.txt"

# Each table's caption and each heading: on its page, with its table or text below it.
{
	sed -n 's|.*<caption>\(.*\)</caption>.*|caption\t\1|p' "$page"
	sed -n 's|.*<h[23]>\(.*\)</h[23]>.*|heading\t\1|p' "$page"
} | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g' > "$TMP/captions.txt"
while IFS="	" read -r kind t; do
	# a long caption wraps: its first 20 characters are on its first line
	t=$(printf '%s\n' "$t" | sed 's/  */ /g; s/^\(.\{20\}\).*/\1/')
	p=$(page_of "$t")
	if [ "$p" -eq 0 ]; then
		not_ok "$kind '$t' is printed"
		continue
	fi
	# a table's caption has at least its header row below it (a table may
	# have no rows), a heading two lines (its text, a table's caption and row)
	need=2
	[ "$kind" = caption ] && need=1
	n=$(lines_after "$p" "$t")
	if [ "$n" -ge "$need" ]; then
		ok "$kind '$t' with what follows it"
	else
		not_ok "$kind '$t' with what follows it" "page $p has $n lines below it, the rest is on page $((p + 1))"
	fi
done < "$TMP/captions.txt"

# --- for a person to look at -------------------------------------------------
KEEP="$ROOT/tests/out/print"
mkdir -p "$KEEP"
rm -rf "$KEEP/report"
cp -r "$OUT" "$KEEP/report"
cp "$PDF" "$KEEP/report.pdf"
rm -f "$KEEP"/page-*.png
pdftoppm -r 50 -png -f 1 -l 4 "$PDF" "$KEEP/page"

done_testing
