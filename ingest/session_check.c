/*
 * Session documents, the second stage: every rule of the session format
 * (docs/FORMATS.md) checked on the parsed tree against the year's
 * checklist, vendors and 附件1 authorizations, each error with its JSON
 * path.  The document as checked is left in L->doc (session_doc.h) for
 * the last stage, session_store.c.  Reads the database, never writes it.
 */
#include "session_doc.h"
#include "../core/date.h"
#include "../core/db.h"
#include "../core/names.h"
#include "../core/rating.h"
#include "../core/strbuf.h"
#include "../core/taxid.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* 0 for C, 1 for S, and the number of an item code "C01".."S99"; -1 if it is not one. */
static int item_slot(const char *code, int *n)
{
	if ((code[0] != 'C' && code[0] != 'S') || code[1] < '0' || code[1] > '9' ||
	    code[2] < '0' || code[2] > '9' || code[3])
		return -1;
	*n = (code[1] - '0') * 10 + (code[2] - '0');
	return code[0] == 'S';
}

/* The statements of this stage (session_doc.h), prepared by session_check_prepare. */
static const char *const sql[ST_CHECK_COUNT] = {
	[ST_YEAR] = "SELECT code, category FROM checklist_items WHERE year = :year"
		" ORDER BY category = 'specific', seq",
	[ST_HAS_AUTH] = "SELECT EXISTS (SELECT 1 FROM authorizations WHERE year = :year)",
	[ST_VENDOR] = "SELECT v.selected, v.candidate FROM vendor_years v"
		" WHERE v.year = :year AND v.taxid = :taxid",
	[ST_AUTH] = "SELECT DISTINCT a.agency, a.contract FROM authorizations a"
		" JOIN authorization_vendors v ON v.authorization = a.id WHERE a.year = :year AND v.taxid = :taxid",
};

int session_check_prepare(struct session_loader *L)
{
	int i;

	for (i = 0; i < ST_CHECK_COUNT; i++)
		if (db_prepare(L->db, &L->st[i], sql[i]) < 0)
			return JAUDIT_EDATA;
	return 0;
}


/* The JSON value as a message shows it: strings quoted, others as JSON. */
static void show_value(struct strbuf *sb, const cJSON *v)
{
	if (cJSON_IsString(v)) {
		form_quote(sb, v->valuestring);
	} else {
		char *s = cJSON_PrintUnformatted(v);

		if (s && strlen(s) > 60)
			strcpy(s + 57, "...");
		strbuf_adds(sb, s ? s : "?");
		cJSON_free(s);
	}
}

/*
 * Where in the document the next message is about: key[index].field.
 * Kept as parts and worded only when a message needs it.
 */
static void set_path(struct session_doc *d, const char *key, long index, const char *field)
{
	d->pkey = key;
	d->pindex = index;
	d->pfield = field;
}

static const char *path(struct session_doc *d)
{
	strbuf_reset(&d->path);
	strbuf_adds(&d->path, d->pkey);
	if (d->pindex >= 0)
		strbuf_addf(&d->path, "[%ld]", d->pindex);
	if (d->pfield)
		strbuf_addf(&d->path, ".%s", d->pfield);
	return d->path.buf;
}

/* "PATH: VALUE is not WHAT, expected EXPECTED" */
static void bad(struct session_loader *L, const cJSON *v, const char *what, const char *expected)
{
	struct session_doc *d = L->doc;

	strbuf_reset(&d->msg);
	show_value(&d->msg, v);
	form_error(L->log, d->line, "%s: %s is not %s, expected %s", path(d), d->msg.buf,
		   what, expected);
	d->ok = 0;
}

static void missing(struct session_loader *L, const char *expected)
{
	struct session_doc *d = L->doc;

	form_error(L->log, d->line, "%s: missing, expected %s", path(d), expected);
	d->ok = 0;
}

/*
 * A required non-empty string member of obj, or NULL with an error.
 * With required = 0 an absent member gives "" and no error.
 */
