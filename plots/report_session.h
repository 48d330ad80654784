/*
 * report_session.h - `jaudit report --session ID` and `--all --year Y`:
 * the audit report (稽核報告) of one session, due one month after the audit
 * (計畫第五點第四項、第十二點第三款), as one self-contained printable HTML
 * page in the form of 資安署's report: the vendor, the date, the lead and
 * the committee, the sampled contracts, every item with its rating, finding
 * and recommendation, the owner and due dates of each finding (its tracking
 * record), and the report's own due date.  With --pdf, Chromium prints it
 * (chromium.h).
 */
#ifndef JAUDIT_REPORT_SESSION_H
#define JAUDIT_REPORT_SESSION_H

#include <sqlite3.h>
#include "../core/date.h"
#include "../core/strbuf.h"

struct jaudit_ctx;
struct figures_opts;

/*
 * The command: session (or all, for every session of o->p.year) into
 * o->out/session-ID.html (and .pdf with pdf).  Prints "wrote PATH" for
 * each file.  Returns 0 or an error code with a message.
 */
int report_session_cmd(struct jaudit_ctx *ctx, struct figures_opts *o, const char *session,
		       int all, int pdf);

/*
 * The page of one session as of the date (the status of its tracking
 * records) into html.  Returns 0, or JAUDIT_EDATA with a message (no such
 * session).
 */
int report_session_page(sqlite3 *db, const char *session, struct jdate as_of, struct strbuf *html);

#endif
