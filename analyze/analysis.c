/*
 * analysis.c - the common findings of one year (SPEC §3): per item, per
 * 構面 and category, per vendor, co-occurring pairs and the auditors'
 * agreement.  The counts come from one streaming pass (yearpass.c); the
 * statistics from stats.h.
 */
#include "analysis.h"
#include "../core/checklist.h"
#include "../core/cli.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/rating.h"
#include "stats/stats.h"
#include "../core/strbuf.h"
#include "yearpass.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void analysis_params_default(struct analysis_params *p, int year)
{
	memset(p, 0, sizeof(*p));
	p->year = year;
	p->level = 0.95;
	p->p0 = 0.3;
	p->alpha = 0.05;
	p->top_pairs = 10;
}

/* --ci: 0, or JAUDIT_EUSAGE with a message for cmd. */
static int parse_ci(const char *cmd, const char *s, struct analysis_params *p)
{
	if (strcasecmp(s, "wilson") == 0)
		p->exact = 0;
	else if (strcasecmp(s, "exact") == 0 || strcasecmp(s, "clopper-pearson") == 0)
		p->exact = 1;
	else
		return jusage(cmd, "--ci: '%s' is not wilson or exact", s);
	return 0;
}

/* --category: 0, or JAUDIT_EUSAGE with a message for cmd. */
static int parse_category(const char *cmd, const char *s, struct analysis_params *p)
{
	if (strcasecmp(s, "common") == 0 || strcmp(s, "共通性") == 0)
		p->category = "common";
	else if (strcasecmp(s, "specific") == 0 || strcmp(s, "特定契約") == 0)
		p->category = "specific";
	else
		return jusage(cmd, "--category: '%s' is not common or specific", s);
	return 0;
}

int analysis_parse_option(const char *cmd, int c, const char *arg, struct analysis_params *p)
{
	switch (c) {
	case 'c':
		return parse_ci(cmd, arg, p) < 0 ? JAUDIT_EUSAGE : 1;
	case 'L':
		return cli_parse_double(cmd, "--level", arg, 0, 1, &p->level) < 0 ? JAUDIT_EUSAGE : 1;
	case 'p':
		return cli_parse_double(cmd, "--p0", arg, 0, 1, &p->p0) < 0 ? JAUDIT_EUSAGE : 1;
	case 'a':
		return cli_parse_double(cmd, "--alpha", arg, 0, 1, &p->alpha) < 0 ? JAUDIT_EUSAGE : 1;
	case 's':
		p->strict = 1;
		return 1;
	case 'C':
		return parse_category(cmd, arg, p) < 0 ? JAUDIT_EUSAGE : 1;
	default:
		return 0;
	}
}

/* --- the pass ---------------------------------------------------------------- */

/* A 構面 within one category, or a category: its vendor counts. */
struct group_acc {
	unsigned n, k;
};

struct run_ctx {
	const struct yearpass_items *it;
	int strict;
	unsigned *n, *k;		/* per item */
	struct group_acc *dims, *cats;
	size_t ndims, ncats;
	size_t *dim_of, *cat_of;	/* per item: its group */
	unsigned char *seen;		/* scratch, one per group */
	unsigned (*pair)[4];		/* i < j, triangular: n11, n10, n01, n00 */
	struct vendor_stat *vendors;
	size_t nvendors, valloc;
};

static size_t pair_index(size_t i, size_t j, size_t m)
{
	/* row i of the strict upper triangle starts after i*m - i*(i+1)/2 cells */
	return i * m - i * (i + 1) / 2 + (j - i - 1);
}

/* Add a vendor to the groups: g[item_group[i]] holds item i. */
static void group_add(struct group_acc *g, size_t ng, const size_t *item_group,
		      const unsigned char *worst, size_t m, int strict, unsigned char *seen)
{
	size_t i;

	memset(seen, 0, ng);	/* bit 1: applies, bit 2: a finding */
	for (i = 0; i < m; i++) {
		if (worst[i] == RATING_NA)
			continue;
		seen[item_group[i]] |= 1;
		if (rating_is_finding((enum rating)worst[i], strict))
			seen[item_group[i]] |= 2;
	}
	for (i = 0; i < ng; i++) {
		g[i].n += (seen[i] & 1) != 0;
		g[i].k += (seen[i] & 2) != 0;
	}
}

static int run_vendor(void *vctx, const char *taxid, const unsigned char *worst)
{
	struct run_ctx *c = vctx;
	size_t m = c->it->n, i, j;
	struct vendor_stat *v;

	if (c->nvendors == c->valloc) {
		c->valloc = c->valloc ? 2 * c->valloc : 256;
		c->vendors = xrealloc(c->vendors, c->valloc * sizeof(*c->vendors));
	}
	v = &c->vendors[c->nvendors++];
	memset(v, 0, sizeof(*v));
	v->taxid = xstrdup(taxid);
	for (i = 0; i < m; i++) {
		int fi;

		if (worst[i] == RATING_NA)
			continue;
		fi = rating_is_finding((enum rating)worst[i], c->strict);
		c->n[i]++;
		c->k[i] += fi;
		v->applicable++;
		v->findings += fi;
		v->noncompliant += worst[i] == RATING_NONCOMPLIANT;
		v->partial += worst[i] == RATING_PARTIAL;
		for (j = i + 1; j < m; j++) {
			int fj;

			if (worst[j] == RATING_NA)
				continue;
			fj = rating_is_finding((enum rating)worst[j], c->strict);
			c->pair[pair_index(i, j, m)][fi ? (fj ? 0 : 1) : (fj ? 2 : 3)]++;
		}
	}
	group_add(c->dims, c->ndims, c->dim_of, worst, m, c->strict, c->seen);
	group_add(c->cats, c->ncats, c->cat_of, worst, m, c->strict, c->seen);
	return 0;
}