static const char *get_string(struct session_loader *L, const cJSON *obj, const char *key,
			      long index, const char *parent, int required, const char *expected)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	set_path(L->doc, parent ? parent : key, index, parent ? key : NULL);
	if (!v || cJSON_IsNull(v)) {
		if (!required)
			return "";
		missing(L, expected);
		return NULL;
	}
	if (!cJSON_IsString(v) || (required && !v->valuestring[strspn(v->valuestring, " \t\r\n")])) {
		if (cJSON_IsString(v))
			missing(L, expected);
		else
			bad(L, v, "text", expected);
		return NULL;
	}
	return v->valuestring;
}

/*
 * The array member key of root, or NULL: absent (an error when required)
 * or not an array (an error).  expected describes the list.
 */
static const cJSON *get_array(struct session_loader *L, const cJSON *root, const char *key,
			      int required, const char *expected)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);

	set_path(L->doc, key, -1, NULL);
	if (!v || (!required && cJSON_IsNull(v))) {
		if (required)
			missing(L, expected);
		return NULL;
	}
	if (!cJSON_IsArray(v)) {
		bad(L, v, "a list", expected);
		return NULL;
	}
	return v;
}

/* --- the year's checklist -------------------------------------------- */

static const struct session_year *year_get(struct session_loader *L, int year)
{
	struct session_year *y;
	sqlite3_stmt *st = L->st[ST_YEAR];
	size_t i;
	int rc;

	for (i = 0; i < L->nyears; i++)
		if (L->years[i].year == year)
			return &L->years[i];
	L->years = xrealloc(L->years, (L->nyears + 1) * sizeof(*L->years));
	y = &L->years[L->nyears++];
	memset(y, 0, sizeof(*y));
	memset(y->pos, 0xff, sizeof(y->pos));	/* -1 */
	y->year = year;
	db_bind_int(st, ":year", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		int cs, n;

		y->code = xrealloc(y->code, (y->n + 1) * sizeof(*y->code));
		y->specific = xrealloc(y->specific, y->n + 1);
		snprintf(y->code[y->n], sizeof(y->code[y->n]), "%s", db_text(st, 0));
		y->specific[y->n] = strcmp(db_text(st, 1), "specific") == 0;
		if ((cs = item_slot(y->code[y->n], &n)) >= 0)	/* always: checklist_items checks it */
			y->pos[cs][n] = (short)y->n;
		y->n++;
	}
	db_reset(st);
	y->exists = y->n > 0;
	if (y->exists) {
		const char *fc = NULL, *lc = NULL, *fs = NULL, *ls = NULL;

		for (i = 0; i < y->n; i++) {
			if (y->specific[i]) {
				if (!fs)
					fs = y->code[i];
				ls = y->code[i];
			} else {
				if (!fc)
					fc = y->code[i];
				lc = y->code[i];
			}
		}
		if (fc && fs)
			snprintf(y->expected, sizeof(y->expected), "%s..%s or %s..%s", fc, lc, fs, ls);
		else
			snprintf(y->expected, sizeof(y->expected), "%s..%s", fc ? fc : fs, fc ? lc : ls);
	}
	st = L->st[ST_HAS_AUTH];
	db_bind_int(st, ":year", year);
	if (db_step(st) == SQLITE_ROW)
		y->has_auth = sqlite3_column_int(st, 0);
	db_reset(st);
	return y;
}

static long item_index(const struct session_year *y, const char *code)
{
	int cs, n;

	if ((cs = item_slot(code, &n)) < 0)
		return -1;
	return y->pos[cs][n];
}

static long contract_index(const struct session_doc *d, const char *ref)
{
	size_t i;

	for (i = 0; i < d->nc; i++)
		if (strcmp(d->c[i].ref, ref) == 0)
			return (long)i;
	return -1;
}

