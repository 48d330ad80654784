/*
 * repeats.c - repeat findings, vendor by vendor across the years
 * (repeats.h).  One yearpass per year gives each vendor's worst rating of
 * each item; the rows are sorted by vendor and year, and each vendor's
 * consecutive audits are compared item by item.
 */
#include "repeats.h"
#include "../core/date.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/rating.h"
#include "../core/strbuf.h"
#include "yearpass.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One vendor in one year: its worst rating of each code (the union's order). */
struct vrow {
	char taxid[16];
	int year;
	unsigned char *r;
};

struct collect {
	struct vrow *rows;
	size_t nrows, alloc;
	size_t ncodes;
	const int *map;		/* the year's item i -> union code */
	size_t nlocal;
	int year;
};

static int collect_vendor(void *vctx, const char *taxid, const unsigned char *worst)
{
	struct collect *c = vctx;
	struct vrow *v;
	size_t i;

	if (c->nrows == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 256;
		c->rows = xrealloc(c->rows, c->alloc * sizeof(*c->rows));
	}
	v = &c->rows[c->nrows++];
	snprintf(v->taxid, sizeof(v->taxid), "%s", taxid);
	v->year = c->year;
	v->r = xcalloc(c->ncodes ? c->ncodes : 1, 1);	/* RATING_NA */
	for (i = 0; i < c->nlocal; i++)
		v->r[c->map[i]] = worst[i];
	return 0;
}

static int cmp_rows(const void *a, const void *b)
{
	const struct vrow *x = a, *y = b;
	int c = strcmp(x->taxid, y->taxid);

	return c ? c : (x->year > y->year) - (x->year < y->year);
}

static int cmp_items(const void *a, const void *b)
{
	return strcmp(((const struct repeat_item *)a)->code, ((const struct repeat_item *)b)->code);
}

/* The union of the years' codes into r->items; per year the map to it. */
static int load_years(sqlite3 *db, int from, int to, const char *category,
		      struct repeats *r, struct yearpass_items *years)
{
	size_t alloc = 0, i, j;
	int y;

	for (y = from; y <= to; y++) {
		struct yearpass_items *it = &years[y - from];

		if (yearpass_items_load(db, y, category, NULL, it) < 0)
			return JAUDIT_EDATA;
		for (i = 0; i < it->n; i++) {
			for (j = 0; j < r->nitems; j++)
				if (strcmp(r->items[j].code, it->items[i].code) == 0)
					break;
			if (j == r->nitems) {
				if (r->nitems == alloc) {
					alloc = alloc ? 2 * alloc : 32;
					r->items = xrealloc(r->items, alloc * sizeof(*r->items));
				}
				memset(&r->items[j], 0, sizeof(r->items[j]));
				r->items[j].code = xstrdup(it->items[i].code);
				r->nitems++;
			}
			free(r->items[j].dimension);	/* the newest year's */
			r->items[j].dimension = xstrdup(it->items[i].dimension);
		}
	}
	if (r->nitems > 1)
		qsort(r->items, r->nitems, sizeof(*r->items), cmp_items);
	return 0;
}

static int code_index(const struct repeats *r, const char *code)
{
	size_t j;

	for (j = 0; j < r->nitems; j++)
		if (strcmp(r->items[j].code, code) == 0)
			return (int)j;
	return -1;
}

/* Every vendor-year row of [from, to]. */
static int collect_rows(sqlite3 *db, int from, int to, struct repeats *r,
			const struct yearpass_items *years, struct collect *c)
{
	int y, rc = 0;

	c->ncodes = r->nitems;
	for (y = from; y <= to && rc == 0; y++) {
		const struct yearpass_items *it = &years[y - from];
		int *map = xcalloc(it->n ? it->n : 1, sizeof(int));
		size_t i;

		for (i = 0; i < it->n; i++)
			map[i] = code_index(r, it->items[i].code);
		c->map = map;
		c->nlocal = it->n;
		c->year = y;
		if (it->n > 0)
			rc = yearpass_run(db, y, it, collect_vendor, c);
		free(map);
	}
	if (rc == 0 && c->nrows > 1)
		qsort(c->rows, c->nrows, sizeof(*c->rows), cmp_rows);
	return rc < 0 ? JAUDIT_EDATA : 0;
}

