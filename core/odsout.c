/*
 * odsout.c - sheets as an OpenDocument spreadsheet (odsout.h).
 */
#include "odsout.h"
#include "date.h"
#include "strbuf.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

#define NS \
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"" \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
	" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
	" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"" \
	" xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\"" \
	" xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\"" \
	" office:version=\"1.2\""

static const char mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";

static const char manifest[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\n"
	" <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\n"
	" <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
	" <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
	" <manifest:file-entry manifest:full-path=\"settings.xml\" manifest:media-type=\"text/xml\"/>\n"
	"</manifest:manifest>\n";

/* A4 landscape for printing */
static const char styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<office:document-styles" NS ">\n"
	"<office:automatic-styles><style:page-layout style:name=\"pm1\">"
	"<style:page-layout-properties fo:page-width=\"29.7cm\" fo:page-height=\"21cm\""
	" style:print-orientation=\"landscape\"/>"
	"</style:page-layout></office:automatic-styles>\n"
	"<office:master-styles><style:master-page style:name=\"Default\" style:page-layout-name=\"pm1\"/>"
	"</office:master-styles>\n"
	"</office:document-styles>\n";

/* text escaped for XML: & < > " and the control characters XML 1.0 refuses */
static void esc(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '&')
			strbuf_adds(sb, "&amp;");
		else if (c == '<')
			strbuf_adds(sb, "&lt;");
		else if (c == '>')
			strbuf_adds(sb, "&gt;");
		else if (c == '"')
			strbuf_adds(sb, "&quot;");
		else if (c < 0x20 && c != '\t')
			strbuf_addch(sb, ' ');
		else
			strbuf_addch(sb, (char)c);
	}
}

/* 'Sheet name'.A1 in a range address: ' doubled */
static void range_name(struct strbuf *sb, const char *name)
{
	struct strbuf q = STRBUF_INIT;

	strbuf_addch(&q, '\'');
	for (; *name; name++) {
		if (*name == '\'')
			strbuf_addch(&q, '\'');
		strbuf_addch(&q, *name);
	}
	strbuf_addch(&q, '\'');
	esc(sb, q.buf);
	strbuf_release(&q);
}

static void column_letters(size_t col, char *buf)
{
	char tmp[8];
	size_t n = 0, i;

	col++;
	while (col > 0 && n < sizeof(tmp)) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

/* the text a cell shows: an ISO date as 115/09/06 */
static void cell_text(struct strbuf *sb, const char *v, char kind)
{
	struct jdate d;
	char roc[DATE_ROC_LEN];

	if (kind == 'd' && date_from_db(v, &d) == 0) {
		date_roc_slash(d, roc);
		strbuf_adds(sb, roc);
	} else {
		esc(sb, v);
	}
}

static void content(struct strbuf *sb, const struct ods_sheet *sh, size_t n)
{
	size_t i, r, c, k;
	char col[8];

	strbuf_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content" NS ">\n"
		    "<office:automatic-styles>\n"
		    "<number:date-style style:name=\"Nroc\" number:language=\"zh\" number:country=\"TW\">"
		    "<number:year number:calendar=\"ROC\"/><number:text>/</number:text>"
		    "<number:month number:style=\"long\" number:calendar=\"ROC\"/><number:text>/</number:text>"
		    "<number:day number:style=\"long\" number:calendar=\"ROC\"/></number:date-style>\n"
		    "<style:style style:name=\"ta1\" style:family=\"table\" style:master-page-name=\"Default\">"
		    "<style:table-properties table:display=\"true\"/></style:style>\n"
		    "<style:style style:name=\"head\" style:family=\"table-cell\">"
		    "<style:table-cell-properties fo:background-color=\"#eef3fa\" fo:border-bottom=\"0.5pt solid #000000\"/>"
		    "<style:text-properties fo:font-weight=\"bold\" style:font-weight-asian=\"bold\"/></style:style>\n"
		    "<style:style style:name=\"date\" style:family=\"table-cell\" style:data-style-name=\"Nroc\"/>\n");
	for (i = 0; i < n; i++)
		for (c = 0; c < sh[i].ncols; c++)
			/* about 0.2 cm a character column, as in the .xlsx */
			strbuf_addf(sb, "<style:style style:name=\"co%zu_%zu\" style:family=\"table-column\">"
				    "<style:table-column-properties style:column-width=\"%.2fcm\"/></style:style>\n",
				    i, c, 0.2 * (double)sh[i].width[c]);
	strbuf_adds(sb, "</office:automatic-styles>\n<office:body><office:spreadsheet>\n");
	for (i = 0; i < n; i++) {
		strbuf_adds(sb, "<table:table table:name=\"");
		esc(sb, sh[i].name);
		strbuf_adds(sb, "\" table:style-name=\"ta1\">\n");
		for (c = 0; c < sh[i].ncols; c++)
			strbuf_addf(sb, "<table:table-column table:style-name=\"co%zu_%zu\"/>", i, c);
		strbuf_adds(sb, "\n");
		for (r = 0; r < sh[i].nrows; r++) {
			if (r == 0)
				strbuf_adds(sb, "<table:table-header-rows>");
			strbuf_adds(sb, "<table:table-row>");
			for (c = 0; c < sh[i].ncols; c++) {
				const char *v = sh[i].cells[r * sh[i].ncols + c];
				char kind = sh[i].kinds[r * sh[i].ncols + c];

				if (!v || !*v) {
					strbuf_adds(sb, "<table:table-cell/>");
					continue;
				}
				if (r == 0)
					strbuf_adds(sb, "<table:table-cell table:style-name=\"head\" office:value-type=\"string\">");
				else if (kind == 'd')
					strbuf_addf(sb, "<table:table-cell table:style-name=\"date\" office:value-type=\"date\""
						    " office:date-value=\"%s\">", v);
				else if (kind == 'f')
					strbuf_addf(sb, "<table:table-cell office:value-type=\"float\" office:value=\"%s\">", v);
				else
					strbuf_adds(sb, "<table:table-cell office:value-type=\"string\">");
				strbuf_adds(sb, "<text:p>");
				cell_text(sb, v, r == 0 ? 's' : kind);
				strbuf_adds(sb, "</text:p></table:table-cell>");
			}
			strbuf_adds(sb, "</table:table-row>");
			if (r == 0)
				strbuf_adds(sb, "</table:table-header-rows>");
			strbuf_adds(sb, "\n");
		}
		strbuf_adds(sb, "</table:table>\n");
	}
	/* an autofilter on each sheet's table */
	strbuf_adds(sb, "<table:database-ranges>\n");
	for (i = 0; i < n; i++) {
		if (!sh[i].ncols)
			continue;
		column_letters(sh[i].ncols - 1, col);
		strbuf_addf(sb, "<table:database-range table:name=\"__Anonymous_Sheet_DB__%zu\" table:target-range-address=\"", i);
		range_name(sb, sh[i].name);
		strbuf_adds(sb, ".A1:");
		range_name(sb, sh[i].name);
		k = sh[i].nrows ? sh[i].nrows : 1;
		strbuf_addf(sb, ".%s%zu\" table:display-filter-buttons=\"true\"/>\n", col, k);
	}
	strbuf_adds(sb, "</table:database-ranges>\n</office:spreadsheet></office:body></office:document-content>\n");
}

