#include "cli.h"
#include "checklist.h"
#include "date.h"
#include "db.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int ctx_db(struct jaudit_ctx *ctx, sqlite3 **db)
{
	if (!ctx->db && db_open(&ctx->db, db_path(ctx->db_opt), DB_EXISTING) < 0)
		return JAUDIT_EDATA;
	*db = ctx->db;
	return 0;
}

void cli_getopt_reset(void)
{
	optind = 0;	/* glibc: full re-initialisation */
	opterr = 0;	/* commands word their own messages */
}

int cli_parse_year(const char *cmd, const char *s, int *year)
{
	if (!s || !*s)
		return jusage(cmd, "--year needs a year, such as 115");
	if (date_parse_year(s, year) < 0)
		return jusage(cmd, "'%s' is not a year; give %s", s, DATE_YEAR_EXPECTED);
	return 0;
}

int cli_parse_encoding(const char *cmd, const char *s, enum csv_encoding *enc)
{
	if (csv_encoding_parse(s, enc) < 0)
		return jusage(cmd, "--encoding: '%s' is not one of " CSV_ENCODINGS_EXPECTED, s ? s : "");
	return 0;
}

int cli_year_known(sqlite3 *db, int year)
{
	int exists = 0;

	if (checklist_year_exists(db, year, &exists) < 0)
		return JAUDIT_EDATA;
	if (!exists)
		return jerror("year %d is not in the database (it has no checklist); run 'jaudit init --year %d' first",
			      year, year);
	return 0;
}

int ctx_db_year(struct jaudit_ctx *ctx, int year, sqlite3 **db)
{
	if (ctx_db(ctx, db) < 0)
		return JAUDIT_EDATA;
	return year ? cli_year_known(*db, year) : 0;
}

int cli_parse_int(const char *cmd, const char *opt, const char *s, long min, long *out)
{
	char *end;
	long v;

	v = strtol(s, &end, 10);
	if (!*s || *end != '\0' || v < min)
		return jusage(cmd, "%s: '%s' is not a whole number of at least %ld", opt, s, min);
	*out = v;
	return 0;
}

int cli_parse_double(const char *cmd, const char *opt, const char *s,
		     double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (!*s || *end != '\0' || !(v > lo && v < hi))
		return jusage(cmd, "%s: '%s' is not a number between %g and %g", opt, s, lo, hi);
	*out = v;
	return 0;
}

int cli_parse_format(const char *cmd, const char *s, int allowed, enum cli_format *out)
{
	static const struct { const char *name; enum cli_format f; } names[] = {
		{ "text", FORMAT_TEXT }, { "csv", FORMAT_CSV }, { "json", FORMAT_JSON },
		{ "html", FORMAT_HTML }, { "xlsx", FORMAT_XLSX },
		{ "ods", FORMAT_ODS },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(s, names[i].name) == 0 && (allowed & names[i].f)) {
			*out = names[i].f;
			return 0;
		}
	}
	return jusage(cmd, "--format: '%s' is not one of %s%s%s%s%s%s", s,
		      allowed & FORMAT_TEXT ? "text " : "",
		      allowed & FORMAT_CSV ? "csv " : "",
		      allowed & FORMAT_JSON ? "json" : "",
		      allowed & FORMAT_HTML ? " html" : "",
		      allowed & FORMAT_XLSX ? " xlsx" : "",
		      allowed & FORMAT_ODS ? " ods" : "");
}

int cli_parse_lang(const char *cmd, const char *s, int *en)
{
	if (strncasecmp(s, "zh", 2) == 0) {
		*en = 0;
		return 0;
	}
	if (strncasecmp(s, "en", 2) == 0) {
		*en = 1;
		return 0;
	}
	return jusage(cmd, "--lang: '%s' is not zh or en", s);
}

int cli_parse_date(const char *cmd, const char *opt, const char *s, struct jdate *out)
{
	if (date_parse(s, out) < 0)
		return jusage(cmd, "%s: '%s' is not a date; write it as 115/06/12, 115年6月12日 or 2026-06-12",
			      opt, s);
	return 0;
}

int cli_bad_option(const char *cmd, int argc, char **argv)
{
	const char *arg = optind >= 1 && optind - 1 < argc ? argv[optind - 1] : "";

	return jusage(cmd, "unknown option, or an option without its value: '%s'", arg);
}
