/*
 * form_fields.h - what the form kinds of ingest share: the checks of one
 * cell (required, 是/否, a count, a 統一編號) worded as "COLUMN: "VALUE" is
 * not WHAT, expected EXPECTED", duplicates within a file, and the prepared
 * statements of a kind.  Each kind is one file, ingest/form_KIND.c,
 * exporting its `struct form_kind`; ingest/forms.c lists them and holds
 * the loop that reads a form.
 */
#ifndef JAUDIT_INGEST_FORM_FIELDS_H
#define JAUDIT_INGEST_FORM_FIELDS_H

#include <sqlite3.h>
#include "../core/form.h"

/* Prepared statements of a kind, finalized by kind_release(). */
struct kind_state {
	sqlite3_stmt *st[8];
	struct form_seen seen;
	/* authorizations: the candidates of one year */
	int cand_year;
	char **cand_taxid, **cand_name;
	size_t ncand;
	/* checklist */
	int year_checked[8];
	size_t nyears;
	int seq_year;
	int seq[2];
	char *fill[2][2];	/* [category][dimension, basis] */
};

/* Prepare the kind's n statements into a new state (c->state). 0 or JAUDIT_EDATA. */
int kind_prepare(struct form_ctx *c, const char *const *sql, size_t n);
/* Finalize the statements and free the state; the release of most kinds. */
void kind_release(struct form_ctx *c);

/* Log "COLUMN: "VALUE" is not WHAT, expected EXPECTED"; returns JAUDIT_EDATA. */
int kind_field_error(struct form_ctx *c, const struct csv_column *cols, int col,
		     const char *what, const char *expected);
/* Log "COLUMN: empty, expected EXPECTED"; returns JAUDIT_EDATA. */
int kind_field_missing(struct form_ctx *c, const struct csv_column *cols, int col,
		       const char *expected);
/* A required cell: its text, or NULL with an error logged when it is empty. */
const char *kind_need(struct form_ctx *c, const struct csv_column *cols, int col,
		      const char *expected);
/* 是/否: 0 and *v, or JAUDIT_EDATA with an error logged. */
int kind_yes_no(struct form_ctx *c, const struct csv_column *cols, int col, int *v);
/* A count of 0 to 1 000 000: 0 and *v, or JAUDIT_EDATA with an error logged. */
int kind_whole_number(struct form_ctx *c, const struct csv_column *cols, int col, long *v);
/* A valid 統一編號: 0 and *out (the cell's text), or JAUDIT_EDATA with an error logged. */
int kind_taxid(struct form_ctx *c, const struct csv_column *cols, int col, const char **out);
/* An error if key was already seen in the file; what names the record. */
int kind_unique(struct form_ctx *c, const char *key, const char *what);
/* Step a statement that returns no row, then reset it: 0 or JAUDIT_EDATA. */
int kind_run(struct form_ctx *c, sqlite3_stmt *st);
/*
 * Look the record up with st (bound by the caller): 0 absent, 1 the same
 * as vals (columns 0..n-1), 2 different.  Resets st.
 */
int kind_compare(sqlite3_stmt *st, const char *const *vals, int n);
/* Count a record as added (cmp 0), unchanged (1) or replaced (2). */
void kind_count(struct form_ctx *c, int cmp);

/* The kinds, one file each. */
extern const struct form_kind form_kind_vendors;
extern const struct form_kind form_kind_inventory;
extern const struct form_kind form_kind_authorizations;
extern const struct form_kind form_kind_auditors;
extern const struct form_kind form_kind_checklist;

#endif
