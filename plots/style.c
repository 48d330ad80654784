/*
 * style.c - fonts, colours, sizes and the preamble of every chart script.
 */
#include "style.h"
#include "gnuplot.h"

#include <stdio.h>

const char *style_ext(enum chart_format f)
{
	return f == CHART_SVG ? "svg" : "png";
}

static const char *const series[] = {
	"#4a7bb7", "#c8553d", "#2e9e6a", "#8e5ea2", "#e0a030",
	"#3a9fbf", "#a05a2c", "#6b6b6b",
};

const char *style_series_colour(unsigned i)
{
	return series[i % (sizeof(series) / sizeof(series[0]))];
}

/* open, in progress, pending verification, closed, risk accepted */
static const char *const status_colours[] = {
	"#c8553d", "#e0a030", "#3a9fbf", "#2e9e6a", "#8a8a8a",
};

const char *style_status_colour(unsigned status)
{
	if (status >= sizeof(status_colours) / sizeof(status_colours[0]))
		return STYLE_REFLINE;
	return status_colours[status];
}

int style_height_for_rows(unsigned n, int per_row, int margin)
{
	int h = (int)n * per_row + margin;

	return h < 360 ? 360 : h;
}

void style_literal(struct strbuf *gp, const char *s)
{
	strbuf_addch(gp, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_addch(gp, '\'');
		if (*s == '\n' || *s == '\r')
			strbuf_addch(gp, ' ');
		else
			strbuf_addch(gp, *s);
	}
	strbuf_addch(gp, '\'');
}

void style_preamble(struct strbuf *gp, enum chart_format f, int width, int height,
		    const char *output)
{
	strbuf_adds(gp, "# jaudit chart script: run 'gnuplot THIS.gp' in this directory to redraw.\n"
		    "# Styling (font, colours, sizes) comes from jaudit's plots/style.c.\n");
	if (f == CHART_SVG)
		strbuf_addf(gp, "set terminal svg size %d,%d dynamic font '%s,%d' noenhanced background '#ffffff'\n",
			    width, height, STYLE_FONT, STYLE_FONT_SIZE);
	else
		strbuf_addf(gp, "set terminal pngcairo size %d,%d font '%s,%d' noenhanced background '#ffffff'\n",
			    width, height, STYLE_FONT, STYLE_FONT_SIZE);
	strbuf_adds(gp, "set output ");
	style_literal(gp, output);
	strbuf_adds(gp, "\nset encoding utf8\n"
		    "set datafile separator \"\\t\"\n");
	strbuf_addf(gp, "set grid back lc rgb '%s' lw 1\n", STYLE_GRID);
	strbuf_adds(gp, "set border 3 lc rgb '#444444'\nset tics nomirror\n"
		    "set key noautotitle\n");
	/* the quote mark of gp_put_string(), as an octal escape */
	strbuf_addf(gp, "dq(s) = (dq_p = strstrt(s, \"\\%03o\"), dq_p == 0 ? s : "
		    "s[1:dq_p-1] . \"\\\"\" . dq(s[dq_p+1:]))\n", GP_QUOTE_MARK);
}