static void refs_expected(const struct session_doc *d, struct strbuf *sb)
{
	size_t i;

	strbuf_reset(sb);
	if (d->nc == 0) {
		strbuf_adds(sb, "none: the document has no contracts");
		return;
	}
	strbuf_adds(sb, "one of ");
	for (i = 0; i < d->nc; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", d->c[i].ref);
}

/* --- checking the parts ------------------------------------------------ */

static void check_format(struct session_loader *L, const cJSON *root)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "format");

	set_path(L->doc, "format", -1, NULL);
	if (!v)
		missing(L, "\"" SESSION_FORMAT "\"");
	else if (!cJSON_IsString(v) || strcmp(v->valuestring, SESSION_FORMAT) != 0)
		bad(L, v, "a known format", "\"" SESSION_FORMAT "\"");
}

/* d->year and d->y, the year's checklist; 0 and NULL when not a year with one. */
static void check_year(struct session_loader *L, const cJSON *root)
{
	struct session_doc *d = L->doc;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "year");

	set_path(d, "year", -1, NULL);
	d->year = 0;
	if (!v) {
		missing(L, "an ROC year such as 115");
		return;
	}
	if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble ||
	    !date_year_ok(v->valueint)) {
		bad(L, v, "a year", DATE_YEAR_EXPECTED);
		return;
	}
	d->year = v->valueint;
	d->y = year_get(L, d->year);
	if (!d->y->exists) {
		char exp[96];

		snprintf(exp, sizeof(exp), "a year with a checklist (run 'jaudit init --year %d' first)",
			 d->year);
		bad(L, v, "a year with a checklist", exp);
		d->year = 0;
		d->y = NULL;
	}
}

static void check_id(struct session_loader *L, const cJSON *root)
{
	struct session_doc *d = L->doc;
	size_t n;

	d->id = get_string(L, root, "session", -1, NULL, 1, "a session id such as \"115-07\"");
	if (!d->id)
		return;
	n = strlen(d->id);
	if (n > 32 || strspn(d->id, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_") != n) {
		bad(L, cJSON_GetObjectItemCaseSensitive(root, "session"), "a session id",
		    "letters, digits, '-' and '_' (at most 32), such as \"115-07\"");
		d->id = NULL;
	}
}

/* d->taxid: a valid 統一編號 of a vendor selected (受稽核) in the year. */
static void check_vendor(struct session_loader *L, const cJSON *root)
{
	struct session_doc *d = L->doc;
	sqlite3_stmt *st = L->st[ST_VENDOR];
	const cJSON *v;
	int selected = 0, known = 0;
	char what[96], exp[160];

	d->taxid = get_string(L, root, "vendor", -1, NULL, 1, "the vendor's 統一編號 (8 digits)");
	if (!d->taxid)
		return;
	v = cJSON_GetObjectItemCaseSensitive(root, "vendor");
	if (!taxid_valid(d->taxid)) {
		bad(L, v, "a valid 統一編號", "8 digits that pass the Ministry of Finance check rule");
		d->taxid = NULL;
		return;
	}
	if (!d->year)
		return;
	db_bind_int(st, ":year", d->year);
	db_bind_text(st, ":taxid", d->taxid);
	if (db_step(st) == SQLITE_ROW) {
		known = 1;
		selected = sqlite3_column_int(st, 0);
	}
	db_reset(st);
	if (selected)
		return;
	snprintf(what, sizeof(what), "a vendor selected (受稽核) in %d", d->year);
	snprintf(exp, sizeof(exp), known
		 ? "a vendor marked 受稽核 是 in the %d vendors list"
		 : "a vendor of the %d vendors list marked 受稽核 是 (load the list first)",
		 d->year);
	bad(L, v, what, exp);
	d->taxid = NULL;
}

/* d->date, ISO: a date in the document's year; "" when not. */
static void check_date(struct session_loader *L, const cJSON *root)
{
	struct session_doc *d = L->doc;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "date");
	struct jdate dt;

	set_path(d, "date", -1, NULL);
	d->date[0] = '\0';
	if (!v) {
		missing(L, "a date such as 115/06/12");
	} else if (!cJSON_IsString(v) || date_parse(v->valuestring, &dt) < 0) {
		bad(L, v, "a date", "a date such as 115/06/12");
	} else if (d->year && date_roc_year(dt) != d->year) {
		char what[32], exp[80];

		snprintf(what, sizeof(what), "in year %d", d->year);
		snprintf(exp, sizeof(exp), "a date between %d/01/01 and %d/12/31", d->year, d->year);
		bad(L, v, what, exp);
	} else {
		date_iso(dt, d->date);
	}
}