/* Groups of items: by (category, 構面) in checklist order, or by category. */
static size_t make_groups(const struct yearpass_items *it, int by_dimension,
			  struct group_acc **out, struct group_stat **stats, size_t **group_of)
{
	size_t *of = xcalloc(it->n ? it->n : 1, sizeof(*of));
	struct group_acc *g = xcalloc(it->n ? it->n : 1, sizeof(*g));
	struct group_stat *s = xcalloc(it->n ? it->n : 1, sizeof(*s));
	size_t ng = 0, i, j;

	for (i = 0; i < it->n; i++) {
		const char *name = by_dimension ? it->items[i].dimension : it->items[i].category;

		for (j = 0; j < ng; j++)
			if (strcmp(s[j].name, name) == 0 &&
			    strcmp(s[j].category, it->items[i].category) == 0)
				break;
		if (j == ng) {
			s[ng].name = xstrdup(name);
			s[ng].category = xstrdup(it->items[i].category);
			ng++;
		}
		of[i] = j;
		s[j].nitems++;
	}
	*out = g;
	*stats = s;
	*group_of = of;
	return ng;
}

static int finish_groups(struct group_acc *g, struct group_stat *s, size_t ng,
			 const struct analysis_params *p)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < ng; i++) {
		s[i].n = g[i].n;
		s[i].k = g[i].k;
		s[i].rate = s[i].n ? (double)s[i].k / s[i].n : NAN;
		if (yearpass_interval(s[i].k, s[i].n, p->level, p->exact,
				      &s[i].ci_low, &s[i].ci_high) < 0)
			ret = JAUDIT_EDATA;
	}
	free(g);
	return ret;
}

/* --- items -------------------------------------------------------------------- */

static int cmp_items(const void *pa, const void *pb, void *base)
{
	const struct item_stat *a = (const struct item_stat *)base + *(const size_t *)pa;
	const struct item_stat *b = (const struct item_stat *)base + *(const size_t *)pb;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;

	if (a->n == 0 || b->n == 0) {
		if (a->n != b->n)
			return a->n == 0 ? 1 : -1;
	} else {
		if (a->rate != b->rate)
			return a->rate > b->rate ? -1 : 1;
		if (a->ci_low != b->ci_low)
			return a->ci_low > b->ci_low ? -1 : 1;
	}
	return ia < ib ? -1 : ia > ib;
}

static int make_items(struct analysis *a, const struct yearpass_items *it,
		      const unsigned *n, const unsigned *k)
{
	const struct analysis_params *p = &a->params;
	struct item_stat *tmp = xcalloc(it->n ? it->n : 1, sizeof(*tmp));
	double *pv = xcalloc(it->n ? it->n : 1, sizeof(double));
	double *qv = xcalloc(it->n ? it->n : 1, sizeof(double));
	size_t *order = xcalloc(it->n ? it->n : 1, sizeof(size_t));
	size_t i;
	int ret = 0;

	for (i = 0; i < it->n; i++) {
		struct item_stat *s = &tmp[i];

		s->code = xstrdup(it->items[i].code);
		s->category = xstrdup(it->items[i].category);
		s->dimension = xstrdup(it->items[i].dimension);
		s->question = xstrdup(it->items[i].question);
		s->basis = xstrdup(it->items[i].basis);
		s->n = n[i];
		s->k = k[i];
		if (s->n == 0) {
			s->rate = s->ci_low = s->ci_high = s->p_value = NAN;
		} else {
			s->rate = (double)s->k / s->n;
			if (yearpass_interval(s->k, s->n, p->level, p->exact, &s->ci_low, &s->ci_high) < 0)
				ret = JAUDIT_EDATA;
			s->p_value = binom_p_greater(s->k, s->n, p->p0);
		}
		pv[i] = s->p_value;
		order[i] = i;
	}
	bh_adjust(pv, it->n, qv);
	for (i = 0; i < it->n; i++) {
		tmp[i].q_value = qv[i];
		tmp[i].common = tmp[i].n > 0 && qv[i] <= p->alpha;
	}
	qsort_r(order, it->n, sizeof(*order), cmp_items, tmp);
	a->items = xcalloc(it->n ? it->n : 1, sizeof(*a->items));
	for (i = 0; i < it->n; i++)
		a->items[i] = tmp[order[i]];
	a->nitems = it->n;
	free(tmp);
	free(pv);
	free(qv);
	free(order);
	return ret;
}

/* --- vendors ------------------------------------------------------------------ */

