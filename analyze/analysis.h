/*
 * analysis.h - the common findings of a year and the trend across years
 * (SPEC §3): the figures that `analyze`, `trend`, `plot`, `report` and
 * `export` all show, computed in one place.
 *
 * The unit is the vendor.  A contract-specific item's rating for a vendor
 * is the worst over its sampled contracts (不符合 > 部分符合 > 符合), 不適用
 * only when every contract is 不適用; a vendor with 不適用 is not among the
 * n of that item.  Aggregation happens in SQL; the statistics (stats.h) run
 * on the aggregates.
 */
#ifndef JAUDIT_ANALYSIS_H
#define JAUDIT_ANALYSIS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

struct analysis_params {
	int year;
	int strict;		/* only 不符合 is a finding */
	int exact;		/* Clopper-Pearson instead of Wilson */
	double level;		/* confidence level, 0.95 */
	double p0;		/* the rate tested against, 0.3 */
	double alpha;		/* FDR level for `common`, 0.05 */
	const char *category;	/* NULL for all, "common" or "specific" */
	size_t top_pairs;	/* co-occurring pairs listed, 10 */
};

/* The defaults above, for year. */
void analysis_params_default(struct analysis_params *p, int year);

/*
 * The options that analyze, trend and the charts share, as getopt_long
 * entries (put ANALYSIS_OPTIONS in the command's struct option table, and
 * ANALYSIS_TEST_OPTIONS where the items are tested) and their parsing:
 * --ci wilson|exact, --level, --strict, --category common|specific (or
 * 共通性 / 特定契約); --p0, --alpha.  analysis_parse_option() returns 1 when
 * c was one of them (p updated), 0 when it is not, or JAUDIT_EUSAGE with a
 * message for cmd.
 */
#define ANALYSIS_OPTIONS \
	{ "ci", required_argument, NULL, 'c' }, \
	{ "level", required_argument, NULL, 'L' }, \
	{ "strict", no_argument, NULL, 's' }, \
	{ "category", required_argument, NULL, 'C' }
#define ANALYSIS_TEST_OPTIONS \
	{ "p0", required_argument, NULL, 'p' }, \
	{ "alpha", required_argument, NULL, 'a' }
int analysis_parse_option(const char *cmd, int c, const char *arg, struct analysis_params *p);

struct item_stat {
	char *code, *category, *dimension, *question, *basis;
	unsigned n;		/* vendors for whom the item applies */
	unsigned k;		/* of them, vendors with a finding */
	double rate, ci_low, ci_high;	/* NAN when n = 0 */
	double p_value, q_value;	/* NAN when n = 0 */
	int common;		/* q_value <= alpha */
};

/* A 構面 or a category: vendors with at least one finding in it. */
struct group_stat {
	char *name;		/* the 構面, or "common" / "specific" */
	char *category;		/* for a 構面: the category of its items */
	unsigned nitems;
	unsigned n, k;
	double rate, ci_low, ci_high;
};

struct vendor_stat {
	char *taxid, *name;
	unsigned applicable;	/* items that apply to it */
	unsigned findings;	/* items with a finding */
	unsigned noncompliant, partial;
	int rank;		/* 1 = most findings; ties share a rank */
};

struct pair_stat {
	char *a, *b;		/* item codes, a < b */
	unsigned n11, n10, n01, n00;	/* vendors: both, a only, b only, neither */
	double phi, jaccard, p_value, q_value;	/* p: Fisher two-sided */
};

struct agreement_item {
	char *code;
	unsigned subjects, raters;
	double kappa;
};

struct agreement {
	int available;		/* any auditor_ratings in the year */
	double kripp_alpha;	/* ordinal, 不適用 missing */
	unsigned kripp_units, kripp_coders;
	double fleiss_kappa, fleiss_z, fleiss_p;	/* sessions sharing the modal committee size */
	unsigned fleiss_subjects, fleiss_raters;
	struct agreement_item *items;
	size_t nitems;
};

struct analysis {
	struct analysis_params params;
	unsigned vendors;		/* vendors with results in the year */
	struct item_stat *items;	/* by rate, then ci_low, descending */
	size_t nitems;
	struct group_stat *dimensions;
	size_t ndimensions;
	struct group_stat *categories;
	size_t ncategories;
	struct vendor_stat *vendors_ranked;
	size_t nvendors;
	struct pair_stat *pairs;	/* top pairs by phi */
	size_t npairs;
	struct agreement agreement;
};

/*
 * Compute the analysis of p->year.  A year without results gives vendors = 0
 * and items with n = 0.  Returns 0, or JAUDIT_EDATA with a message (no
 * checklist for the year).  Release with analysis_release().
 */
int analysis_run(sqlite3 *db, const struct analysis_params *p, struct analysis *a);
void analysis_release(struct analysis *a);

/* The JSON document of `analyze --format json`; the caller deletes it. */
cJSON *analysis_json(const struct analysis *a);

/*
 * The same document written to fp, vendors_ranked one vendor at a time (a
 * year of 100 000 vendors would take 80 MB as one cJSON tree); keys in
 * another order.  Returns 0 or JAUDIT_EDATA.
 */
int analysis_json_write(const struct analysis *a, FILE *fp);

/* The vendor x item matrix of worst ratings (enum rating), for the heat map. */
struct rating_matrix {
	size_t nvendors, nitems;
	char **taxid, **vendor;		/* nvendors, ordered by findings, descending */
	char **code;			/* nitems, checklist order */
	unsigned char *cell;		/* nvendors * nitems, row-major; RATING_NA when absent */
};
/* Returns 0, or JAUDIT_EDATA with a message (no checklist for the year). */
int analysis_matrix(sqlite3 *db, int year, struct rating_matrix *m);
void rating_matrix_release(struct rating_matrix *m);

/* --- across years ---------------------------------------------------------- */

struct trend_point {
	int year;
	unsigned n, k;
	double rate, ci_low, ci_high;
	double fisher_p;	/* against the previous year present; NAN for the first */
};

struct trend_item {
	char *code, *dimension;
	struct trend_point *points;	/* years in which the item has n > 0 */
	size_t npoints;
	double ca_chisq, ca_p, ca_q;	/* Cochran-Armitage, scores = years; NAN with < 3 years */
	double slope, slope_se;		/* weighted least squares of rate on year */
};

struct trend_year {
	int year;
	unsigned vendors;
	double mean_findings, mean_lo, mean_hi;	/* findings per vendor, with interval */
	unsigned with_any;
	double share_any, share_lo, share_hi;	/* vendors with any finding */
};

struct trend {
	struct analysis_params params;	/* strict, exact, level, alpha used */
	int from, to;
	struct trend_year *years;	/* years with results */
	size_t nyears;
	struct trend_item *items;
	size_t nitems;
	char *item;			/* the one item asked for, or NULL */
};

/* item may be NULL for all items.  Release with trend_release(). */
int trend_run(sqlite3 *db, int from, int to, const char *item,
	      const struct analysis_params *p, struct trend *t);
void trend_release(struct trend *t);
cJSON *trend_json(const struct trend *t);

#endif
