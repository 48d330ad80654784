/*
 * ndjson.h - an NDJSON file of session documents, one per line, loaded in
 * order: a second thread reads and parses the lines ahead while the
 * calling thread checks and writes the documents before them.
 */
#ifndef JAUDIT_INGEST_NDJSON_H
#define JAUDIT_INGEST_NDJSON_H

#include <stdio.h>
#include "session.h"

/*
 * Load every document of fp through L (which writes in the caller's
 * transaction), a line at a time: a BOM on the first line and blank lines
 * are skipped; a line with a NUL byte, bytes that are not UTF-8 or text that
 * is not one JSON document is an error of that line.  Errors go to log in
 * the order of the lines, exactly as if each line were loaded in turn with
 * session_load_buffer(); reading stops once log is full.  Only the calling
 * thread touches L, log and the database; the reader thread touches fp.
 * Returns 0, or JAUDIT_EDATA if log holds errors.
 */
int ndjson_load(struct session_loader *L, struct form_log *log, FILE *fp);

#endif
