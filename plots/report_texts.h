/*
 * report_texts.h - the annual report's sections on what the auditors
 * wrote: each common finding's texts (發現事項, 建議) grouped by
 * analyze/textcluster.h, the findings against the tracking records, and
 * the audited vendors with the heat map's key (廠商A …).
 *
 * Two editions.  The internal one (the default) names the vendors in the
 * list of audited vendors and the key.  The public one (--public) has no
 * list and no key, and every text it prints is masked first: each vendor's
 * name on file, that name without its company suffix (股份有限公司, 有限公司,
 * 公司), its short form (that name without trailing trade words such as
 * 資訊, 科技, 系統, when two or more characters are left) and its 統一編號
 * become the vendor's code (廠商A; ○○廠商 for a vendor not audited that
 * year).  Abbreviations other than these cannot be recognized: the
 * auditors are asked to write findings without the vendor's name.
 */
#ifndef JAUDIT_REPORT_TEXTS_H
#define JAUDIT_REPORT_TEXTS_H

#include <sqlite3.h>
#include "../analyze/analysis.h"
#include "../core/strbuf.h"

struct report_texts_out {
	struct strbuf sections;	/* <section>s after the common findings table */
	struct strbuf methods;	/* <dt>/<dd> pairs for the methods note */
	struct strbuf css;	/* the styles of these sections */
};

/*
 * Append the sections for year a->params.year to out (initialised by the
 * caller, released by the caller) and write finding_texts.csv (and, in the
 * internal edition, vendors.csv) into dir.  m: the heat map's matrix, whose
 * vendor order gives the codes 廠商A ….  Returns 0 or JAUDIT_EDATA with a
 * message.
 */
int report_texts(sqlite3 *db, const char *dir, const struct analysis *a,
		 const struct rating_matrix *m, int en, int public_edition,
		 struct report_texts_out *out);

/*
 * text with every form of the vendors' names (as above) replaced by the
 * vendor's code.  names, taxids, codes: n entries each.  The caller frees
 * the result.
 */
char *report_mask_names(const char *text, const char *const *names, const char *const *taxids,
			const char *const *codes, size_t n);

#endif