/* The document's head: format, year, session, vendor, date, lead. */
static void check_head(struct session_loader *L, const cJSON *root)
{
	check_format(L, root);
	check_year(L, root);
	check_id(L, root);
	check_vendor(L, root);
	check_date(L, root);
	L->doc->lead = get_string(L, root, "lead", -1, NULL, 1, "the name of the lead (稽核領隊)");
}

static void check_committee(struct session_loader *L, const cJSON *root)
{
	struct session_doc *d = L->doc;
	const cJSON *v = get_array(L, root, "committee", 1, "a list of the 3 to 5 committee members"), *m;
	long i = 0;

	d->nmembers = 0;
	if (!v)
		return;
	cJSON_ArrayForEach(m, v) {
		size_t j;

		set_path(d, "committee", i, NULL);
		if (!cJSON_IsString(m) || !m->valuestring[strspn(m->valuestring, " \t")]) {
			bad(L, m, "a name", "a member's name");
		} else {
			for (j = 0; j < d->nmembers && j < 5; j++)
				if (strcmp(d->members[j], m->valuestring) == 0)
					break;
			if (j < d->nmembers && j < 5)
				bad(L, m, "a new member (named twice)", "3 to 5 distinct members");
			else if (d->nmembers < 5)
				d->members[d->nmembers++] = m->valuestring;
			else
				d->nmembers++;
		}
		i++;
	}
	if (i < 3 || i > 5) {
		set_path(d, "committee", -1, NULL);
		form_error(L->log, d->line, "committee: %ld members is not 3 to 5, expected 3 to 5 distinct members (計畫第九點)", i);
		d->ok = 0;
	}
}

static void *grow(void *p, size_t *cap, size_t want, size_t size)
{
	if (want <= *cap)
		return p;
	while (*cap < want)
		*cap = *cap ? *cap * 2 : 16;
	return xrealloc(p, *cap * size);
}

static void check_contracts(struct session_loader *L, const cJSON *root)
{
	struct session_doc *d = L->doc;
	const cJSON *v = get_array(L, root, "contracts", 1, "a list of the sampled contracts (may be empty)"), *c;
	long i = 0;

	d->nc = 0;
	if (!v)
		return;
	cJSON_ArrayForEach(c, v) {
		struct s_contract k;

		if (!cJSON_IsObject(c)) {
			set_path(d, "contracts", i, NULL);
			bad(L, c, "a contract", "an object {\"ref\", \"agency\", \"contract\", \"system\"}");
			i++;
			continue;
		}
		k.ref = get_string(L, c, "ref", i, "contracts", 1, "a reference such as \"K1\"");
		if (k.ref && contract_index(d, k.ref) >= 0) {
			bad(L, cJSON_GetObjectItemCaseSensitive(c, "ref"), "a new ref (used twice)",
			    "a unique ref per contract");
			k.ref = NULL;
		}
		k.agency = get_string(L, c, "agency", i, "contracts", 1, "the agency (機關名稱)");
		k.contract = get_string(L, c, "contract", i, "contracts", 1, "the contract's name (契約案名)");
		k.system = get_string(L, c, "system", i, "contracts", 0, "the system's name (系統名稱)");
		if (k.ref && k.agency && k.contract && k.system) {
			d->c = grow(d->c, &d->cap_c, d->nc + 1, sizeof(*d->c));
			d->c[d->nc++] = k;
		}
		i++;
	}
}

