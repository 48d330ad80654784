/*
 * arena.h - where cJSON puts the trees of session documents.
 *
 * cJSON allocates every node, key and string of a document separately
 * (some 15 mallocs a result), and cJSON_Delete frees them one by one: a
 * third of ingest's instructions went to malloc and free.  While a thread
 * parses a document into an arena, cJSON allocates from it instead; its
 * free does nothing, and the whole tree goes at once with arena_reset().
 *
 *     struct arena a = ARENA_INIT;
 *     arena_hooks_install();          // once, before the threads start
 *     arena_use(&a);                  // this thread parses into a
 *     root = cJSON_Parse(text);
 *     arena_use(NULL);                // back to malloc and free
 *     ... read the tree (from any thread) ...
 *     arena_reset(&a);                // the tree is gone: never cJSON_Delete it
 *     arena_release(&a);
 *     arena_hooks_remove();
 *
 * cJSON's hooks are one global pair with no context, so the arena in use is
 * the calling thread's own (thread-local): a thread that has called
 * arena_use(NULL), or never called it, gets malloc and free as usual, even
 * while the hooks are installed.  A tree made in an arena must not be
 * deleted with cJSON_Delete from such a thread.
 *
 * Under AddressSanitizer (make check-asan, make fuzz) ARENA_ON is 0: every
 * node gets its own malloc again, so that the sanitizer sees an overrun or
 * a use after free between two nodes of one document, and the trees are
 * deleted with cJSON_Delete (see arena_drop()).
 */
#ifndef JAUDIT_INGEST_ARENA_H
#define JAUDIT_INGEST_ARENA_H

#include <cjson/cJSON.h>
#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ON 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ON 0
#endif
#endif
#ifndef ARENA_ON
#define ARENA_ON 1
#endif

struct arena_chunk;

struct arena {
	struct arena_chunk *chunk;	/* the chunk being filled, then older ones */
	size_t bytes;			/* held, for the caller's accounting */
};

#define ARENA_INIT { NULL, 0 }

/* Install (remove) cJSON's hooks to the arenas; nothing when !ARENA_ON. */
void arena_hooks_install(void);
void arena_hooks_remove(void);

/* The calling thread's cJSON allocations come from a from now on (NULL: malloc). */
void arena_use(struct arena *a);

/* Empty a, keeping one chunk for the next document. */
void arena_reset(struct arena *a);

/* Free a's memory. */
void arena_release(struct arena *a);

/* Give back a tree made while a was in use: arena_reset, or cJSON_Delete when !ARENA_ON. */
void arena_drop(struct arena *a, cJSON *root);

#endif
