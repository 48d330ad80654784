/*
 * html.h - HTML escaping, the tables of the report (shown in the page and
 * written as CSV from one source), and the report page itself, written
 * from the figures of analysis.h and remediation.h (no database access).
 */
#ifndef JAUDIT_HTML_H
#define JAUDIT_HTML_H

#include <stddef.h>
#include "../analyze/analysis.h"
#include "../core/date.h"
#include "../track/remediation.h"
#include "../core/strbuf.h"

/* Append s with & < > " ' escaped (text and attribute values alike). */
void html_escape(struct strbuf *sb, const char *s);

/*
 * A table of the report: each cell has the text shown in the page and the
 * value written to the CSV file (a plain number, an ISO date…).
 */
struct rtable {
	size_t ncols, ncells, alloc;
	char **head;		/* ncols */
	char **shown, **raw;	/* ncells, row-major */
	unsigned char *numeric;	/* ncols: RTABLE_TEXT, RTABLE_NUM, RTABLE_INTERVAL */
	const char *lo_name, *hi_name;	/* suffixes of an interval's two CSV columns */
	unsigned char *marked;	/* per row: shown highlighted */
	size_t nmarked;
};

enum {
	RTABLE_TEXT = 0,
	RTABLE_NUM = 1,		/* right-aligned */
	RTABLE_INTERVAL = 2,	/* right-aligned; raw "low<TAB>high": two CSV columns */
	RTABLE_CODE = 3,	/* short text kept on one line */
};

/*
 * head: ncols column names (copied); numeric: ncols RTABLE_* kinds, or
 * NULL for text.  An interval column "信賴區間" becomes the CSV columns
 * "信賴區間下限" and "信賴區間上限" (lo_name, hi_name: "下限", "上限"; with
 * en, " low", " high").
 */
void rtable_init(struct rtable *t, size_t ncols, const char *const *head,
		 const unsigned char *numeric, int en);
/* The next cell; raw NULL means the same as shown.  Both copied. */
void rtable_cell(struct rtable *t, const char *shown, const char *raw);
size_t rtable_rows(const struct rtable *t);
/* Highlight the row whose cells come next (a common finding). */
void rtable_mark_row(struct rtable *t);
/* <table id="ID"> with a caption, every cell escaped. */
void rtable_html(const struct rtable *t, const char *id, const char *caption, struct strbuf *out);
/* path: UTF-8 with BOM (Excel reads the Chinese right), CRLF. */
int rtable_csv(const struct rtable *t, const char *path);
void rtable_release(struct rtable *t);

/*
 * An SVG file inlined into the page: the XML prolog dropped, every id
 * prefixed with `prefix` so that several charts in one page do not share
 * ids.  Returns 0, or JAUDIT_EDATA when the file is unreadable or no SVG.
 */
int html_inline_svg(struct strbuf *out, const char *path, const char *prefix);

/* An overdue record, for the report's list. */
struct report_overdue {
	const char *finding;	/* 115-07-C01 */
	const char *item;	/* C01 */
	const char *owner;	/* 資安署, or the agency */
	struct jdate due;
	long days;		/* overdue by, as of the report's date */
	enum remed_status status;	/* its status at that date */
};

struct report_chart {
	const char *name;	/* common, dimensions, … */
	const char *caption;
	const char *path;	/* the SVG to inline */
};

struct report_input {
	int en;
	struct jdate as_of;
	const struct analysis *a;		/* required */
	const struct trend *t;			/* NULL: one year only */
	const struct remed_summary *s;		/* NULL: no remediation records */
	const struct report_overdue *overdue;
	size_t noverdue;
	const struct report_chart *charts;
	size_t ncharts;
	const char *appendices;			/* HTML after the methods, or NULL */
	const char *texts_css;			/* report_texts.h: styles after the page's, or NULL */
	const char *texts;			/* its sections after the common findings, or NULL */
	const char *texts_methods;		/* its <dt>/<dd> at the end of the methods, or NULL */
	const char *edition;			/* 內部版, 公開版 … in the header, or NULL */
};

/*
 * The CSV files the report writes beside index.html, in the page's order:
 * the head, then finding_texts.csv and (internal edition) vendors.csv, then
 * the tail.  report.xlsx holds them as sheets in the same order.
 */
#define REPORT_CSV_HEAD "summary.csv common.csv"
#define REPORT_CSV_TAIL "dimensions.csv pairs.csv agreement.csv " \
	"remediation.csv overdue.csv closure.csv trend_years.csv trend_items.csv " \
	"repeats.csv repeats_closed.csv basis.csv funnel.csv"
#define REPORT_CSV_FILES REPORT_CSV_HEAD " " REPORT_CSV_TAIL

/*
 * Write dir/index.html (one self-contained page: inline styles and SVG
 * charts, nothing fetched) and the same tables as dir/NAME.csv.  Returns 0
 * or JAUDIT_EDATA with a message.
 */
int report_page_write(const char *dir, const struct report_input *in);

#endif
