/*
 * htmldoc.h - the printable pages handed to agencies and owners (the agency
 * packet of `jaudit export --format html`, the letters of `jaudit track
 * remind`): one self-contained A4 page each, escaped text, print CSS, and
 * files created readable by their owner only.
 */
#ifndef JAUDIT_HTMLDOC_H
#define JAUDIT_HTMLDOC_H

#include <stdio.h>
#include "strbuf.h"

/* Append s with & < > " ' escaped (text and attribute values alike). */
void htmldoc_escape(struct strbuf *sb, const char *s);

/* Append "<tag>s</tag>" with s escaped; tag may carry attributes ("td class=n"). */
void htmldoc_elem(struct strbuf *sb, const char *tag, const char *s);

/*
 * The page up to and including <body>: lang zh-Hant, the title, A4 @page
 * margins, tables whose rows do not break across pages, headings kept with
 * what follows them.
 */
void htmldoc_begin(struct strbuf *sb, const char *title);
/* </body></html> */
void htmldoc_end(struct strbuf *sb);

/*
 * Open path for writing, mode 0600 whatever the umask; NULL with a message
 * "jaudit: WHAT: cannot write 'path': reason".
 */
FILE *htmldoc_open_private(const char *what, const char *path);
/* fclose with the write checked: 0, or JAUDIT_EDATA with a message. */
int htmldoc_close(FILE *fp, const char *what, const char *path);
/* Write text to path (0600): 0 or JAUDIT_EDATA with a message. */
int htmldoc_write(const char *what, const char *path, const char *text);

#endif