/*
 * item and contract of a result or an auditor's rating at key[i]: the
 * item index, *ci the contract index (-1 for a common item), or -1.
 */
static long check_item(struct session_loader *L, const cJSON *o, const char *key, long i,
		       long *ci)
{
	struct session_doc *d = L->doc;
	const char *code = get_string(L, o, "item", i, key, 1, "an item code such as C01");
	const cJSON *cv;
	long it;

	*ci = -1;
	if (!code || !d->y)
		return -1;
	it = item_index(d->y, code);
	if (it < 0) {
		char what[64];

		snprintf(what, sizeof(what), "an item of the %d checklist", d->year);
		bad(L, cJSON_GetObjectItemCaseSensitive(o, "item"), what, d->y->expected);
		return -1;
	}
	cv = cJSON_GetObjectItemCaseSensitive(o, "contract");
	set_path(d, key, i, "contract");
	if (!d->y->specific[it]) {
		if (cv && !cJSON_IsNull(cv) && !(cJSON_IsString(cv) && !*cv->valuestring)) {
			char what[64];

			snprintf(what, sizeof(what), "allowed for the common item %s", code);
			bad(L, cv, what, "no contract (a common item is rated once per session)");
			return -1;
		}
		return it;
	}
	if (!cv || cJSON_IsNull(cv)) {
		char exp[128];

		snprintf(exp, sizeof(exp), "the ref of a sampled contract for the contract-specific item %s", code);
		missing(L, exp);
		return -1;
	}
	if (!cJSON_IsString(cv) || (*ci = contract_index(d, cv->valuestring)) < 0) {
		refs_expected(d, &d->canon_db);
		bad(L, cv, "a sampled contract", d->canon_db.buf);
		return -1;
	}
	return it;
}

static int check_rating(struct session_loader *L, const cJSON *o, const char *key, long i,
			enum rating *r)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "rating");

	set_path(L->doc, key, i, "rating");
	if (!v) {
		missing(L, "one of " RATING_EXPECTED);
		return -1;
	}
	if (!cJSON_IsString(v) || rating_parse(v->valuestring, r) < 0) {
		strbuf_reset(&L->doc->msg);
		show_value(&L->doc->msg, v);
		form_error(L->log, L->doc->line, "%s: %s is not one of %s", path(L->doc),
			   L->doc->msg.buf, RATING_EXPECTED);
		L->doc->ok = 0;
		return -1;
	}
	return 0;
}

/* A result's item (per contract) met before in the results: an error; else marked seen. */
static void check_seen(struct session_loader *L, long it, long ci, long i)
{
	struct session_doc *d = L->doc;
	unsigned *slot = &d->seen[(size_t)it * (d->nc + 1) + (size_t)(ci + 1)];

	if (!*slot) {
		*slot = (unsigned)i + 1;
		return;
	}
	set_path(d, "results", i, NULL);
	if (ci >= 0)
		form_error(L->log, d->line, "%s: %s for contract %s appears twice (results[%u] and results[%ld]), expected each contract-specific item once per contract",
			   path(d), d->y->code[it], d->c[ci].ref, *slot - 1, i);
	else
		form_error(L->log, d->line, "%s: %s appears twice (results[%u] and results[%ld]), expected each common item once",
			   path(d), d->y->code[it], *slot - 1, i);
	d->ok = 0;
}