static int cmp_vendors(const void *pa, const void *pb)
{
	const struct vendor_stat *a = pa, *b = pb;

	if (a->findings != b->findings)
		return a->findings > b->findings ? -1 : 1;
	return strcmp(a->taxid, b->taxid);
}

/* Names from the vendors table, merged in taxid order (the pass's order). */
static int vendor_names(sqlite3 *db, int year, struct vendor_stat *v, size_t nv)
{
	sqlite3_stmt *st;
	size_t i = 0;
	int rc;

	if (db_prepare(db, &st,
		       "SELECT s.taxid, coalesce(v.name, '') FROM sessions s"
		       " LEFT JOIN vendors v ON v.taxid = s.taxid"
		       " WHERE s.year = :year GROUP BY s.taxid ORDER BY s.taxid") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	while ((rc = db_step(st)) == SQLITE_ROW && i < nv) {
		const char *t = db_text(st, 0);
		int c = 0;

		while (i < nv && (c = strcmp(v[i].taxid, t)) < 0)
			v[i++].name = xstrdup("");
		if (i < nv && c == 0)
			v[i++].name = xstrdup(db_text(st, 1));
	}
	db_finalize(st);
	while (i < nv)
		v[i++].name = xstrdup("");
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

static void rank_vendors(struct vendor_stat *v, size_t nv)
{
	size_t i;

	if (nv > 1)
		qsort(v, nv, sizeof(*v), cmp_vendors);
	for (i = 0; i < nv; i++)
		v[i].rank = i > 0 && v[i].findings == v[i - 1].findings ? v[i - 1].rank : (int)i + 1;
}

/* --- pairs --------------------------------------------------------------------- */

static int cmp_pairs(const void *pa, const void *pb)
{
	const struct pair_stat *a = pa, *b = pb;
	int c;

	if (a->phi != b->phi)
		return a->phi > b->phi ? -1 : 1;
	if (a->p_value != b->p_value)
		return a->p_value < b->p_value ? -1 : 1;
	if ((c = strcmp(a->a, b->a)) != 0)
		return c;
	return strcmp(a->b, b->b);
}

static int make_pairs(struct analysis *a, const struct yearpass_items *it, unsigned (*cnt)[4])
{
	size_t m = it->n, np = m * (m - (m > 0)) / 2, i, j, t = 0, kept = 0;
	struct pair_stat *all = xcalloc(np ? np : 1, sizeof(*all));
	double *pv = xcalloc(np ? np : 1, sizeof(double));
	double *qv = xcalloc(np ? np : 1, sizeof(double));
	int ret = 0;

	for (i = 0; i < m; i++) {
		for (j = i + 1; j < m; j++) {
			const unsigned *c = cnt[pair_index(i, j, m)];
			struct pair_stat *ps = &all[t];
			int swap = strcmp(it->items[i].code, it->items[j].code) > 0;

			if (c[0] + c[1] + c[2] + c[3] == 0)
				continue;	/* never both applicable: not tested */
			ps->a = it->items[swap ? j : i].code;
			ps->b = it->items[swap ? i : j].code;
			ps->n11 = c[0];
			ps->n10 = swap ? c[2] : c[1];
			ps->n01 = swap ? c[1] : c[2];
			ps->n00 = c[3];
			ps->phi = phi_2x2(ps->n11, ps->n10, ps->n01, ps->n00);
			ps->jaccard = jaccard_2x2(ps->n11, ps->n10, ps->n01);
			if (fisher_exact(ps->n11, ps->n10, ps->n01, ps->n00, &ps->p_value, NULL, NULL) < 0)
				ret = JAUDIT_EDATA;
			pv[t] = ps->p_value;
			t++;
		}
	}
	bh_adjust(pv, t, qv);
	for (i = 0; i < t; i++) {
		all[i].q_value = qv[i];
		if (all[i].n11 > 0 && !isnan(all[i].phi))
			all[kept++] = all[i];
	}
	qsort(all, kept, sizeof(*all), cmp_pairs);
	if (kept > a->params.top_pairs)
		kept = a->params.top_pairs;
	a->pairs = xcalloc(kept ? kept : 1, sizeof(*a->pairs));
	for (i = 0; i < kept; i++) {
		a->pairs[i] = all[i];
		a->pairs[i].a = xstrdup(all[i].a);
		a->pairs[i].b = xstrdup(all[i].b);
	}
	a->npairs = kept;
	free(all);
	free(pv);
	free(qv);
	return ret;
}

/* --- agreement ------------------------------------------------------------------- */

struct rated_unit {
	size_t item;		/* position in the checklist */
	size_t session;		/* sessions numbered in the order met */
	unsigned committee;	/* the session's committee size */
	unsigned cnt[4];	/* ratings by enum rating (cnt[RATING_NA] is unused) */
	size_t first, nratings;	/* its ratings in the triples */
};

struct triple {
	size_t unit, coder;
	double value;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The modal committee size of the sessions that recorded auditors' ratings;
 * a tie goes to the larger committee (more raters per subject).
 */
static unsigned modal_committee(const struct rated_unit *u, size_t nu)
{
	unsigned count[8] = { 0 }, best = 0, i;
	size_t x;

	for (x = 0; x < nu; x++)	/* a session's units are consecutive */
		if ((x == 0 || u[x].session != u[x - 1].session) && u[x].committee < 8)
			count[u[x].committee]++;
	for (i = 2; i < 8; i++)
		if (count[i] > 0 && count[i] >= count[best])
			best = i;
	return best;
}

/* The year's auditors' ratings as units (item x contract of a session) and triples. */
struct rated {
	char **coders;		/* the year's auditors, sorted */
	size_t ncoders;
	struct rated_unit *units;
	size_t nunits, ualloc;
	struct triple *tr;	/* a unit's ratings are consecutive */
	size_t ntr, talloc;
};

static void rated_release(struct rated *rd)
{
	size_t i;

	for (i = 0; i < rd->ncoders; i++)
		free(rd->coders[i]);
	free(rd->coders);
	free(rd->units);
	free(rd->tr);
}

/* The auditors who rated anything in the year, sorted: 0 or JAUDIT_EDATA. */
static int load_coders(sqlite3 *db, int year, struct rated *rd)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	if (db_prepare(db, &st,
		       "SELECT DISTINCT a.auditor FROM auditor_ratings a JOIN sessions s ON s.id = a.session"
		       " WHERE s.year = :year ORDER BY a.auditor") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		if (rd->ncoders == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			rd->coders = xrealloc(rd->coders, alloc * sizeof(*rd->coders));
		}
		rd->coders[rd->ncoders++] = xstrdup(db_text(st, 0));
	}
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

static void add_unit(struct rated *rd, int item, size_t session, unsigned committee)
{
	struct rated_unit *u;

	if (rd->nunits == rd->ualloc) {
		rd->ualloc = rd->ualloc ? 2 * rd->ualloc : 64;
		rd->units = xrealloc(rd->units, rd->ualloc * sizeof(*rd->units));
	}
	u = &rd->units[rd->nunits++];
	memset(u, 0, sizeof(*u));
	u->item = (size_t)item;
	u->session = session;
	u->committee = committee;
	u->first = rd->ntr;
}

/* A rating r (not 不適用) by auditor of the last unit; one not among the coders is left out. */
static void add_rating(struct rated *rd, const char *auditor, int r)
{
	char **found = bsearch(&auditor, rd->coders, rd->ncoders, sizeof(*rd->coders), cmp_str);

	if (!found)
		return;
	if (rd->ntr == rd->talloc) {
		rd->talloc = rd->talloc ? 2 * rd->talloc : 256;
		rd->tr = xrealloc(rd->tr, rd->talloc * sizeof(*rd->tr));
	}
	rd->tr[rd->ntr].unit = rd->nunits - 1;
	rd->tr[rd->ntr].coder = (size_t)(found - rd->coders);
	rd->tr[rd->ntr].value = r;
	rd->ntr++;
	rd->units[rd->nunits - 1].cnt[r]++;
	rd->units[rd->nunits - 1].nratings++;
}

/* The committee size of session: 0 and *n, or JAUDIT_EDATA. */
static int committee_size(sqlite3_stmt *mem, const char *session, unsigned *n)
{
	int rc;

	db_bind_text(mem, ":session", session);
	rc = db_step(mem);
	if (rc == SQLITE_ROW)
		*n = (unsigned)sqlite3_column_int(mem, 0);
	db_reset(mem);
	return rc == SQLITE_ROW ? 0 : JAUDIT_EDATA;
}

/*
 * The ratings of the items of this analysis into units and triples;
 * ag->available when there are any.  0 or JAUDIT_EDATA.
 */
static int load_ratings(sqlite3 *db, int year, const struct yearpass_items *it,
			struct rated *rd, struct agreement *ag)
{
	sqlite3_stmt *st = NULL, *mem = NULL;
	struct strbuf last_session = STRBUF_INIT, last_ref = STRBUF_INIT;
	int last_item = -1, rc = SQLITE_ERROR;
	size_t nsessions = 0;
	unsigned committee = 0;

	if (db_prepare(db, &mem, "SELECT count(*) FROM session_members WHERE session = :session") < 0 ||
	    db_prepare(db, &st,
		       "SELECT a.session, a.item, a.ref, a.auditor,"
		       " CASE a.rating WHEN 'noncompliant' THEN 3 WHEN 'partial' THEN 2"
		       " WHEN 'compliant' THEN 1 ELSE 0 END"
		       " FROM auditor_ratings a JOIN sessions s ON s.id = a.session"
		       " WHERE s.year = :year ORDER BY a.session, a.item, a.ref") < 0)
		goto out;
	db_bind_int(st, ":year", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		const char *session = db_text(st, 0), *ref = db_text(st, 2);
		int item = yearpass_item_index(it, db_text(st, 1));
		int r = sqlite3_column_int(st, 4);

		if (item < 0)
			continue;	/* an item outside this analysis */
		ag->available = 1;
		if (nsessions == 0 || strcmp(session, last_session.buf) != 0) {
			strbuf_reset(&last_session);
			strbuf_adds(&last_session, session);
			if (committee_size(mem, session, &committee) < 0) {
				rc = SQLITE_ERROR;
				break;
			}
			nsessions++;
			last_item = -1;
		}
		if (item != last_item || strcmp(ref, last_ref.buf) != 0) {
			add_unit(rd, item, nsessions, committee);
			last_item = item;
			strbuf_reset(&last_ref);
			strbuf_adds(&last_ref, ref);
		}
		if (r != RATING_NA)	/* 不適用 is a missing rating */
			add_rating(rd, db_text(st, 3), r);
	}
out:
	db_finalize(st);
	db_finalize(mem);
	strbuf_release(&last_session);
	strbuf_release(&last_ref);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

/*
 * Krippendorff's alpha.  It depends only on the ratings each unit got
 * (the coincidences within units and their margins), not on who gave
 * them, so the matrix has one row per rating of the most-rated unit
 * rather than one per auditor: 5 x units instead of auditors x units,
 * the same alpha.  NAN where a unit has fewer ratings.
 */
static void agreement_alpha(const struct rated *rd, struct agreement *ag)
{
	const struct rated_unit *units = rd->units;
	size_t rows = 1, nunits = rd->nunits, x;
	unsigned char *rated;
	double *values;

	for (x = 0; x < nunits; x++)
		if (units[x].nratings > rows)
			rows = units[x].nratings;
	values = xmalloc(rows * nunits * sizeof(*values));
	for (x = 0; x < rows * nunits; x++)
		values[x] = NAN;
	for (x = 0; x < rd->ntr; x++)	/* a unit's ratings are consecutive */
		values[(x - units[rd->tr[x].unit].first) * nunits + rd->tr[x].unit] = rd->tr[x].value;
	for (x = 0; x < nunits; x++)
		ag->kripp_units += units[x].nratings >= 2;
	if (kripp_alpha(values, rows, nunits, KRIPP_ORDINAL, &ag->kripp_alpha) < 0)
		ag->kripp_alpha = NAN;
	free(values);

	/* the auditors who rated an item of this analysis */
	rated = xcalloc(rd->ncoders, 1);
	for (x = 0; x < rd->ntr; x++)
		rated[rd->tr[x].coder] = 1;
	for (x = 0; x < rd->ncoders; x++)
		ag->kripp_coders += rated[x];
	free(rated);
}

/*
 * The Fleiss subjects: units of item (SIZE_MAX for every item) whose
 * session's committee has m members and that all m rated, as rows of
 * counts (符合, 部分符合, 不符合).  Returns how many.
 */
static size_t fleiss_subjects(const struct rated *rd, size_t item, unsigned m, unsigned *counts)
{
	size_t ns = 0, x;

	for (x = 0; x < rd->nunits; x++) {
		const struct rated_unit *u = &rd->units[x];

		if ((item != SIZE_MAX && u->item != item) || m < 2 || u->committee != m ||
		    u->nratings != m)
			continue;
		counts[ns * 3 + 0] = u->cnt[RATING_COMPLIANT];
		counts[ns * 3 + 1] = u->cnt[RATING_PARTIAL];
		counts[ns * 3 + 2] = u->cnt[RATING_NONCOMPLIANT];
		ns++;
	}
	return ns;
}

/* Fleiss' kappa: subjects of the modal committee size rated by all of it; overall and by item. */
static void agreement_fleiss(const struct rated *rd, const struct yearpass_items *it,
			     struct agreement *ag)
{
	unsigned m = modal_committee(rd->units, rd->nunits);
	unsigned *counts = xcalloc(rd->nunits ? rd->nunits * 3 : 1, sizeof(*counts));
	size_t ns = fleiss_subjects(rd, SIZE_MAX, m, counts), i;

	ag->fleiss_subjects = (unsigned)ns;
	ag->fleiss_raters = ns ? m : 0;
	if (ns >= 2 && fleiss_kappa(counts, ns, 3, &ag->fleiss_kappa, &ag->fleiss_z,
				    &ag->fleiss_p, NULL, NULL) < 0)
		ag->fleiss_kappa = ag->fleiss_z = ag->fleiss_p = NAN;
	free(counts);

	ag->items = xcalloc(it->n ? it->n : 1, sizeof(*ag->items));
	for (i = 0; i < it->n; i++) {
		struct agreement_item *ai = &ag->items[ag->nitems];
		unsigned *c = xcalloc(rd->nunits ? rd->nunits * 3 : 1, sizeof(*c));

		ns = fleiss_subjects(rd, i, m, c);
		if (ns >= 2) {
			ai->code = xstrdup(it->items[i].code);
			ai->subjects = (unsigned)ns;
			ai->raters = m;
			if (fleiss_kappa(c, ns, 3, &ai->kappa, NULL, NULL, NULL, NULL) < 0)
				ai->kappa = NAN;
			ag->nitems++;
		}
		free(c);
	}
}

/* The auditors' agreement of the year over the items of the analysis. */
static int agreement_run(sqlite3 *db, const struct analysis_params *p,
			 const struct yearpass_items *it, struct agreement *ag)
{
	struct rated rd;
	int ret = JAUDIT_EDATA;

	memset(ag, 0, sizeof(*ag));
	memset(&rd, 0, sizeof(rd));
	ag->kripp_alpha = ag->fleiss_kappa = ag->fleiss_z = ag->fleiss_p = NAN;
	if (load_coders(db, p->year, &rd) < 0)
		goto out;
	if (rd.ncoders > 0) {
		if (load_ratings(db, p->year, it, &rd, ag) < 0)
			goto out;
		if (ag->available) {
			agreement_alpha(&rd, ag);
			agreement_fleiss(&rd, it, ag);
		}
	}
	ret = 0;
out:
	rated_release(&rd);
	return ret;
}

/* --- the analysis ------------------------------------------------------------------ */

int analysis_run(sqlite3 *db, const struct analysis_params *p, struct analysis *a)
{
	struct yearpass_items it;
	struct run_ctx c;
	int exists, ret = JAUDIT_EDATA;
	size_t m;

	memset(a, 0, sizeof(*a));
	a->params = *p;
	stats_init();
	if (checklist_year_exists(db, p->year, &exists) < 0)
		return JAUDIT_EDATA;
	if (!exists)
		return jerror("year %d has no checklist; load one with 'jaudit init --year %d'",
			      p->year, p->year);
	if (yearpass_items_load(db, p->year, p->category, NULL, &it) < 0)
		return JAUDIT_EDATA;
	m = it.n;
	memset(&c, 0, sizeof(c));
	c.it = &it;
	c.strict = p->strict;
	c.n = xcalloc(m ? m : 1, sizeof(unsigned));
	c.k = xcalloc(m ? m : 1, sizeof(unsigned));
	c.pair = xcalloc(m > 1 ? m * (m - 1) / 2 : 1, sizeof(*c.pair));
	c.ndims = make_groups(&it, 1, &c.dims, &a->dimensions, &c.dim_of);
	c.ncats = make_groups(&it, 0, &c.cats, &a->categories, &c.cat_of);
	c.seen = xcalloc(m ? m : 1, 1);
	a->ndimensions = c.ndims;
	a->ncategories = c.ncats;

	if (yearpass_run(db, p->year, &it, run_vendor, &c) < 0)
		goto out;
	a->vendors = (unsigned)c.nvendors;
	a->vendors_ranked = c.vendors;
	a->nvendors = c.nvendors;
	c.vendors = NULL;
	if (vendor_names(db, p->year, a->vendors_ranked, a->nvendors) < 0)
		goto out;
	rank_vendors(a->vendors_ranked, a->nvendors);
	if (make_items(a, &it, c.n, c.k) < 0 || make_pairs(a, &it, c.pair) < 0)
		goto out;
	if (agreement_run(db, p, &it, &a->agreement) < 0)
		goto out;
	ret = 0;
out:
	if (finish_groups(c.dims, a->dimensions, c.ndims, p) < 0)
		ret = JAUDIT_EDATA;
	if (finish_groups(c.cats, a->categories, c.ncats, p) < 0)
		ret = JAUDIT_EDATA;
	if (c.vendors) {
		size_t i;

		for (i = 0; i < c.nvendors; i++)
			free(c.vendors[i].taxid);
		free(c.vendors);
	}
	free(c.n);
	free(c.k);
	free(c.pair);
	free(c.dim_of);
	free(c.cat_of);
	free(c.seen);
	yearpass_items_release(&it);
	if (ret < 0)
		analysis_release(a);
	return ret;
}

static void release_groups(struct group_stat *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(g[i].name);
		free(g[i].category);
	}
	free(g);
}

void analysis_release(struct analysis *a)
{
	size_t i;

	for (i = 0; i < a->nitems; i++) {
		free(a->items[i].code);
		free(a->items[i].category);
		free(a->items[i].dimension);
		free(a->items[i].question);
		free(a->items[i].basis);
	}
	free(a->items);
	release_groups(a->dimensions, a->ndimensions);
	release_groups(a->categories, a->ncategories);
	for (i = 0; i < a->nvendors; i++) {
		free(a->vendors_ranked[i].taxid);
		free(a->vendors_ranked[i].name);
	}
	free(a->vendors_ranked);
	for (i = 0; i < a->npairs; i++) {
		free(a->pairs[i].a);
		free(a->pairs[i].b);
	}
	free(a->pairs);
	for (i = 0; i < a->agreement.nitems; i++)
		free(a->agreement.items[i].code);
	free(a->agreement.items);
	memset(a, 0, sizeof(*a));
}

/* --- JSON ----------------------------------------------------------------------------- */

static cJSON *group_json(const struct group_stat *g, size_t n, int dimension)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, dimension ? "dimension" : "category", g[i].name);
		if (dimension)
			cJSON_AddStringToObject(o, "category", g[i].category);
		cJSON_AddNumberToObject(o, "items", g[i].nitems);
		cJSON_AddNumberToObject(o, "n", g[i].n);
		cJSON_AddNumberToObject(o, "k", g[i].k);
		yearpass_json_num(o, "rate", g[i].rate);
		yearpass_json_num(o, "ci_low", g[i].ci_low);
		yearpass_json_num(o, "ci_high", g[i].ci_high);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *params_json(const struct analysis_params *p)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "year", p->year);
	cJSON_AddStringToObject(o, "ci", p->exact ? "exact" : "wilson");
	cJSON_AddNumberToObject(o, "level", p->level);
	cJSON_AddNumberToObject(o, "p0", p->p0);
	cJSON_AddNumberToObject(o, "alpha", p->alpha);
	cJSON_AddBoolToObject(o, "strict", p->strict);
	if (p->category)
		cJSON_AddStringToObject(o, "category", p->category);
	else
		cJSON_AddNullToObject(o, "category");
	cJSON_AddNumberToObject(o, "top_pairs", (double)p->top_pairs);
	return o;
}

