/*
 * remediation.c - what several commands read about remediation records:
 * the statuses' names, the records with their histories, the state of a
 * record on any date, the summary and the burn-down (remediation.h).
 *
 * Every figure "as of" a date is computed from the history, so that a list
 * or a summary of last month can be reproduced exactly.
 */
#include "remediation.h"
#include "../core/db.h"
#include "../core/err.h"
#include "../core/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *code, *zh, *en;
} status_names[REMED_NSTATUS] = {
	{ "open", "待改善", "Open" },
	{ "in_progress", "改善中", "In progress" },
	{ "pending_verification", "待驗證", "Pending verification" },
	{ "closed", "已結案", "Closed" },
	{ "risk_accepted", "風險接受", "Risk accepted" },
};

const char *remed_status_code(enum remed_status s)
{
	return s < REMED_NSTATUS ? status_names[s].code : "";
}

const char *remed_status_label(enum remed_status s, int en)
{
	if (s >= REMED_NSTATUS)
		return "";
	return en ? status_names[s].en : status_names[s].zh;
}

int remed_status_parse(const char *s, enum remed_status *out)
{
	struct strbuf t = STRBUF_INIT;
	size_t i, n;
	int rc = -1;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	strbuf_add(&t, s, n);
	for (i = 0; i < t.len; i++)
		if (t.buf[i] == ' ' || t.buf[i] == '-')
			t.buf[i] = '_';
	for (i = 0; i < REMED_NSTATUS && rc < 0; i++) {
		struct strbuf en = STRBUF_INIT;
		size_t j;

		strbuf_adds(&en, status_names[i].en);
		for (j = 0; j < en.len; j++)
			if (en.buf[j] == ' ')
				en.buf[j] = '_';
		if (strcmp(t.buf, status_names[i].zh) == 0 ||
		    strcasecmp(t.buf, status_names[i].code) == 0 ||
		    strcasecmp(t.buf, en.buf) == 0) {
			*out = (enum remed_status)i;
			rc = 0;
		}
		strbuf_release(&en);
	}
	if (rc < 0 && strcasecmp(t.buf, "pending") == 0) {
		*out = REMED_PENDING;
		rc = 0;
	}
	strbuf_release(&t);
	return rc;
}

int remed_status_ended(enum remed_status s)
{
	return s == REMED_CLOSED || s == REMED_RISK_ACCEPTED;
}

static int status_from_code(const char *code, enum remed_status *out)
{
	size_t i;

	for (i = 0; i < REMED_NSTATUS; i++)
		if (strcmp(code, status_names[i].code) == 0) {
			*out = (enum remed_status)i;
			return 0;
		}
	return -1;
}

long remed_days_overdue(enum remed_status s, struct jdate due, struct jdate as_of)
{
	long d;

	if (remed_status_ended(s))
		return 0;
	d = date_diff(due, as_of);
	return d > 0 ? d : 0;
}

int remed_aging_bucket(long days_overdue)
{
	if (days_overdue <= 0)
		return 0;
	if (days_overdue <= 30)
		return 1;
	if (days_overdue <= 90)
		return 2;
	return 3;
}

/* --- loading ----------------------------------------------------------------- */

static void event_release(struct remed_event *e)
{
	free(e->action);
	free(e->actor);
	free(e->note);
	free(e->evidence);
	free(e->approver);
	free(e->recorded_at);
}

static void record_release(struct remed_record *r)
{
	size_t i;

	free(r->id);
	free(r->session);
	free(r->item);
	free(r->ref);
	free(r->taxid);
	free(r->vendor);
	free(r->owner);
	free(r->agency);
	free(r->contract);
	free(r->rating);
	free(r->finding);
	free(r->recommendation);
	for (i = 0; i < r->nevents; i++)
		event_release(&r->events[i]);
	free(r->events);
}

void remed_set_release(struct remed_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		record_release(&set->recs[i]);
	free(set->recs);
	set->recs = NULL;
	set->n = 0;
}

static int parse_stored_date(const char *s, struct jdate *d, const char *what, const char *id)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "remediation record %s, %s", id, what);
	return date_from_db_or_say(s, d, buf);
}

static int find_record(const struct remed_set *set, const char *id)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(set->recs[mid].id, id);

		if (c == 0)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const struct remed_record *remed_set_find(const struct remed_set *set, const char *id)
{
	int i = find_record(set, id);

	return i < 0 ? NULL : &set->recs[i];
}

