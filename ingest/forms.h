/*
 * forms.h - the CSV forms jaudit ingests (SPEC Appendix A), one table of
 * kinds (struct form_kind, core/form.h) and the loop that reads a form.
 */
#ifndef JAUDIT_INGEST_FORMS_H
#define JAUDIT_INGEST_FORMS_H

#include <sqlite3.h>
#include "../core/csv.h"
#include "../core/form.h"

/* The kinds, NULL-terminated, in the order --help lists them. */
extern const struct form_kind *const forms_kinds[];

/* The kind called name, or NULL. */
const struct form_kind *forms_kind(const char *name);

/* Append "vendors, inventory, …" (for messages) to sb. */
void forms_kind_names(struct strbuf *sb);

/*
 * The kind whose header row the file has, among the first records.
 * Returns it, or NULL with an error logged (no known header, or the
 * header fits more than one kind).
 */
const struct form_kind *forms_guess(const char *path, enum csv_encoding enc,
				    const char *sheet, struct form_log *log);

/*
 * Read the file path (CSV, or a sheet of an .xlsx/.ods workbook: sheet,
 * or the first whose header fits) as a form of kind k and write its records
 * inside the caller's transaction; year is --year or 0.  The counts are
 * left in *out (added, replaced, unchanged, removed).  Returns 0, or
 * JAUDIT_EDATA with the errors in log (the caller rolls back).
 */
int forms_load(sqlite3 *db, const struct form_kind *k, const char *path,
	       enum csv_encoding enc, const char *sheet, int year, struct form_log *log,
	       struct form_ctx *out);

#endif