static cJSON *vendor_json(const struct vendor_stat *v)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "rank", v->rank);
	cJSON_AddStringToObject(o, "taxid", v->taxid);
	cJSON_AddStringToObject(o, "name", v->name);
	cJSON_AddNumberToObject(o, "applicable", v->applicable);
	cJSON_AddNumberToObject(o, "findings", v->findings);
	cJSON_AddNumberToObject(o, "noncompliant", v->noncompliant);
	cJSON_AddNumberToObject(o, "partial", v->partial);
	return o;
}

cJSON *analysis_json(const struct analysis *a)
{
	cJSON *root = cJSON_CreateObject(), *arr, *ag, *o;
	size_t i;

	cJSON_AddNumberToObject(root, "year", a->params.year);
	cJSON_AddNumberToObject(root, "vendors", a->vendors);
	arr = cJSON_AddArrayToObject(root, "items");
	for (i = 0; i < a->nitems; i++) {
		const struct item_stat *s = &a->items[i];

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", s->code);
		cJSON_AddStringToObject(o, "category", s->category);
		cJSON_AddStringToObject(o, "dimension", s->dimension);
		cJSON_AddNumberToObject(o, "n", s->n);
		cJSON_AddNumberToObject(o, "k", s->k);
		yearpass_json_num(o, "rate", s->rate);
		yearpass_json_num(o, "ci_low", s->ci_low);
		yearpass_json_num(o, "ci_high", s->ci_high);
		yearpass_json_num(o, "p_value", s->p_value);
		yearpass_json_num(o, "q_value", s->q_value);
		cJSON_AddBoolToObject(o, "common", s->common);
		cJSON_AddItemToArray(arr, o);
	}
	cJSON_AddItemToObject(root, "dimensions", group_json(a->dimensions, a->ndimensions, 1));
	cJSON_AddItemToObject(root, "categories", group_json(a->categories, a->ncategories, 0));
	arr = cJSON_AddArrayToObject(root, "vendors_ranked");
	for (i = 0; i < a->nvendors; i++) {
		cJSON_AddItemToArray(arr, vendor_json(&a->vendors_ranked[i]));
	}
	arr = cJSON_AddArrayToObject(root, "pairs");
	for (i = 0; i < a->npairs; i++) {
		const struct pair_stat *ps = &a->pairs[i];

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "a", ps->a);
		cJSON_AddStringToObject(o, "b", ps->b);
		cJSON_AddNumberToObject(o, "n11", ps->n11);
		cJSON_AddNumberToObject(o, "n10", ps->n10);
		cJSON_AddNumberToObject(o, "n01", ps->n01);
		cJSON_AddNumberToObject(o, "n00", ps->n00);
		yearpass_json_num(o, "phi", ps->phi);
		yearpass_json_num(o, "jaccard", ps->jaccard);
		yearpass_json_num(o, "p_value", ps->p_value);
		yearpass_json_num(o, "q_value", ps->q_value);
		cJSON_AddItemToArray(arr, o);
	}
	ag = cJSON_AddObjectToObject(root, "agreement");
	cJSON_AddBoolToObject(ag, "available", a->agreement.available);
	o = cJSON_AddObjectToObject(ag, "krippendorff");
	yearpass_json_num(o, "alpha", a->agreement.kripp_alpha);
	cJSON_AddNumberToObject(o, "units", a->agreement.kripp_units);
	cJSON_AddNumberToObject(o, "coders", a->agreement.kripp_coders);
	o = cJSON_AddObjectToObject(ag, "fleiss");
	yearpass_json_num(o, "kappa", a->agreement.fleiss_kappa);
	yearpass_json_num(o, "z", a->agreement.fleiss_z);
	yearpass_json_num(o, "p_value", a->agreement.fleiss_p);
	cJSON_AddNumberToObject(o, "subjects", a->agreement.fleiss_subjects);
	cJSON_AddNumberToObject(o, "raters", a->agreement.fleiss_raters);
	arr = cJSON_AddArrayToObject(ag, "items");
	for (i = 0; i < a->agreement.nitems; i++) {
		const struct agreement_item *ai = &a->agreement.items[i];

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", ai->code);
		cJSON_AddNumberToObject(o, "subjects", ai->subjects);
		cJSON_AddNumberToObject(o, "raters", ai->raters);
		yearpass_json_num(o, "kappa", ai->kappa);
		cJSON_AddItemToArray(arr, o);
	}
	cJSON_AddItemToObject(root, "parameters", params_json(&a->params));
	return root;
}