size_t remed_set_session(const struct remed_set *set, const char *session, size_t *first)
{
	size_t lo = 0, hi = set->n, n = 0, len = strlen(session);
	struct strbuf prefix = STRBUF_INIT;

	/* the first id not below "SESSION-" */
	strbuf_addf(&prefix, "%s-", session);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(set->recs[mid].id, prefix.buf) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo + n < set->n && strncmp(set->recs[lo + n].id, prefix.buf, len + 1) == 0)
		n++;
	strbuf_release(&prefix);
	return n;
}

static int load_records(sqlite3 *db, int year, struct remed_set *set)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;

	if (db_prepare(db, &st,
		       "SELECT m.id, m.session, m.item, m.ref, m.taxid, coalesce(v.name, ''),"
		       " m.owner, m.agency, coalesce(c.contract, ''), m.rating,"
		       " coalesce(r.finding, ''), coalesce(r.recommendation, ''), m.year,"
		       " s.date, m.plan_due, m.status, m.due"
		       " FROM remediation m JOIN sessions s ON s.id = m.session"
		       " LEFT JOIN vendors v ON v.taxid = m.taxid"
		       " LEFT JOIN session_contracts c ON c.session = m.session AND c.ref = m.ref"
		       " LEFT JOIN results r ON r.session = m.session AND r.item = m.item AND r.ref = m.ref"
		       " WHERE :year = 0 OR m.year = :year ORDER BY m.id") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		struct remed_record *r;
		int i;

		if (set->n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			set->recs = xrealloc(set->recs, alloc * sizeof(*set->recs));
		}
		r = &set->recs[set->n++];
		memset(r, 0, sizeof(*r));
		char **fields[] = { &r->id, &r->session, &r->item, &r->ref, &r->taxid, &r->vendor,
				    &r->owner, &r->agency, &r->contract, &r->rating,
				    &r->finding, &r->recommendation };
		for (i = 0; i < 12; i++)
			*fields[i] = xstrdup(db_text(st, i));
		r->year = sqlite3_column_int(st, 12);
		if (parse_stored_date(db_text(st, 13), &r->audit, "audit date", r->id) < 0 ||
		    parse_stored_date(db_text(st, 14), &r->plan_due, "plan due date", r->id) < 0 ||
		    status_from_code(db_text(st, 15), &r->status) < 0 ||
		    parse_stored_date(db_text(st, 16), &r->due, "due date", r->id) < 0) {
			rc = JAUDIT_EDATA;
			break;
		}
	}
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

