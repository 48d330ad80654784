/*
 * The forms of ingest: the table of kinds, the guess of a file's kind, and
 * forms_load() over the one form loop (core/form_load.c).  The kinds
 * themselves are one file each, ingest/form_KIND.c (vendors 計畫第六點, the
 * SPM inventory, 附件1 authorizations, 附件2 auditors, a year's 附件3
 * checklist); the remediation updates form is track's (track/remed_update.c),
 * which `jaudit track import` reads through the same loop.
 */
#include "forms.h"
#include "form_fields.h"
#include "../track/remed_update.h"
#include "../core/db.h"
#include "../core/names.h"
#include "../core/workbook.h"

#include <stdlib.h>
#include <string.h>

/* --- the table and the shared loop ------------------------------------ */

const struct form_kind *const forms_kinds[] = {
	&form_kind_vendors,
	&form_kind_inventory,
	&form_kind_authorizations,
	&form_kind_auditors,
	&form_kind_checklist,
	&remed_updates_form,
	NULL,
};

const struct form_kind *forms_kind(const char *name)
{
	size_t i;

	for (i = 0; forms_kinds[i]; i++)
		if (strcmp(forms_kinds[i]->name, name) == 0)
			return forms_kinds[i];
	return NULL;
}

void forms_kind_names(struct strbuf *sb)
{
	size_t i;

	for (i = 0; forms_kinds[i]; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", forms_kinds[i]->name);
}

/* A sheet fits when its header row is one of a known kind's. */
static int fits_any(const struct csv_reader *r, void *arg)
{
	size_t i;

	for (i = 0; forms_kinds[i]; i++)
		if (csv_header_matches(r, forms_kinds[i]->cols, forms_kinds[i]->ncols))
			return 1;
	return 0;
}

const struct form_kind *forms_guess(const char *path, enum csv_encoding enc, const char *sheet,
				    struct form_log *log)
{
	struct csv_reader r;
	const struct form_kind *found = NULL, *other = NULL;
	size_t scanned = 0, i;
	int rc, r_sheet;

	if (form_source_open(&r, path, enc, sheet, fits_any, NULL) < 0) {
		form_error_text(log, r.errmsg.buf);
		csv_reader_release(&r);
		return NULL;
	}
	while (!found && scanned < 40 && (rc = csv_reader_next(&r)) != 0) {
		if (rc < 0) {
			form_error_text(log, r.errmsg.buf);
			if (r.fatal)
				break;
			continue;
		}
		scanned++;
		for (i = 0; forms_kinds[i]; i++) {
			if (csv_header_matches(&r, forms_kinds[i]->cols, forms_kinds[i]->ncols)) {
				if (!found)
					found = forms_kinds[i];
				else if (!other)
					other = forms_kinds[i];
			}
		}
	}
	r_sheet = r.sheet != NULL;
	csv_reader_release(&r);
	if (log->nerrors)
		return NULL;
	if (found && other) {
		form_error(log, 0, "the header row fits both %s and %s forms; give --kind", found->name,
			   other->name);
		return NULL;
	}
	if (!found) {
		struct strbuf names = STRBUF_INIT;

		forms_kind_names(&names);
		form_error(log, 0, "cannot tell what kind of form this is: no header row of a known form in the first 40 %s; give --kind (%s)",
			   r_sheet ? "rows of any sheet" : "lines", names.buf);
		strbuf_release(&names);
	}
	return found;
}

int forms_load(sqlite3 *db, const struct form_kind *k, const char *path,
	       enum csv_encoding enc, const char *sheet, int year, struct form_log *log,
	       struct form_ctx *out)
{
	struct form_source src;

	memset(&src, 0, sizeof(src));
	src.path = path;
	src.enc = enc;
	src.sheet = sheet;
	src.year = year;
	src.new_years_ok = k == &form_kind_checklist;
	return form_load(db, k, &src, log, out);
}