int analysis_json_write(const struct analysis *a, FILE *fp)
{
	struct analysis head = *a;
	cJSON *root;
	char *s, *end;
	size_t i;

	head.nvendors = 0;	/* everything but the vendors, as one tree */
	root = analysis_json(&head);
	cJSON_DeleteItemFromObjectCaseSensitive(root, "vendors_ranked");
	s = cJSON_Print(root);
	cJSON_Delete(root);
	if (!s || !(end = strrchr(s, '}'))) {
		free(s);
		return jerror("out of memory printing the JSON document");
	}
	while (end > s && (end[-1] == '\n' || end[-1] == '\t' || end[-1] == ' '))
		end--;
	fwrite(s, 1, (size_t)(end - s), fp);
	free(s);
	fputs(",\n\t\"vendors_ranked\":\t[", fp);
	for (i = 0; i < a->nvendors; i++) {
		cJSON *o = vendor_json(&a->vendors_ranked[i]);
		char *v = cJSON_PrintUnformatted(o);

		cJSON_Delete(o);
		if (!v)
			return jerror("out of memory printing the JSON document");
		fprintf(fp, "%s\n\t\t%s", i ? "," : "", v);
		free(v);
	}
	fputs(a->nvendors ? "\n\t]\n}\n" : "]\n}\n", fp);
	return 0;
}