static void add_pair(struct repeats *r, size_t *alloc, const char *taxid, const char *code,
		     int y1, int y2, enum repeat_status s)
{
	struct repeat_pair *p;

	if (r->npairs == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 64;
		r->pairs = xrealloc(r->pairs, *alloc * sizeof(*r->pairs));
	}
	p = &r->pairs[r->npairs++];
	p->taxid = xstrdup(taxid);
	p->vendor = NULL;
	p->code = xstrdup(code);
	p->year1 = y1;
	p->year2 = y2;
	p->status = s;
}

/* Compare each vendor's consecutive audits, item by item. */
static void compare_rows(struct repeats *r, const struct collect *c, int strict)
{
	size_t alloc = 0, i, g;

	for (i = 0; i + 1 < c->nrows; i++) {
		const struct vrow *a = &c->rows[i], *b = &c->rows[i + 1];

		if (strcmp(a->taxid, b->taxid) != 0)
			continue;
		if (i == 0 || strcmp(c->rows[i - 1].taxid, a->taxid) != 0)
			r->vendors++;
		for (g = 0; g < r->nitems; g++) {
			struct repeat_item *it = &r->items[g];
			int f1, f2;

			if (a->r[g] == RATING_NA || b->r[g] == RATING_NA)
				continue;
			f1 = rating_is_finding((enum rating)a->r[g], strict);
			f2 = rating_is_finding((enum rating)b->r[g], strict);
			if (f1 && f2) {
				it->repeated++;
				add_pair(r, &alloc, a->taxid, it->code, a->year, b->year, REPEAT_REPEATED);
			} else if (f1) {
				it->fixed++;
				add_pair(r, &alloc, a->taxid, it->code, a->year, b->year, REPEAT_FIXED);
			} else if (f2) {
				it->fresh++;
				add_pair(r, &alloc, a->taxid, it->code, a->year, b->year, REPEAT_NEW);
			} else {
				it->clean++;
			}
		}
	}
}

static const char closed_sql[] =
	"SELECT m.id, min(h.date), (SELECT min(s.date) FROM sessions s"
	"  WHERE s.year = :y2 AND s.taxid = :taxid)"
	" FROM remediation m JOIN remediation_history h"
	"  ON h.record = m.id AND h.new_status = 'closed'"
	" WHERE m.year = :y1 AND m.taxid = :taxid AND m.item = :item"
	" GROUP BY m.id"
	" HAVING min(h.date) <= (SELECT min(s.date) FROM sessions s"
	"  WHERE s.year = :y2 AND s.taxid = :taxid)"
	" ORDER BY m.id";

/* A date of the closed list, checked as it is read (the text shows it in ROC form). */
static int stored_date_ok(const char *record, const char *what, const char *iso)
{
	struct strbuf sb = STRBUF_INIT;
	struct jdate d;
	int rc;

	strbuf_addf(&sb, "remediation record %s, %s", record, what);
	rc = date_from_db_or_say(iso, &d, sb.buf);
	strbuf_release(&sb);
	return rc;
}

/* The records of y1 closed before the next audit, for each repeated pair. */
static int find_closed(sqlite3 *db, struct repeats *r)
{
	sqlite3_stmt *st;
	size_t alloc = 0, i;
	int rc = SQLITE_DONE;

	if (db_prepare(db, &st, closed_sql) < 0)
		return JAUDIT_EDATA;
	for (i = 0; i < r->npairs && rc == SQLITE_DONE; i++) {
		const struct repeat_pair *p = &r->pairs[i];

		if (p->status != REPEAT_REPEATED)
			continue;
		db_reset(st);
		db_bind_int(st, ":y1", p->year1);
		db_bind_int(st, ":y2", p->year2);
		db_bind_text(st, ":taxid", p->taxid);
		db_bind_text(st, ":item", p->code);
		while ((rc = db_step(st)) == SQLITE_ROW) {
			struct repeat_closed *x;

			if (r->nclosed == alloc) {
				alloc = alloc ? 2 * alloc : 16;
				r->closed = xrealloc(r->closed, alloc * sizeof(*r->closed));
			}
			x = &r->closed[r->nclosed++];
			x->record = xstrdup(db_text(st, 0));
			snprintf(x->closed_on, sizeof(x->closed_on), "%s", db_text(st, 1));
			snprintf(x->audit2, sizeof(x->audit2), "%s", db_text(st, 2));
			x->taxid = xstrdup(p->taxid);
			x->vendor = NULL;
			x->code = xstrdup(p->code);
			x->year1 = p->year1;
			x->year2 = p->year2;
			if (stored_date_ok(x->record, "closed", db_text(st, 1)) < 0 ||
			    stored_date_ok(x->record, "next audit", db_text(st, 2)) < 0) {
				rc = JAUDIT_EDATA;
				break;
			}
			r->items[code_index(r, p->code)].closed_failed++;
		}
	}
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/* The vendors' names of the pairs and closed records. */
static int name_vendors(sqlite3 *db, struct repeats *r)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	if (db_prepare(db, &st, "SELECT name FROM vendors WHERE taxid = :taxid") < 0)
		return JAUDIT_EDATA;
	for (i = 0; i < r->npairs + r->nclosed && rc == 0; i++) {
		const char *taxid = i < r->npairs ? r->pairs[i].taxid : r->closed[i - r->npairs].taxid;
		char **name = i < r->npairs ? &r->pairs[i].vendor : &r->closed[i - r->npairs].vendor;
		int s;

		db_reset(st);
		db_bind_text(st, ":taxid", taxid);
		s = db_step(st);
		if (s < 0)
			rc = JAUDIT_EDATA;
		*name = xstrdup(s == SQLITE_ROW ? db_text(st, 0) : "");
	}
	db_finalize(st);
	return rc;
}

