/*
 * gnuplot.h - running gnuplot as an external program, safely.
 *
 * A chart is a gnuplot script and its data files, written into a private
 * temporary directory (mkdtemp, mode 0700); gnuplot runs there by
 * fork/execvp (no shell) with the script as its argument; its exit status
 * and stderr are checked; the images (and, with --keep-scripts, the script
 * and data) are copied to the output directory; the temporary directory is
 * removed.
 *
 * Data never enters a command: every string (an item's label, a vendor's
 * name) goes into a data file through gp_put_string(), and the script reads
 * it back with the gnuplot function dq(strcol(N)) that style_preamble()
 * defines.  gnuplot's data files cannot hold a double quote inside a quoted
 * field, so gp_put_string() writes each '"' as GP_QUOTE_MARK and dq() turns
 * it back.
 *
 *     struct gp_run r;
 *     if (gp_open(&r) < 0) return JAUDIT_EDATA;
 *     fp = gp_create(&r, "common.dat"); ... gp_put_string(fp, name) ...
 *     rc = gp_close_file(&r, fp, "common.dat");
 *     ... gp_write_script(&r, "common.gp", script.buf) ...
 *     rc = gp_exec(&r, "common.gp");
 *     rc = gp_collect(&r, outdir, keep_scripts);
 *     gp_release(&r);
 */
#ifndef JAUDIT_GNUPLOT_H
#define JAUDIT_GNUPLOT_H

#include <limits.h>
#include <stdio.h>
#include "../core/strbuf.h"

/* What a '"' in a data string becomes in the file (dq() reverses it). */
#define GP_QUOTE_MARK '\001'

/* The program run: gnuplot, looked up in PATH. */
#define GP_PROGRAM "gnuplot"
/* The Debian package to install when it is missing. */
#define GP_PACKAGE "gnuplot-nox"

#define GP_MAX_FILES 16

struct gp_run {
	char dir[PATH_MAX];		/* the private directory; "" once removed */
	char *files[GP_MAX_FILES];	/* names created in it, owned */
	int is_output[GP_MAX_FILES];	/* 1 for an image gnuplot writes */
	size_t nfiles;
	struct strbuf err;		/* gnuplot's stderr of the last gp_exec */
};

/*
 * Make the private directory under $TMPDIR (else /tmp).  Returns 0, or
 * JAUDIT_EDATA with a message.  gp_release() frees and removes.
 */
int gp_open(struct gp_run *r);

/*
 * Create the data file `name` (a plain file name) in the directory and
 * return it open for writing; NULL with a message.  Close it with
 * gp_close_file(), which reports a failed write.
 */
FILE *gp_create(struct gp_run *r, const char *name);
int gp_close_file(struct gp_run *r, FILE *fp, const char *name);

/* Write the whole script `name` into the directory; 0 or JAUDIT_EDATA. */
int gp_write_script(struct gp_run *r, const char *name, const char *text);

/* Declare `name` as an image the script writes (checked and collected). */
void gp_expect_output(struct gp_run *r, const char *name);

/*
 * A string as one field of a tab-separated data file: in double quotes,
 * '"' as GP_QUOTE_MARK, tabs, line breaks and other control characters as
 * spaces (they cannot be told from the field and record separators).
 */
void gp_put_string(FILE *fp, const char *s);

/* A number as a field: %.10g, or NaN (gnuplot skips the point). */
void gp_put_number(FILE *fp, double v);

/*
 * Run gnuplot on the script `name` in the directory.  Returns 0 when
 * gnuplot exited 0 and wrote every expected image (non-empty); what it said
 * on stderr then is passed on as warnings.  Otherwise JAUDIT_EDATA with a
 * message: gnuplot missing (naming GP_PACKAGE), killed, or failed (with its
 * own words from stderr).
 */
int gp_exec(struct gp_run *r, const char *name);

/*
 * Copy the images into outdir (which must exist), and with keep every other
 * file too (the script and its data, so that a user can restyle and rerun
 * it there).  Returns 0 or JAUDIT_EDATA.
 */
int gp_collect(struct gp_run *r, const char *outdir, int keep);

/* Remove the directory and everything in it; free r's memory. */
void gp_release(struct gp_run *r);

#endif