/* --- the vendor x item matrix ----------------------------------------------------------- */

struct matrix_ctx {
	size_t nitems, nv, alloc;
	char **taxid;
	unsigned char *cell;
	unsigned *findings;
};

static int matrix_vendor(void *vctx, const char *taxid, const unsigned char *worst)
{
	struct matrix_ctx *c = vctx;
	size_t i;
	unsigned f = 0;

	if (c->nv == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 64;
		c->taxid = xrealloc(c->taxid, c->alloc * sizeof(*c->taxid));
		c->findings = xrealloc(c->findings, c->alloc * sizeof(*c->findings));
		c->cell = xrealloc(c->cell, c->alloc * (c->nitems ? c->nitems : 1));
	}
	memcpy(c->cell + c->nv * c->nitems, worst, c->nitems);
	for (i = 0; i < c->nitems; i++)
		f += rating_is_finding((enum rating)worst[i], 0);
	c->taxid[c->nv] = xstrdup(taxid);
	c->findings[c->nv] = f;
	c->nv++;
	return 0;
}

static int cmp_matrix(const void *pa, const void *pb, void *ctx)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const struct matrix_ctx *c = ctx;

	if (c->findings[a] != c->findings[b])
		return c->findings[a] > c->findings[b] ? -1 : 1;
	return strcmp(c->taxid[a], c->taxid[b]);
}

