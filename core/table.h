/*
 * table.h - plain-text tables for the terminal, aligned by display width
 * so that Traditional Chinese (two columns a character) lines up.
 *
 *     struct table t;
 *     table_init(&t, 3);
 *     table_header(&t, "項目", "n", "比率");   (exactly ncols strings)
 *     table_row(&t, "C01", "12", "41.7%");
 *     table_align(&t, 1, TABLE_RIGHT);
 *     table_print(&t, stdout);
 *     table_release(&t);
 */
#ifndef JAUDIT_TABLE_H
#define JAUDIT_TABLE_H

#include <stdio.h>
#include <stddef.h>

enum table_align { TABLE_LEFT, TABLE_RIGHT };

struct table {
	size_t ncols;
	size_t nrows;		/* including the header, if any */
	int has_header;
	char **cells;		/* nrows * ncols, owned */
	enum table_align *align;
	size_t alloc;
};

void table_init(struct table *t, size_t ncols);
void table_release(struct table *t);
/* ncols strings follow (copied). */
void table_header(struct table *t, ...);
void table_row(struct table *t, ...);
/* The same from an array of ncols strings (copied; NULL prints empty). */
void table_row_v(struct table *t, const char *const *cells);
void table_align(struct table *t, size_t col, enum table_align a);
/* Columns separated by two spaces, a rule under the header. */
void table_print(const struct table *t, FILE *fp);

#endif
