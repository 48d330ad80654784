/*
 * textcluster.c - character-bigram Jaccard similarity and average-linkage
 * clustering of finding texts (see textcluster.h).
 */
#include "textcluster.h"
#include "../core/err.h"
#include "../core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bigrams {
	uint64_t *v;
	size_t n;
};

/* Punctuation and white space, ASCII and CJK (、。，；：「」（）…). */
static int is_skipped(uint32_t cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'));
	return (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xff0f) ||
	       (cp >= 0xff1a && cp <= 0xff20) || (cp >= 0xff3b && cp <= 0xff40) ||
	       (cp >= 0xff5b && cp <= 0xff65) || (cp >= 0x2000 && cp <= 0x206f);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The sorted, distinct bigrams of s; -1 when memory runs out. */
static int bigrams_of(const char *s, struct bigrams *b)
{
	size_t len = strlen(s), i = 0, k, n = 0;
	uint32_t cp, prev = 0;
	int have = 0, l;

	b->n = 0;
	b->v = malloc((len + 1) * sizeof(*b->v));
	if (!b->v)
		return -1;
	while (i < len) {
		l = utf8_decode(s + i, len - i, &cp);
		if (l == 0) {
			cp = 0xfffd;
			l = 1;
		}
		i += (size_t)l;
		if (is_skipped(cp))
			continue;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (have)
			b->v[n++] = (uint64_t)prev << 32 | cp;
		prev = cp;
		have = 1;
	}
	qsort(b->v, n, sizeof(*b->v), cmp_u64);
	for (i = 0, k = 0; i < n; i++)
		if (k == 0 || b->v[k - 1] != b->v[i])
			b->v[k++] = b->v[i];
	b->n = k;
	return 0;
}

static double jaccard_sets(const struct bigrams *a, const struct bigrams *b)
{
	size_t i = 0, j = 0, common = 0;

	if (a->n == 0 && b->n == 0)
		return 1.0;
	while (i < a->n && j < b->n) {
		if (a->v[i] == b->v[j]) {
			common++;
			i++;
			j++;
		} else if (a->v[i] < b->v[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (double)common / (double)(a->n + b->n - common);
}

double text_jaccard(const char *a, const char *b)
{
	struct bigrams x = { NULL, 0 }, y = { NULL, 0 };
	double r = 0.0;

	if (bigrams_of(a, &x) == 0 && bigrams_of(b, &y) == 0)
		r = jaccard_sets(&x, &y);
	free(x.v);
	free(y.v);
	return r;
}

/* Mean similarity between the members of groups g and h (labels in lab). */
static double linkage(const double *sim, const size_t *lab, size_t n, size_t g, size_t h)
{
	double sum = 0.0;
	size_t i, j, pairs = 0;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (lab[i] == g && lab[j] == h) {
				sum += sim[i * n + j];
				pairs++;
			}
	return pairs ? sum / (double)pairs : 0.0;
}

/* Merge while the best average linkage reaches the threshold. */
static void agglomerate(const double *sim, size_t n, double threshold, size_t *lab)
{
	size_t i, g, h, bg, bh;
	double best, l;

	for (i = 0; i < n; i++)
		lab[i] = i;
	for (;;) {
		best = -1.0;
		bg = bh = 0;
		for (g = 0; g < n; g++)
			for (h = g + 1; h < n; h++) {
				if (g != lab[g] || h != lab[h])
					continue;	/* labels are the lowest member's index */
				l = linkage(sim, lab, n, g, h);
				if (l > best) {
					best = l;
					bg = g;
					bh = h;
				}
			}
		if (best < threshold)
			return;
		for (i = 0; i < n; i++)
			if (lab[i] == bh)
				lab[i] = bg;
	}
}

/* Number the groups 0.. by first text; each group's medoid. */
static size_t number_groups(const double *sim, size_t n, const size_t *lab,
			    size_t *group, size_t *medoid)
{
	size_t i, j, ng = 0;
	double best, s;

	for (i = 0; i < n; i++) {
		if (lab[i] == i)
			medoid[ng++] = i;
		for (j = 0; j < ng; j++)
			if (medoid[j] == lab[i])
				group[i] = j;
	}
	for (j = 0; j < ng; j++) {
		best = -1.0;
		for (i = 0; i < n; i++) {
			size_t k;

			if (group[i] != j)
				continue;
			for (s = 0.0, k = 0; k < n; k++)
				if (group[k] == j)
					s += sim[i * n + k];
			if (s > best) {
				best = s;
				medoid[j] = i;
			}
		}
	}
	return ng;
}

int text_cluster(const char *const *texts, size_t n, double threshold,
		 size_t *group, size_t *medoid, size_t *ngroups)
{
	struct bigrams *b = calloc(n ? n : 1, sizeof(*b));
	double *sim = malloc((n ? n * n : 1) * sizeof(*sim));
	size_t *lab = malloc((n ? n : 1) * sizeof(*lab));
	size_t i, j;
	int rc = JAUDIT_EDATA;

	*ngroups = 0;
	if (!b || !sim || !lab)
		goto out;
	for (i = 0; i < n; i++)
		if (bigrams_of(texts[i], &b[i]) < 0)
			goto out;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			sim[i * n + j] = i == j ? 1.0 : jaccard_sets(&b[i], &b[j]);
	agglomerate(sim, n, threshold, lab);
	*ngroups = number_groups(sim, n, lab, group, medoid);
	rc = 0;
out:
	if (rc < 0)
		jerror("out of memory clustering %zu texts", n);
	for (i = 0; b && i < n; i++)
		free(b[i].v);
	free(b);
	free(sim);
	free(lab);
	return rc;
}