/* The result at results[i], an object: checked, and kept in d->r when whole. */
static void check_result(struct session_loader *L, const cJSON *o, long i)
{
	struct session_doc *d = L->doc;
	struct s_result r;
	long it, ci;
	int rok;

	it = check_item(L, o, "results", i, &ci);
	rok = check_rating(L, o, "results", i, &r.rating) == 0;
	r.finding = get_string(L, o, "finding", i, "results", 0, "the finding (發現事項) as text");
	r.rec = get_string(L, o, "recommendation", i, "results", 0, "the recommendation (建議) as text");
	if (rok && r.finding && rating_is_finding(r.rating, 0) &&
	    !r.finding[strspn(r.finding, " \t\r\n")]) {
		char exp[96];

		set_path(d, "results", i, "finding");
		snprintf(exp, sizeof(exp), "the finding (發現事項) of a %s result",
			 rating_label(r.rating, 0));
		missing(L, exp);
		rok = 0;
	}
	if (it >= 0)
		check_seen(L, it, ci, i);
	if (it >= 0 && rok && r.finding && r.rec) {
		r.item = d->y->code[it];
		r.ref = ci >= 0 ? d->c[ci].ref : "";
		r.index = (size_t)i;
		d->r = grow(d->r, &d->cap_r, d->nr + 1, sizeof(*d->r));
		d->r[d->nr++] = r;
	}
}

/* Every item of the checklist once, a contract-specific one once per contract. */
static void check_complete(struct session_loader *L)
{
	struct session_doc *d = L->doc;
	size_t stride = d->nc + 1, k, j;

	for (k = 0; k < d->y->n; k++) {
		if (!d->y->specific[k]) {
			if (!d->seen[k * stride]) {
				form_error(L->log, d->line, "results: %s is missing, expected every common item once",
					   d->y->code[k]);
				d->ok = 0;
			}
			continue;
		}
		for (j = 0; j < d->nc; j++) {
			if (!d->seen[k * stride + j + 1]) {
				form_error(L->log, d->line, "results: %s is missing for contract %s, expected every contract-specific item once per contract",
					   d->y->code[k], d->c[j].ref);
				d->ok = 0;
			}
		}
	}
}

static void check_results(struct session_loader *L, const cJSON *root)
{
	struct session_doc *d = L->doc;
	const cJSON *v = get_array(L, root, "results", 1,
				   "a list of the results, one per checklist item (per contract)"), *o;
	size_t need;
	long i = 0;

	d->nr = 0;
	if (!v)
		return;
	need = d->y ? d->y->n * (d->nc + 1) : 0;
	d->seen = grow(d->seen, &d->cap_seen, need + 1, sizeof(*d->seen));
	memset(d->seen, 0, (need + 1) * sizeof(*d->seen));
	cJSON_ArrayForEach(o, v) {
		if (cJSON_IsObject(o)) {
			check_result(L, o, i);
		} else {
			set_path(d, "results", i, NULL);
			bad(L, o, "a result", "an object {\"item\", \"rating\", …}");
		}
		i++;
	}
	if (d->y)
		check_complete(L);
}

static int cmp_rating(const void *a, const void *b)
{
	const struct s_rating *x = a, *y = b;
	int c = strcmp(x->auditor, y->auditor);

	if (!c)
		c = strcmp(x->item, y->item);
	return c ? c : strcmp(x->ref, y->ref);
}

