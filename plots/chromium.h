/*
 * chromium.h - printing a page to PDF with headless Chromium, run as an
 * external program (fork/execvp, no shell) with a private profile
 * directory that is removed afterwards, and without Chromium's own page
 * header and footer (the file:// address, the date, page numbers).
 */
#ifndef JAUDIT_CHROMIUM_H
#define JAUDIT_CHROMIUM_H

#include <stddef.h>

/* The Debian package to install when no Chromium is found. */
#define CHROMIUM_PACKAGE "chromium"

/*
 * The Chromium program: $JAUDIT_CHROMIUM when set, else the first of
 * chromium, chromium-browser, google-chrome found in PATH, copied into
 * buf.  Returns 0, or -1 (no message) when there is none.
 */
int chromium_find(char *buf, size_t size);

/*
 * Print html (a file) to pdf (A4 as the page's @page rule says).  Returns
 * 0, or JAUDIT_EDATA with a message: Chromium missing (naming the
 * package), failing or timing out, or no PDF written.
 */
int chromium_print_pdf(const char *html, const char *pdf);

#endif