static int load_events(sqlite3 *db, int year, struct remed_set *set)
{
	sqlite3_stmt *st = NULL;
	int rc, cur = -1;
	size_t alloc = 0;

	if (db_prepare(db, &st,
		       "SELECT h.record, h.seq, h.date, h.action, h.actor, h.note, h.evidence,"
		       " h.approver, h.recorded_at, h.old_status, h.new_status, h.old_due, h.new_due"
		       " FROM remediation_history h JOIN remediation m ON m.id = h.record"
		       " WHERE :year = 0 OR m.year = :year ORDER BY h.record, h.date, h.seq") < 0)
		return JAUDIT_EDATA;
	db_bind_int(st, ":year", year);
	while ((rc = db_step(st)) == SQLITE_ROW) {
		const char *id = db_text(st, 0);
		struct remed_record *r;
		struct remed_event *e;

		if (cur < 0 || strcmp(set->recs[cur].id, id) != 0) {
			cur = find_record(set, id);
			alloc = 0;
			if (cur < 0) {
				rc = jerror("database: history of unknown record %s; run 'jaudit check'", id);
				break;
			}
			alloc = set->recs[cur].nevents;
		}
		r = &set->recs[cur];
		if (r->nevents == alloc) {
			alloc = alloc ? alloc * 2 : 4;
			r->events = xrealloc(r->events, alloc * sizeof(*r->events));
		}
		e = &r->events[r->nevents++];
		memset(e, 0, sizeof(*e));
		e->seq = (long)sqlite3_column_int64(st, 1);
		e->action = xstrdup(db_text(st, 3));
		e->actor = xstrdup(db_text(st, 4));
		e->note = xstrdup(db_text(st, 5));
		e->evidence = xstrdup(db_text(st, 6));
		e->approver = xstrdup(db_text(st, 7));
		e->recorded_at = xstrdup(db_text(st, 8));
		e->has_old = sqlite3_column_type(st, 9) != SQLITE_NULL;
		if (parse_stored_date(db_text(st, 2), &e->date, "history date", id) < 0 ||
		    status_from_code(db_text(st, 10), &e->new_status) < 0 ||
		    parse_stored_date(db_text(st, 12), &e->new_due, "history due date", id) < 0 ||
		    (e->has_old && (status_from_code(db_text(st, 9), &e->old_status) < 0 ||
				    parse_stored_date(db_text(st, 11), &e->old_due, "history due date", id) < 0))) {
			rc = JAUDIT_EDATA;
			break;
		}
	}
	db_finalize(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}

int remed_load(sqlite3 *db, int year, struct remed_set *set)
{
	set->recs = NULL;
	set->n = 0;
	if (load_records(db, year, set) < 0 || load_events(db, year, set) < 0)
		return JAUDIT_EDATA;
	return 0;
}

int remed_state_at(const struct remed_record *r, struct jdate as_of,
		   enum remed_status *status, struct jdate *due, struct jdate *since)
{
	const struct remed_event *last = NULL;
	struct jdate entered = { 0, 0, 0 };
	size_t i;

	for (i = 0; i < r->nevents; i++) {
		const struct remed_event *e = &r->events[i];

		if (date_cmp(e->date, as_of) > 0)
			break;
		if (!last || !e->has_old || e->old_status != e->new_status)
			entered = e->date;
		last = e;
	}
	if (!last)
		return 0;
	if (status)
		*status = last->new_status;
	if (due)
		*due = last->new_due;
	if (since)
		*since = entered;
	return 1;
}

/* --- summary -------------------------------------------------------------------- */

static struct remed_owner_count *owner_slot(struct remed_summary *s, const char *owner)
{
	size_t i;

	for (i = 0; i < s->nowners; i++)
		if (strcmp(s->owners[i].owner, owner) == 0)
			return &s->owners[i];
	s->owners = xrealloc(s->owners, (s->nowners + 1) * sizeof(*s->owners));
	memset(&s->owners[s->nowners], 0, sizeof(*s->owners));
	s->owners[s->nowners].owner = xstrdup(owner);
	return &s->owners[s->nowners++];
}

/* 資安署 first, then the agencies by name */
static int owner_cmp(const void *a, const void *b)
{
	const struct remed_owner_count *x = a, *y = b;
	int cx = strcmp(x->owner, REMED_OWNER_CENTRAL) == 0;
	int cy = strcmp(y->owner, REMED_OWNER_CENTRAL) == 0;

	if (cx != cy)
		return cy - cx;
	return strcmp(x->owner, y->owner);
}

int remed_summary(sqlite3 *db, int year, struct jdate as_of, struct remed_summary *s)
{
	struct remed_set set;
	int rc;

	rc = remed_load(db, year, &set);
	if (rc == 0)
		rc = remed_summary_of(&set, year, as_of, s);
	else
		memset(s, 0, sizeof(*s));
	remed_set_release(&set);
	return rc;
}

int remed_summary_of(const struct remed_set *set, int year, struct jdate as_of,
		     struct remed_summary *s)
{
	double *times = NULL;
	int *events = NULL, rc = 0;
	size_t i, n = 0;

	memset(s, 0, sizeof(*s));
	s->year = year;
	s->as_of = as_of;
	s->km_median = NAN;
	times = xcalloc(set->n, sizeof(*times));
	events = xcalloc(set->n, sizeof(*events));
	for (i = 0; i < set->n; i++) {
		const struct remed_record *r = &set->recs[i];
		struct remed_owner_count *oc;
		enum remed_status st;
		struct jdate due, since;
		long late;

		if (!remed_state_at(r, as_of, &st, &due, &since))
			continue;
		s->total++;
		oc = owner_slot(s, r->owner);
		oc->count[st]++;
		if (!remed_status_ended(st)) {
			late = remed_days_overdue(st, due, as_of);
			s->aging[remed_aging_bucket(late)]++;
			if (late > 0) {
				s->overdue++;
				oc->overdue++;
			}
		}
		/* time to closure: from the audit to 已結案; censored at as_of or 風險接受 */
		if (st == REMED_CLOSED) {
			times[n] = (double)date_diff(r->audit, since);
			events[n++] = 1;
		} else if (st == REMED_RISK_ACCEPTED) {
			times[n] = (double)date_diff(r->audit, since);
			events[n++] = 0;
		} else {
			times[n] = (double)date_diff(r->audit, as_of);
			events[n++] = 0;
		}
	}
	if (s->nowners > 1)
		qsort(s->owners, s->nowners, sizeof(*s->owners), owner_cmp);
	s->km_n = (unsigned)n;
	for (i = 0; i < n; i++)
		s->km_events += (unsigned)events[i];
	if (n > 0)
		rc = km_fit(times, events, n, 0.95, &s->km, &s->nkm, &s->km_median);
	free(times);
	free(events);
	if (rc < 0)
		remed_summary_release(s);
	return rc;
}

void remed_summary_release(struct remed_summary *s)
{
	size_t i;

	for (i = 0; i < s->nowners; i++)
		free(s->owners[i].owner);
	free(s->owners);
	free(s->km);
	s->owners = NULL;
	s->nowners = 0;
	s->km = NULL;
	s->nkm = 0;
}

/* --- burn-down --------------------------------------------------------------------- */

int remed_burndown(sqlite3 *db, int year, struct jdate as_of,
		   struct remed_burn_point **points, size_t *npoints)
{
	struct remed_set set;
	int rc;

	*points = NULL;
	*npoints = 0;
	rc = remed_load(db, year, &set);
	if (rc == 0)
		remed_burndown_of(&set, as_of, points, npoints);
	remed_set_release(&set);
	return rc;
}

void remed_burndown_of(const struct remed_set *set, struct jdate as_of,
		       struct remed_burn_point **points, size_t *npoints)
{
	struct jdate first = as_of, day;
	long ndays, k;
	size_t i;

	*points = NULL;
	*npoints = 0;
	for (i = 0; i < set->n; i++)
		if (date_cmp(set->recs[i].audit, first) < 0)
			first = set->recs[i].audit;
	if (set->n == 0 || date_cmp(first, as_of) > 0)
		return;
	ndays = date_diff(first, as_of) + 1;
	*points = xcalloc((size_t)ndays, sizeof(**points));
	for (k = 0; k < ndays; k++) {
		struct remed_burn_point *p = &(*points)[k];

		day = date_add_days(first, k);
		p->date = day;
		for (i = 0; i < set->n; i++) {
			enum remed_status st;
			struct jdate due;

			if (!remed_state_at(&set->recs[i], day, &st, &due, NULL))
				continue;
			if (!remed_status_ended(st)) {
				p->open++;
				if (date_cmp(due, day) == 0)
					p->due++;
			}
		}
	}
	*npoints = (size_t)ndays;
}

/* --- the history writer ------------------------------------------------------ */

int remed_history_prepare(sqlite3 *db, sqlite3_stmt **st)
{
	return db_prepare(db, st,
			  "INSERT INTO remediation_history (record, date, action, actor, old_status,"
			  " new_status, old_due, new_due, note, evidence, approver) VALUES (:id, :date,"
			  " :action, :actor, :old, :new, :old_due, :new_due, :note, :evidence, :approver)");
}

int remed_history_add(sqlite3_stmt *st, const struct remed_history_entry *e)
{
	int rc;

	if (db_bind_text(st, ":id", e->record) < 0 || db_bind_text(st, ":date", e->date) < 0 ||
	    db_bind_text(st, ":action", e->action) < 0 || db_bind_text(st, ":actor", e->actor) < 0 ||
	    db_bind_text(st, ":old", e->old_status) < 0 || db_bind_text(st, ":new", e->new_status) < 0 ||
	    db_bind_text(st, ":old_due", e->old_due) < 0 || db_bind_text(st, ":new_due", e->new_due) < 0 ||
	    db_bind_text(st, ":note", e->note ? e->note : "") < 0 ||
	    db_bind_text(st, ":evidence", e->evidence ? e->evidence : "") < 0 ||
	    db_bind_text(st, ":approver", e->approver ? e->approver : "") < 0)
		return JAUDIT_EDATA;
	rc = db_step(st);
	db_reset(st);
	return rc == SQLITE_DONE ? 0 : JAUDIT_EDATA;
}
