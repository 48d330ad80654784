/*
 * Session documents, the first stage: the text of one document (NUL bytes,
 * UTF-8) and its JSON parse, with messages that give the line and column.
 */
#include "session.h"
#include "../core/form.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"

#include <string.h>

/* 1-based line and column of byte off in buf. */
static void position(const char *buf, size_t off, size_t *line, size_t *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

int session_text_check(const char *buf, size_t len, struct strbuf *msg)
{
	size_t bad;

	strbuf_reset(msg);
	if (memchr(buf, '\0', len)) {
		strbuf_adds(msg, "NUL byte in the line; the file is not JSON text");
		return -1;
	}
	if (!utf8_valid(buf, len, &bad)) {
		unsigned char lead = (unsigned char)buf[bad];
		size_t need = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3
			: lead >= 0xC2 && lead <= 0xDF ? 2 : 0;
		size_t i;
		int prefix = need && len - bad < need;

		for (i = bad + 1; prefix && i < len; i++)
			prefix = ((unsigned char)buf[i] & 0xC0) == 0x80;
		if (prefix) {
			/* the text stops inside a character: what a cut-off file does */
			strbuf_addf(msg, "the text ends inside a character (byte 0x%02X at byte %zu begins a %zu-byte character); the file may be cut short",
				    lead, bad + 1, need);
			return -1;
		}
		strbuf_addf(msg, "byte 0x%02X at byte %zu is not UTF-8 text; save the file as UTF-8",
			    (unsigned char)buf[bad], bad + 1);
		return -1;
	}
	return 0;
}

/*
 * 1 if the text ends inside a JSON document: inside a string, or with an
 * object or array still open (and none closed that was not opened).
 * *in_string and *open say which.
 */
static int ends_early(const char *buf, size_t len, int *in_string, size_t *open)
{
	size_t i, depth = 0;
	int str = 0, esc = 0, any = 0;

	for (i = 0; i < len; i++) {
		char ch = buf[i];

		if (str) {
			if (esc)
				esc = 0;
			else if (ch == '\\')
				esc = 1;
			else if (ch == '"')
				str = 0;
		} else if (ch == '"') {
			str = 1;
		} else if (ch == '{' || ch == '[') {
			depth++;
			any = 1;
		} else if (ch == '}' || ch == ']') {
			if (depth == 0)
				return 0;
			depth--;
		}
	}
	*in_string = str;
	*open = depth;
	return any && (str || depth > 0);
}

cJSON *session_parse(const char *buf, size_t len, size_t line, size_t *errline, struct strbuf *msg)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
	size_t l, c;

	strbuf_reset(msg);
	*errline = line;
	if (root && end) {
		while (end < buf + len && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
			end++;
		if (end == buf + len)
			return root;
		cJSON_Delete(root);
		position(buf, (size_t)(end - buf), &l, &c);
		if (line) {
			strbuf_addf(msg, "text after the document at column %zu, expected one session document per line", c);
		} else {
			*errline = l;
			strbuf_adds(msg, "text after the document, expected one session document in a .json file (for one document per line, name the file .ndjson)");
		}
		return NULL;
	}
	if (!root) {
		int in_string;
		size_t open;

		if (ends_early(buf, len, &in_string, &open)) {
			int last = len == 0 || buf[len - 1] != '\n';

			if (!line) {
				position(buf, len, &l, &c);
				*errline = l;
			}
			strbuf_addf(msg, "the %s ends before the JSON document does (", line ? "line" : "file");
			if (in_string)
				strbuf_adds(msg, "inside a string, ");
			strbuf_addf(msg, "%zu %s still open)", open, open == 1 ? "object or array" : "objects or arrays");
			if (!line)
				strbuf_adds(msg, "; the file may be cut short");
			else if (last)
				strbuf_adds(msg, "; the file may be cut short");
			else
				strbuf_adds(msg, ", expected one whole session document per line");
			return NULL;
		}
	}
	if (!root) {
		size_t off = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : 0, n = 0;
		struct strbuf near = STRBUF_INIT;

		position(buf, off, &l, &c);
		while (off + n < len && n < 20 && buf[off + n] != '\n')
			n++;
		strbuf_add(&near, buf + off, n);
		if (line) {
			strbuf_addf(msg, "not valid JSON at column %zu (near ", c);
			form_quote(msg, near.buf);
			strbuf_adds(msg, "), expected one session document (a JSON object) per line");
		} else {
			*errline = l;
			strbuf_addf(msg, "not valid JSON at column %zu (near ", c);
			form_quote(msg, near.buf);
			strbuf_adds(msg, "), expected one session document (a JSON object)");
		}
		strbuf_release(&near);
	}
	return root;
}
