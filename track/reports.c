/*
 * reports.c - what the reports of track/ share (track.h): the options of
 * `jaudit track summary` and `jaudit schedule`, and the printing of a JSON
 * document.
 */
#include "track.h"
#include "../core/cli.h"
#include "../core/date.h"
#include "../core/xlsxout.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

int track_report_options(const char *cmd, const char *what, int argc, char **argv,
			 struct track_report_opts *o)
{
	return track_report_options_fmt(cmd, what, argc, argv, FORMAT_TEXT | FORMAT_JSON, o);
}

int track_report_options_fmt(const char *cmd, const char *what, int argc, char **argv,
			     int formats, struct track_report_opts *o)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int c, has_asof = 0;

	o->year = 0;
	o->fmt = FORMAT_TEXT;
	o->out = NULL;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			if (cli_parse_year(cmd, optarg, &o->year) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'a':
			if (cli_parse_date(cmd, "--as-of", optarg, &o->as_of) < 0)
				return JAUDIT_EUSAGE;
			has_asof = 1;
			break;
		case 'f':
			if (cli_parse_format(cmd, optarg, formats, &o->fmt) < 0)
				return JAUDIT_EUSAGE;
			break;
		case 'o':
			if (!(formats & FORMAT_BOOK))
				return cli_bad_option(cmd, argc, argv);
			o->out = optarg;
			break;
		default:
			return cli_bad_option(cmd, argc, argv);
		}
	}
	if (optind < argc)
		return jusage(cmd, "%sunexpected argument '%s'", what, argv[optind]);
	if (!o->year)
		return jusage(cmd, "%s--year is required", what);
	if ((formats & FORMAT_BOOK) && xlsx_out_check(cmd, (o->fmt & FORMAT_BOOK) != 0, o->out) < 0)
		return JAUDIT_EUSAGE;
	if (!has_asof && date_today(&o->as_of) < 0)
		return JAUDIT_EDATA;
	return 0;
}

void track_json_print(cJSON *root)
{
	char *s = cJSON_Print(root);

	if (s)
		puts(s);
	free(s);
	cJSON_Delete(root);
}