/* the header row frozen on every sheet (LibreOffice's view settings) */
static void settings(struct strbuf *sb, const struct ods_sheet *sh, size_t n)
{
	size_t i;

	strbuf_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-settings" NS ">\n"
		    "<office:settings><config:config-item-set config:name=\"ooo:view-settings\">"
		    "<config:config-item-map-indexed config:name=\"Views\"><config:config-item-map-entry>"
		    "<config:config-item config:name=\"ViewId\" config:type=\"string\">view1</config:config-item>"
		    "<config:config-item-map-named config:name=\"Tables\">\n");
	for (i = 0; i < n; i++) {
		strbuf_adds(sb, "<config:config-item-map-entry config:name=\"");
		esc(sb, sh[i].name);
		strbuf_adds(sb, "\">"
			    "<config:config-item config:name=\"HorizontalSplitMode\" config:type=\"short\">0</config:config-item>"
			    "<config:config-item config:name=\"VerticalSplitMode\" config:type=\"short\">2</config:config-item>"
			    "<config:config-item config:name=\"HorizontalSplitPosition\" config:type=\"int\">0</config:config-item>"
			    "<config:config-item config:name=\"VerticalSplitPosition\" config:type=\"int\">1</config:config-item>"
			    "<config:config-item config:name=\"ActiveSplitRange\" config:type=\"short\">2</config:config-item>"
			    "<config:config-item config:name=\"PositionLeft\" config:type=\"int\">0</config:config-item>"
			    "<config:config-item config:name=\"PositionRight\" config:type=\"int\">0</config:config-item>"
			    "<config:config-item config:name=\"PositionTop\" config:type=\"int\">0</config:config-item>"
			    "<config:config-item config:name=\"PositionBottom\" config:type=\"int\">1</config:config-item>"
			    "</config:config-item-map-entry>\n");
	}
	strbuf_adds(sb, "</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed>"
		    "</config:config-item-set></office:settings></office:document-settings>\n");
}

static int add(zip_t *za, const char *name, const char *data, size_t len, int store)
{
	zip_source_t *src = zip_source_buffer(za, data, len, 0);
	zip_int64_t idx;

	if (!src)
		return -1;
	idx = zip_file_add(za, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	return zip_set_file_compression(za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
}

int ods_write(const char *path, const struct ods_sheet *sheets, size_t n, char *err, size_t errlen)
{
	struct strbuf c = STRBUF_INIT, s = STRBUF_INIT;
	zip_error_t ze;
	zip_t *za;
	int zerr = 0, rc = 0;

	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		zip_error_init_with_code(&ze, zerr);
		snprintf(err, errlen, "%s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	content(&c, sheets, n);
	settings(&s, sheets, n);
	/* the mimetype first and stored, as ODF requires */
	if (add(za, "mimetype", mimetype, strlen(mimetype), 1) < 0 ||
	    add(za, "content.xml", c.buf, c.len, 0) < 0 ||
	    add(za, "styles.xml", styles, strlen(styles), 0) < 0 ||
	    add(za, "settings.xml", s.buf, s.len, 0) < 0 ||
	    add(za, "META-INF/manifest.xml", manifest, strlen(manifest), 0) < 0) {
		snprintf(err, errlen, "%s", zip_strerror(za));
		zip_discard(za);
		rc = -1;
	} else if (zip_close(za) < 0) {
		snprintf(err, errlen, "%s", zip_strerror(za));
		zip_discard(za);
		rc = -1;
	}
	strbuf_release(&c);
	strbuf_release(&s);
	return rc;
}
