/*
 * The parse arena of session documents (see arena.h).
 */
#include "arena.h"

#include <stdlib.h>

#define ARENA_CHUNK 65536

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	max_align_t data[];
};

/* The thread's arena in use: cJSON's hooks carry no context (arena.h). */
static _Thread_local struct arena *current;

static void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c;
	size_t al = _Alignof(max_align_t), size;

	n = (n + al - 1) / al * al;
	if (a->chunk && a->chunk->size - a->chunk->used >= n) {
		void *p = (char *)a->chunk->data + a->chunk->used;

		a->chunk->used += n;
		return p;
	}
	size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
	c = malloc(offsetof(struct arena_chunk, data) + size);
	if (!c)
		return NULL;
	c->size = size;
	c->used = n;
	a->bytes += size;
	if (a->chunk && size != ARENA_CHUNK) {
		/* a large block on its own, behind the chunk still being filled */
		c->next = a->chunk->next;
		a->chunk->next = c;
	} else {
		c->next = a->chunk;
		a->chunk = c;
	}
	return c->data;
}

static void *hook_malloc(size_t n)
{
	return current ? arena_alloc(current, n) : malloc(n);
}

static void hook_free(void *p)
{
	if (!current)
		free(p);
	/* else: given back with the whole document (arena_reset) */
}

void arena_hooks_install(void)
{
	static cJSON_Hooks hooks = { hook_malloc, hook_free };

	if (ARENA_ON)
		cJSON_InitHooks(&hooks);
}

void arena_hooks_remove(void)
{
	if (ARENA_ON)
		cJSON_InitHooks(NULL);
}

void arena_use(struct arena *a)
{
	current = ARENA_ON ? a : NULL;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *keep = NULL;

	while (a->chunk) {
		struct arena_chunk *c = a->chunk;

		a->chunk = c->next;
		if (!keep && c->size == ARENA_CHUNK) {
			keep = c;
			keep->used = 0;
			keep->next = NULL;
		} else {
			free(c);
		}
	}
	a->chunk = keep;
	a->bytes = keep ? keep->size : 0;
}

void arena_release(struct arena *a)
{
	arena_reset(a);
	free(a->chunk);
	a->chunk = NULL;
	a->bytes = 0;
}

void arena_drop(struct arena *a, cJSON *root)
{
	if (ARENA_ON)
		arena_reset(a);
	else
		cJSON_Delete(root);
}
