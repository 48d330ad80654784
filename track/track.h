/*
 * track.h - the subcommands of `jaudit track` that live in their own files
 * of track/ (the dispatcher is track/track.c).  Each takes the arguments
 * after the subcommand's name (argv[0] is the subcommand) and returns 0 or
 * a negative JAUDIT_E* code.
 */
#ifndef JAUDIT_TRACK_H
#define JAUDIT_TRACK_H

#include <sqlite3.h>
#include "../core/cli.h"

int track_list(struct jaudit_ctx *ctx, int argc, char **argv);
int track_summary(struct jaudit_ctx *ctx, int argc, char **argv);

#endif
