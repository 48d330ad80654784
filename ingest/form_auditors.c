/*
 * 附件2 稽核委員推薦名單: the recommended auditors, with plausible phone and e-mail, and the pledge date.
 */
#include "form_fields.h"
#include "../core/date.h"
#include "../core/db.h"

#include <stdlib.h>
#include <string.h>

enum { U_NO, U_AGENCY, U_UNIT, U_NAME, U_TITLE, U_PHONE, U_EMAIL, U_REASON, U_PLEDGE, U_YEAR, U_N };
static const struct csv_column auditor_cols[U_N] = {
	{ "編號|no|form_no", 0 },
	{ "機關|agency", 1 },
	{ "單位|unit", 1 },
	{ "姓名|name", 1 },
	{ "職稱|title", 1 },
	{ "公務電話|phone", 1 },
	{ "公務信箱|email|e-mail", 1 },
	{ "推薦理由|reason", 1 },
	{ "保密切結書簽署日期|pledge_date|pledge", 0 },
	{ "年度|year", 0 },
};

/* A telephone number as clerks write them: (02)2322-8000#123, 02-8590-6666 分機 7012. */
static int plausible_phone(const char *s)
{
	int digits = 0;
	const char *p = s;

	while (*p) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			p++;
		} else if (strchr(" -()#+.", *p)) {
			p++;
		} else if (strncmp(p, "分機", 6) == 0) {
			p += 6;
		} else if (strncmp(p, "轉", 3) == 0) {
			p += 3;
		} else if (strncasecmp(p, "ext", 3) == 0) {
			p += 3;
		} else {
			return 0;
		}
	}
	return digits >= 7 && digits <= 20;
}

static int plausible_email(const char *s)
{
	const char *at = strchr(s, '@'), *p, *dot;

	if (!at || at == s || strchr(at + 1, '@'))
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F || strchr("()<>,;:\\\"[]", *p))
			return 0;
	dot = strchr(at + 1, '.');
	return dot && dot > at + 1 && s[strlen(s) - 1] != '.' && !strstr(at, "..");
}

static int auditors_begin(struct form_ctx *c)
{
	static const char *const sql[] = {
		"SELECT form_no, unit, title, phone, email, reason, coalesce(pledge_date, ''),"
		" coalesce(submission, '') FROM auditors"
		" WHERE year = :year AND agency = :agency AND name = :name",
		"INSERT INTO auditors (year, form_no, agency, unit, name, title, phone, email, reason, pledge_date, submission)"
		" VALUES (:year, :no, :agency, :unit, :name, :title, :phone, :email, :reason, :pledge, :sub)"
		" ON CONFLICT (year, agency, name) DO UPDATE SET form_no = excluded.form_no,"
		" unit = excluded.unit, title = excluded.title, phone = excluded.phone, email = excluded.email,"
		" reason = excluded.reason, pledge_date = excluded.pledge_date, submission = excluded.submission",
	};
	return kind_prepare(c, sql, 2);
}

static int auditors_row(struct form_ctx *c)
{
	struct kind_state *s = c->state;
	const char *agency, *name, *phone, *email, *pledge = form_field(c, U_PLEDGE);
	const char *no = form_field(c, U_NO), *unit = form_field(c, U_UNIT);
	const char *title = form_field(c, U_TITLE), *reason = form_field(c, U_REASON);
	char pledge_iso[DATE_ISO_LEN] = "", subbuf[24] = "";
	int year = 0, ok = 1, cmp;
	struct strbuf key = STRBUF_INIT;

	ok &= form_row_year(c, U_YEAR, &year) == 0;
	ok &= (agency = kind_need(c, auditor_cols, U_AGENCY, "the agency (機關)")) != NULL;
	ok &= (name = kind_need(c, auditor_cols, U_NAME, "the auditor's name (姓名)")) != NULL;
	phone = kind_need(c, auditor_cols, U_PHONE, "a telephone number such as (02)2322-8000#123");
	if (!phone)
		ok = 0;
	else if (!plausible_phone(phone))
		ok = 0, kind_field_error(c, auditor_cols, U_PHONE, "a telephone number",
				    "digits with -, ( ), # or 分機, such as (02)2322-8000#123");
	email = kind_need(c, auditor_cols, U_EMAIL, "an e-mail address such as name@agency.gov.tw");
	if (!email)
		ok = 0;
	else if (!plausible_email(email))
		ok = 0, kind_field_error(c, auditor_cols, U_EMAIL, "an e-mail address",
				    "an address such as name@agency.gov.tw");
	if (*pledge) {
		struct jdate d;

		if (date_parse(pledge, &d) < 0)
			ok = 0, kind_field_error(c, auditor_cols, U_PLEDGE, "a date",
					    "the date the pledge was signed, such as 115/04/20, or nothing");
		else
			date_iso(d, pledge_iso);
	}
	if (!ok)
		return JAUDIT_EDATA;
	strbuf_addf(&key, "%d|%s|%s", year, agency, name);
	ok = kind_unique(c, key.buf, "the auditor") == 0;
	strbuf_release(&key);
	if (!ok || c->log->nerrors)
		return JAUDIT_EDATA;
	if (c->submission)
		snprintf(subbuf, sizeof(subbuf), "%lld", c->submission);
	{
		const char *vals[8] = { no, unit, title, phone, email, reason, pledge_iso, subbuf };

		db_bind_int(s->st[0], ":year", year);
		db_bind_text(s->st[0], ":agency", agency);
		db_bind_text(s->st[0], ":name", name);
		cmp = kind_compare(s->st[0], vals, 8);
	}
	if (cmp == 1) {
		kind_count(c, cmp);
		return 0;
	}
	db_bind_int(s->st[1], ":year", year);
	db_bind_text(s->st[1], ":no", no);
	db_bind_text(s->st[1], ":agency", agency);
	db_bind_text(s->st[1], ":unit", unit);
	db_bind_text(s->st[1], ":name", name);
	db_bind_text(s->st[1], ":title", title);
	db_bind_text(s->st[1], ":phone", phone);
	db_bind_text(s->st[1], ":email", email);
	db_bind_text(s->st[1], ":reason", reason);
	db_bind_text(s->st[1], ":pledge", *pledge_iso ? pledge_iso : NULL);
	if (c->submission)
		db_bind_int(s->st[1], ":sub", c->submission);
	else
		db_bind_null(s->st[1], ":sub");
	if (kind_run(c, s->st[1]) < 0)
		return JAUDIT_EDATA;
	kind_count(c, cmp);
	return 0;
}

const struct form_kind form_kind_auditors = {
	"auditors", "附件2 auditors", auditor_cols, U_N, U_NO, U_YEAR, "auditors",
	auditors_begin, auditors_row, NULL, kind_release,
};
