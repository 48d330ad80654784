/*
 * htmldoc.c - printable pages for agencies and owners (htmldoc.h).
 */
#include "htmldoc.h"
#include "err.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void htmldoc_escape(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			strbuf_adds(sb, "&amp;");
			break;
		case '<':
			strbuf_adds(sb, "&lt;");
			break;
		case '>':
			strbuf_adds(sb, "&gt;");
			break;
		case '"':
			strbuf_adds(sb, "&quot;");
			break;
		case '\'':
			strbuf_adds(sb, "&#39;");
			break;
		default:
			strbuf_addch(sb, *s);
		}
	}
}

void htmldoc_elem(struct strbuf *sb, const char *tag, const char *s)
{
	size_t n = strcspn(tag, " ");

	strbuf_addf(sb, "<%s>", tag);
	htmldoc_escape(sb, s);
	strbuf_addf(sb, "</%.*s>", (int)n, tag);
}

static const char css[] =
	"@page { size: A4; margin: 16mm 15mm 18mm 15mm; }\n"
	"body { font-family: 'Noto Sans CJK TC', 'Noto Sans TC', 'Microsoft JhengHei', sans-serif;"
	" font-size: 10.5pt; line-height: 1.5; color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }\n"
	"h1 { font-size: 16pt; margin: 0 0 4pt; }\n"
	"h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #888; break-after: avoid; }\n"
	"h3 { font-size: 11pt; margin: 10pt 0 3pt; break-after: avoid; }\n"
	"p.meta { margin: 0 0 8pt; color: #333; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }\n"
	"caption { text-align: left; font-weight: bold; padding: 2pt 0; caption-side: top; }\n"
	"th, td { border: 1px solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }\n"
	"th { background: #eee; }\n"
	"td.n { text-align: right; white-space: nowrap; }\n"
	"td.c { white-space: nowrap; }\n"
	"col.h { width: 14%; }\n"
	"th.wide { width: 34%; }\n"
	"table.finding caption { font-weight: bold; }\n"
	"table.finding caption .q { font-weight: normal; color: #333; }\n"
	"table.finding th { white-space: nowrap; }\n"
	"tr, .keep { break-inside: avoid; }\n"
	"thead { display: table-header-group; }\n"
	".late { color: #a00; font-weight: bold; }\n"
	".note { font-size: 9pt; color: #444; }\n"
	"@media print { body { padding: 0; max-width: none; } }\n";

void htmldoc_begin(struct strbuf *sb, const char *title)
{
	strbuf_adds(sb, "<!DOCTYPE html>\n<html lang=\"zh-Hant\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	htmldoc_escape(sb, title);
	strbuf_addf(sb, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

void htmldoc_end(struct strbuf *sb)
{
	strbuf_adds(sb, "</body>\n</html>\n");
}

FILE *htmldoc_open_private(const char *what, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FILE *fp;

	if (fd < 0) {
		jerror("%s: cannot write '%s': %s", what, path, strerror(errno));
		return NULL;
	}
	fchmod(fd, 0600);
	fp = fdopen(fd, "w");
	if (!fp) {
		jerror("%s: cannot write '%s': %s", what, path, strerror(errno));
		close(fd);
	}
	return fp;
}

int htmldoc_close(FILE *fp, const char *what, const char *path)
{
	int bad = ferror(fp);

	if (fclose(fp) != 0 || bad)
		return jerror("%s: writing '%s' failed: %s", what, path, strerror(errno));
	return 0;
}

int htmldoc_write(const char *what, const char *path, const char *text)
{
	FILE *fp = htmldoc_open_private(what, path);

	if (!fp)
		return JAUDIT_EDATA;
	fputs(text, fp);
	return htmldoc_close(fp, what, path);
}