int analysis_matrix(sqlite3 *db, int year, struct rating_matrix *m)
{
	struct yearpass_items it;
	struct matrix_ctx c;
	struct vendor_stat *names = NULL;
	size_t *order = NULL, i;
	int ret = JAUDIT_EDATA, exists;

	memset(m, 0, sizeof(*m));
	memset(&c, 0, sizeof(c));
	if (checklist_year_exists(db, year, &exists) < 0)
		return JAUDIT_EDATA;
	if (!exists)
		return jerror("year %d has no checklist; load one with 'jaudit init --year %d'", year, year);
	if (yearpass_items_load(db, year, NULL, NULL, &it) < 0)
		return JAUDIT_EDATA;
	c.nitems = it.n;
	if (yearpass_run(db, year, &it, matrix_vendor, &c) < 0)
		goto out;
	names = xcalloc(c.nv ? c.nv : 1, sizeof(*names));
	for (i = 0; i < c.nv; i++)
		names[i].taxid = c.taxid[i];
	if (vendor_names(db, year, names, c.nv) < 0)
		goto out;
	order = xcalloc(c.nv ? c.nv : 1, sizeof(*order));
	for (i = 0; i < c.nv; i++)
		order[i] = i;
	qsort_r(order, c.nv, sizeof(*order), cmp_matrix, &c);

	m->nvendors = c.nv;
	m->nitems = it.n;
	m->taxid = xcalloc(c.nv ? c.nv : 1, sizeof(char *));
	m->vendor = xcalloc(c.nv ? c.nv : 1, sizeof(char *));
	m->cell = xcalloc(c.nv * it.n + 1, 1);
	for (i = 0; i < c.nv; i++) {
		m->taxid[i] = xstrdup(c.taxid[order[i]]);
		m->vendor[i] = names[order[i]].name;
		names[order[i]].name = NULL;
		memcpy(m->cell + i * it.n, c.cell + order[i] * it.n, it.n);
	}
	m->code = xcalloc(it.n ? it.n : 1, sizeof(char *));
	for (i = 0; i < it.n; i++)
		m->code[i] = xstrdup(it.items[i].code);
	ret = 0;
out:
	for (i = 0; i < c.nv; i++) {
		free(c.taxid[i]);
		if (names)
			free(names[i].name);
	}
	free(names);
	free(order);
	free(c.taxid);
	free(c.findings);
	free(c.cell);
	yearpass_items_release(&it);
	return ret;
}

void rating_matrix_release(struct rating_matrix *m)
{
	size_t i;

	for (i = 0; i < m->nvendors; i++) {
		free(m->taxid[i]);
		free(m->vendor[i]);
	}
	for (i = 0; i < m->nitems; i++)
		free(m->code[i]);
	free(m->taxid);
	free(m->vendor);
	free(m->code);
	free(m->cell);
	memset(m, 0, sizeof(*m));
}