static void check_ratings(struct session_loader *L, const cJSON *root)
{
	struct session_doc *d = L->doc;
	const cJSON *v = get_array(L, root, "auditor_ratings", 0,
				   "a list of {\"auditor\", \"item\", \"rating\"}"), *o;
	long i = 0;
	size_t k;

	d->na = 0;
	if (!v)
		return;
	cJSON_ArrayForEach(o, v) {
		struct s_rating a;
		long it, ci;
		int ok = 1;

		if (!cJSON_IsObject(o)) {
			set_path(d, "auditor_ratings", i, NULL);
			bad(L, o, "an auditor's rating", "an object {\"auditor\", \"item\", \"rating\"}");
			i++;
			continue;
		}
		a.auditor = get_string(L, o, "auditor", i, "auditor_ratings", 1, "the name of the lead or a committee member");
		if (a.auditor) {
			size_t j;
			int found = d->lead && strcmp(d->lead, a.auditor) == 0;

			for (j = 0; j < d->nmembers && j < 5 && !found; j++)
				found = strcmp(d->members[j], a.auditor) == 0;
			if (!found) {
				bad(L, cJSON_GetObjectItemCaseSensitive(o, "auditor"), "on the committee",
				    "the lead or a committee member");
				ok = 0;
			}
		} else {
			ok = 0;
		}
		it = check_item(L, o, "auditor_ratings", i, &ci);
		if (check_rating(L, o, "auditor_ratings", i, &a.rating) < 0)
			ok = 0;
		if (ok && it >= 0) {
			a.item = d->y->code[it];
			a.ref = ci >= 0 ? d->c[ci].ref : "";
			d->a = grow(d->a, &d->cap_a, d->na + 1, sizeof(*d->a));
			d->a[d->na++] = a;
		}
		i++;
	}
	if (d->na < 2)
		return;
	qsort(d->a, d->na, sizeof(*d->a), cmp_rating);
	for (k = 1; k < d->na; k++) {
		if (cmp_rating(&d->a[k - 1], &d->a[k]) == 0) {
			form_error(L->log, d->line, "auditor_ratings: %s rated %s%s%s twice, expected one rating per auditor and item",
				   d->a[k].auditor, d->a[k].item, *d->a[k].ref ? " for contract " : "",
				   d->a[k].ref);
			d->ok = 0;
		}
	}
}

/* A warning for each sampled contract no 附件1 authorization of the vendor covers. */
static void check_authorizations(struct session_loader *L)
{
	struct session_doc *d = L->doc;
	sqlite3_stmt *st = L->st[ST_AUTH];
	size_t i;

	if (!d->y || !d->y->has_auth || !d->taxid)
		return;
	for (i = 0; i < d->nc; i++) {
		int found = 0;

		db_bind_int(st, ":year", d->year);
		db_bind_text(st, ":taxid", d->taxid);
		while (!found && db_step(st) == SQLITE_ROW)
			found = name_equal(db_text(st, 0), d->c[i].agency) &&
				name_equal(db_text(st, 1), d->c[i].contract);
		db_reset(st);
		if (!found)
			form_warn(L->log, d->line, "contracts[%zu]: %s「%s」 is not covered by any 附件1 authorization of vendor %s in %d; check the contract's name or load the agency's 附件1 form",
				  i, d->c[i].agency, d->c[i].contract, d->taxid, d->year);
	}
}


/* --- the entry point ---------------------------------------------------- */

/* The session id named twice in the file: an error. */
static void check_once(struct session_loader *L)
{
	struct session_doc *d = L->doc;
	size_t first;

	if (!d->id)
		return;
	first = form_seen_add(&L->ids, d->id, d->line ? d->line : 1);
	if (!first)
		return;
	if (d->line)
		form_error(L->log, d->line, "session: \"%s\" appears twice in the file (first on line %zu), expected each session once",
			   d->id, first);
	else
		form_error(L->log, d->line, "session: \"%s\" appears twice in the file, expected each session once",
			   d->id);
	d->ok = 0;
}

int session_check(struct session_loader *L, const cJSON *root, size_t line)
{
	struct session_doc *d = L->doc;

	d->line = line;
	d->ok = 1;
	d->y = NULL;
	d->id = d->taxid = d->lead = NULL;
	d->nmembers = d->nc = d->nr = d->na = 0;
	if (!cJSON_IsObject(root)) {
		strbuf_reset(&d->msg);
		show_value(&d->msg, root);
		return form_error(L->log, line, "%s is not a session document, expected a JSON object {\"format\": \"" SESSION_FORMAT "\", …}",
				  d->msg.buf);
	}
	check_head(L, root);
	check_committee(L, root);
	check_contracts(L, root);
	check_results(L, root);
	check_ratings(L, root);
	check_once(L);
	if (!d->ok)
		return JAUDIT_EDATA;
	check_authorizations(L);
	return 0;
}
