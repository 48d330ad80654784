/*
 * Loading an NDJSON file of session documents with two threads (ndjson.h).
 *
 * Reading a line, checking its bytes and parsing it with cJSON take more
 * than a quarter of ingest's instructions (450 of 1610 million for a year of
 * 100 000 results), and none of it needs the database.  So a reader
 * thread does that for the lines ahead and hands each parsed tree (or the
 * line's error) over through a small queue; the calling thread takes them
 * in order, checks them against the database and writes them, as before.
 * Each slot of the queue has its own parse arena (arena.h): the reader
 * parses into it, the calling thread empties it once the document is
 * written.  The queue holds at most QUEUE_SLOTS documents and, beyond the
 * first, QUEUE_BYTES of them, so that memory stays bounded whatever the
 * file holds.  When the loader stops early (20 errors), it tells the reader
 * and waits for it: the reader finishes the line it is reading first, so a
 * file read from a terminal waits for that line.
 */
#include "ndjson.h"
#include "../core/err.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE_SLOTS 8
#define QUEUE_BYTES (4u << 20)

enum slot_kind {
	SLOT_DOC,		/* root: a parsed document */
	SLOT_ERROR,		/* msg: what is wrong with the line */
	SLOT_END		/* end of the file; msg: why reading failed, if it did */
};

struct slot {
	enum slot_kind kind;
	size_t line;		/* of the document, the error or (SLOT_END) the line after the last */
	cJSON *root;
	struct arena arena;
	struct strbuf msg;
	size_t bytes;		/* what it holds, for QUEUE_BYTES */
};

struct queue {
	pthread_mutex_t lock;
	pthread_cond_t filled, emptied;
	struct slot slot[QUEUE_SLOTS];
	size_t head, count, bytes;	/* the filled slots: head .. head + count - 1 */
	int stop;			/* the loader wants no more */
	int reader_waits;		/* for the queue to be half empty */
	int loader_waits;		/* for a slot to be filled */
	FILE *fp;
};

static int queue_full(const struct queue *q)
{
	return q->count == QUEUE_SLOTS || (q->count > 0 && q->bytes >= QUEUE_BYTES);
}

/*
 * The next free slot, or NULL once the loader has stopped.  A reader that
 * finds the queue full waits until it is half empty, so that the two
 * threads do not wake each other for every document.
 */
static struct slot *next_free(struct queue *q)
{
	struct slot *s = NULL;

	pthread_mutex_lock(&q->lock);
	if (queue_full(q)) {
		q->reader_waits = 1;
		while (!q->stop && q->reader_waits)
			pthread_cond_wait(&q->emptied, &q->lock);
	}
	if (!q->stop)
		s = &q->slot[(q->head + q->count) % QUEUE_SLOTS];
	pthread_mutex_unlock(&q->lock);
	return s;
}

/* Hand a slot filled by next_free()'s caller to the loader. */
static void hand_over(struct queue *q, struct slot *s)
{
	pthread_mutex_lock(&q->lock);
	q->count++;
	q->bytes += s->bytes;
	if (q->loader_waits) {
		q->loader_waits = 0;
		pthread_cond_signal(&q->filled);
	}
	pthread_mutex_unlock(&q->lock);
}

/* The reader thread: every line of q->fp into the queue, then SLOT_END. */
static void *reader(void *arg)
{
	struct queue *q = arg;
	struct slot *s;
	char *buf = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int err;

	while ((n = getline(&buf, &cap, q->fp)) >= 0) {
		size_t len = (size_t)n;
		const char *p = buf;

		lineno++;
		if (lineno == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			len -= 3;
		}
		if (p[strspn(p, " \t\r\n")] == '\0' && !memchr(p, '\0', len))
			continue;	/* a blank line */
		if (!(s = next_free(q)))
			goto done;
		s->line = lineno;
		s->root = NULL;
		if (session_text_check(p, len, &s->msg) < 0) {
			s->kind = SLOT_ERROR;
		} else {
			arena_use(&s->arena);
			s->root = session_parse(p, len, lineno, &s->line, &s->msg);
			arena_use(NULL);
			s->kind = s->root ? SLOT_DOC : SLOT_ERROR;
		}
		s->bytes = len + s->arena.bytes;
		hand_over(q, s);
	}
	err = ferror(q->fp) ? errno : 0;
	if ((s = next_free(q))) {
		s->kind = SLOT_END;
		s->line = lineno + 1;
		s->root = NULL;
		strbuf_reset(&s->msg);
		if (err)
			strbuf_addf(&s->msg, "cannot read: %s", strerror(err));
		s->bytes = 0;
		hand_over(q, s);
	}
done:
	free(buf);
	return NULL;
}

int ndjson_load(struct session_loader *L, struct form_log *log, FILE *fp)
{
	struct queue q;
	pthread_t thread;
	size_t i;
	int rc;

	memset(&q, 0, sizeof(q));
	q.fp = fp;
	for (i = 0; i < QUEUE_SLOTS; i++)
		strbuf_init(&q.slot[i].msg);
	pthread_mutex_init(&q.lock, NULL);
	pthread_cond_init(&q.filled, NULL);
	pthread_cond_init(&q.emptied, NULL);
	arena_hooks_install();
	if ((rc = pthread_create(&thread, NULL, reader, &q)) != 0) {
		form_error(log, 0, "cannot start a thread to read the file: %s", strerror(rc));
		goto out;
	}
	while (!form_log_full(log)) {
		struct slot *s;
		int end;

		pthread_mutex_lock(&q.lock);
		while (q.count == 0) {
			q.loader_waits = 1;
			pthread_cond_wait(&q.filled, &q.lock);
		}
		s = &q.slot[q.head];
		pthread_mutex_unlock(&q.lock);

		end = s->kind == SLOT_END;
		if (s->kind == SLOT_DOC)
			session_load_tree(L, s->root, s->line);
		else if (s->msg.len)
			form_error(log, s->line, "%s", s->msg.buf);
		arena_drop(&s->arena, s->root);
		s->root = NULL;

		pthread_mutex_lock(&q.lock);
		q.head = (q.head + 1) % QUEUE_SLOTS;
		q.count--;
		q.bytes -= s->bytes;
		if (q.reader_waits && q.count <= QUEUE_SLOTS / 2 && q.bytes < QUEUE_BYTES / 2) {
			q.reader_waits = 0;
			pthread_cond_signal(&q.emptied);
		}
		pthread_mutex_unlock(&q.lock);
		if (end)
			break;
	}
	pthread_mutex_lock(&q.lock);
	q.stop = 1;
	q.reader_waits = 0;
	pthread_cond_signal(&q.emptied);
	pthread_mutex_unlock(&q.lock);
	pthread_join(thread, NULL);
	/* what the reader parsed beyond the last error shown */
	for (; q.count; q.count--, q.head = (q.head + 1) % QUEUE_SLOTS)
		arena_drop(&q.slot[q.head].arena, q.slot[q.head].root);
out:
	arena_hooks_remove();
	for (i = 0; i < QUEUE_SLOTS; i++) {
		arena_release(&q.slot[i].arena);
		strbuf_release(&q.slot[i].msg);
	}
	pthread_cond_destroy(&q.emptied);
	pthread_cond_destroy(&q.filled);
	pthread_mutex_destroy(&q.lock);
	return log->nerrors ? JAUDIT_EDATA : 0;
}