static int item_rates(struct repeats *r, const struct analysis_params *p)
{
	struct repeat_item *t = &r->total;
	size_t i, keep = 0;

	memset(t, 0, sizeof(*t));
	t->code = xstrdup("all");
	t->dimension = xstrdup("");
	for (i = 0; i < r->nitems; i++) {
		struct repeat_item *it = &r->items[i];

		if (it->repeated + it->fixed + it->fresh + it->clean == 0) {	/* never compared */
			free(it->code);
			free(it->dimension);
			continue;
		}
		t->repeated += it->repeated;
		t->fixed += it->fixed;
		t->fresh += it->fresh;
		t->clean += it->clean;
		t->closed_failed += it->closed_failed;
		r->items[keep++] = *it;
	}
	r->nitems = keep;
	for (i = 0; i <= r->nitems; i++) {
		struct repeat_item *it = i < r->nitems ? &r->items[i] : t;
		unsigned followed = it->repeated + it->fixed;

		it->rate = followed ? (double)it->repeated / followed : NAN;
		if (yearpass_interval(it->repeated, followed, p->level, p->exact,
				      &it->ci_low, &it->ci_high) < 0)
			return JAUDIT_EDATA;
	}
	return 0;
}

int repeats_run(sqlite3 *db, int from, int to, const struct analysis_params *p,
		struct repeats *r)
{
	struct yearpass_items *years = xcalloc((size_t)(to - from + 1), sizeof(*years));
	struct collect c;
	size_t i;
	int y, rc;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	r->params = *p;
	r->from = from;
	r->to = to;
	rc = load_years(db, from, to, p->category, r, years);
	if (rc == 0 && r->nitems == 0)
		rc = jerror("no year from %d to %d has a checklist; load one with 'jaudit init --year %d'",
			    from, to, to);
	if (rc == 0)
		rc = collect_rows(db, from, to, r, years, &c);
	if (rc == 0) {
		compare_rows(r, &c, p->strict);
		rc = find_closed(db, r);
	}
	if (rc == 0)
		rc = name_vendors(db, r);
	if (rc == 0)
		rc = item_rates(r, p);
	for (y = from; y <= to; y++)
		yearpass_items_release(&years[y - from]);
	free(years);
	for (i = 0; i < c.nrows; i++)
		free(c.rows[i].r);
	free(c.rows);
	if (rc < 0) {
		repeats_release(r);
		return JAUDIT_EDATA;
	}
	return 0;
}

void repeats_release(struct repeats *r)
{
	size_t i;

	for (i = 0; i < r->nitems; i++) {
		free(r->items[i].code);
		free(r->items[i].dimension);
	}
	free(r->items);
	free(r->total.code);
	free(r->total.dimension);
	for (i = 0; i < r->npairs; i++) {
		free(r->pairs[i].taxid);
		free(r->pairs[i].vendor);
		free(r->pairs[i].code);
	}
	free(r->pairs);
	for (i = 0; i < r->nclosed; i++) {
		free(r->closed[i].record);
		free(r->closed[i].taxid);
		free(r->closed[i].vendor);
		free(r->closed[i].code);
	}
	free(r->closed);
	memset(r, 0, sizeof(*r));
}
