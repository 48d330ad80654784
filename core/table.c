#include "table.h"
#include "strbuf.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void table_init(struct table *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->align = xcalloc(ncols, sizeof(*t->align));
}

void table_release(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->align);
	memset(t, 0, sizeof(*t));
}

void table_row_v(struct table *t, const char *const *cells)
{
	size_t i;

	if ((t->nrows + 1) * t->ncols > t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : t->ncols * 16;
		while (t->alloc < (t->nrows + 1) * t->ncols)
			t->alloc *= 2;
		t->cells = xrealloc(t->cells, t->alloc * sizeof(*t->cells));
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

static void row_va(struct table *t, va_list ap)
{
	const char **cells = xmalloc(t->ncols * sizeof(*cells));
	size_t i;

	for (i = 0; i < t->ncols; i++)
		cells[i] = va_arg(ap, const char *);
	table_row_v(t, cells);
	free(cells);
}

void table_header(struct table *t, ...)
{
	va_list ap;

	va_start(ap, t);
	row_va(t, ap);
	va_end(ap);
	t->has_header = 1;
}

void table_row(struct table *t, ...)
{
	va_list ap;

	va_start(ap, t);
	row_va(t, ap);
	va_end(ap);
}

void table_align(struct table *t, size_t col, enum table_align a)
{
	if (col < t->ncols)
		t->align[col] = a;
}

static void pad(FILE *fp, size_t n)
{
	while (n--)
		fputc(' ', fp);
}

void table_print(const struct table *t, FILE *fp)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w));
	size_t r, c, total = 0;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			size_t cw = utf8_width(t->cells[r * t->ncols + c]);

			if (cw > w[c])
				w[c] = cw;
		}
	for (c = 0; c < t->ncols; c++)
		total += w[c] + (c ? 2 : 0);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t cw = utf8_width(s);
			int last = c + 1 == t->ncols;

			if (c)
				fputs("  ", fp);
			if (t->align[c] == TABLE_RIGHT)
				pad(fp, w[c] - cw);
			fputs(s, fp);
			if (t->align[c] == TABLE_LEFT && !last)
				pad(fp, w[c] - cw);
		}
		fputc('\n', fp);
		if (r == 0 && t->has_header) {
			size_t i;

			for (i = 0; i < total; i++)
				fputc('-', fp);
			fputc('\n', fp);
		}
	}
	free(w);
}
