/*
 * The remediation-updates form; the rules are track's (track/remed_update.c).
 */
#include "form_fields.h"
#include "../core/date.h"
#include "../track/remed_update.h"
#include "../core/db.h"

#include <stdlib.h>
#include <string.h>

/*
 * Each row goes through remed_update_row(), the one code that `jaudit track
 * set` and `track import` use too: the same checks, the same history.
 */
struct updates_state {
	struct jdate today;
};

static int updates_begin(struct form_ctx *c)
{
	struct updates_state *s = xcalloc(1, sizeof(*s));

	c->state = s;
	return date_today(&s->today);
}

static int updates_row(struct form_ctx *c)
{
	struct updates_state *s = c->state;
	const char *fields[REMED_UPDATE_NCOLS];
	struct strbuf err = STRBUF_INIT;
	int i, rc;

	for (i = 0; i < REMED_UPDATE_NCOLS; i++)
		fields[i] = form_field(c, i);
	rc = remed_update_row(c->db, fields, s->today, &err);
	if (rc < 0)
		form_error(c->log, c->line, "%s", err.buf);
	else if (rc == REMED_UNCHANGED)
		c->unchanged++;
	else
		c->added++;
	strbuf_release(&err);
	return rc < 0 ? rc : 0;
}

static void updates_release(struct form_ctx *c)
{
	free(c->state);
	c->state = NULL;
}

const struct form_kind form_kind_updates = {
	"updates", "remediation updates", remed_update_columns, REMED_UPDATE_NCOLS, -1, -1, NULL,
	updates_begin, updates_row, NULL, updates_release,
};
