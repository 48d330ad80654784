/*
 * stats.c - the one piece of state the statistics share: GSL's error
 * handler, turned off so that a domain error returns a status instead of
 * aborting the program (GSL manual, "Error handling").
 */
#include "stats.h"

#include <gsl/gsl_errno.h>

void stats_init(void)
{
	gsl_set_error_handler_off();
}
