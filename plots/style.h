/*
 * style.h - the look of every chart, in one place: the font, the colours,
 * the canvas sizes and the gnuplot preamble every script begins with.
 * Restyling a chart for good means editing style.c; restyling one chart
 * once means `--keep-scripts` and editing the kept .gp file.
 */
#ifndef JAUDIT_STYLE_H
#define JAUDIT_STYLE_H

#include "../core/strbuf.h"

enum chart_format { CHART_PNG, CHART_SVG };

/* "png" / "svg": the file name extension. */
const char *style_ext(enum chart_format f);

/* The CJK font (fonts-noto-cjk) and the text sizes, in points. */
#define STYLE_FONT "Noto Sans CJK TC"
#define STYLE_FONT_SIZE 11
#define STYLE_TITLE_SIZE 14

/* Colours, as gnuplot "#rrggbb" strings. */
#define STYLE_BAR	"#4a7bb7"	/* an ordinary bar */
#define STYLE_COMMON	"#c8553d"	/* a common finding */
#define STYLE_ERRBAR	"#222222"	/* interval whiskers */
#define STYLE_REFLINE	"#7a7a7a"	/* thresholds, due dates */
#define STYLE_GRID	"#d9d9d9"

/* The colour of the i-th series of a line chart (cycles). */
const char *style_series_colour(unsigned i);

/* The colour of a remediation status (enum remed_status order). */
const char *style_status_colour(unsigned status);

/* Canvas: a width and the height that gives each of n rows `per_row` pixels. */
#define STYLE_WIDTH 1000
#define STYLE_ROW 26
int style_height_for_rows(unsigned n, int per_row, int margin);

/*
 * Append the preamble of a script that writes `output` (a plain file name
 * in the working directory) at width x height pixels: the pngcairo or svg
 * terminal with the CJK font and noenhanced text (so that _ ^ { } @ & in
 * names print as themselves), the tab-separated data files, UTF-8, the
 * grid, and dq(s), which turns GP_QUOTE_MARK back into '"'.
 */
void style_preamble(struct strbuf *gp, enum chart_format f, int width, int height,
		    const char *output);

/*
 * Append a gnuplot string literal holding s (text jaudit itself writes:
 * titles and axis labels, never data).  Single-quoted, ' doubled, so that
 * no backslash or quote in it is taken as syntax.
 */
void style_literal(struct strbuf *gp, const char *s);

#endif
