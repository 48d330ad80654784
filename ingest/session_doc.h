/*
 * session_doc.h - what the stages of loading a session document share
 * (session_check.c checks the parsed tree, session_store.c compares and
 * writes it; session.c runs them in order): the document as checked, the
 * year's checklist, the loader's statements.  Private to ingest/.
 */
#ifndef JAUDIT_INGEST_SESSION_DOC_H
#define JAUDIT_INGEST_SESSION_DOC_H

#include "session.h"
#include "../core/date.h"
#include "../core/rating.h"

/* A year's checklist: item codes in order, which are contract-specific. */
struct session_year {
	int year;
	int exists;		/* the year has a checklist */
	int has_auth;		/* some 附件1 authorization of the year is loaded */
	size_t n;
	char (*code)[8];
	unsigned char *specific;
	short pos[2][100];	/* [C or S][number]: index in code, or -1 */
	char expected[64];	/* "C01..C10 or S01..S17" */
};


struct s_contract {
	const char *ref, *agency, *contract, *system;
};
struct s_result {
	const char *item, *ref, *finding, *rec;
	enum rating rating;
	size_t index;		/* in the results array, for messages */
};
struct s_rating {
	const char *auditor, *item, *ref;
	enum rating rating;
};

struct session_doc {
	size_t line;
	int ok;
	int year;
	const struct session_year *y;
	const char *id, *taxid, *lead;
	char date[DATE_ISO_LEN];
	const char *members[5];
	size_t nmembers;
	struct s_contract *c;
	size_t nc, cap_c;
	struct s_result *r;
	size_t nr, cap_r;
	struct s_rating *a;
	size_t na, cap_a;
	unsigned *seen;		/* [item][contract+1] position+1 in results */
	size_t cap_seen;
	const char *pkey, *pfield;	/* see set_path() */
	long pindex;
	struct strbuf path, msg, canon_db, canon_doc;
};

/* The loader's statements: the check stage's first, then the store stage's. */
enum {
	ST_YEAR, ST_HAS_AUTH, ST_VENDOR, ST_AUTH,
	ST_CHECK_COUNT,
	ST_EXISTS = ST_CHECK_COUNT,
	ST_SESSION, ST_RESESSION, ST_DEL_MEMBERS, ST_DEL_RATINGS,
	ST_DEL_CONTRACTS, ST_DEL_RESULTS, ST_DEL_ITEMS,
	ST_C_SESSION, ST_C_MEMBERS, ST_C_CONTRACTS, ST_C_RESULTS, ST_C_RATINGS,
	ST_COUNT
};

_Static_assert(ST_COUNT <= sizeof(((struct session_loader *)0)->st) / sizeof(sqlite3_stmt *),
	       "session_loader.st holds every statement");

/* Prepare each stage's statements into L->st: 0 or JAUDIT_EDATA. */
int session_check_prepare(struct session_loader *L);
int session_store_prepare(struct session_loader *L);

/*
 * Check the document (line: its line in the file, 0 for a .json file)
 * into L->doc: 0 when it has no errors (warnings may have been logged),
 * JAUDIT_EDATA when it has (logged).
 */
int session_check(struct session_loader *L, const cJSON *root, size_t line);

/*
 * Store the checked document L->doc: unchanged when the stored session
 * reads the same, else written (replacing the stored one); counts it in
 * L->added, replaced or unchanged.  0 or JAUDIT_EDATA (logged).
 */
int session_store(struct session_loader *L);

#endif
