/*
 * textcluster.h - near-identical finding texts grouped, so that a reviewer
 * sees each distinct text of a common finding once with the number of
 * vendors who got it.
 *
 * A text is the set of its character bigrams (two consecutive code points,
 * punctuation and white space dropped first, so 「帳號、密碼」 and
 * 「帳號密碼」 are one text); two texts are as similar as the Jaccard index
 * of their sets, |A ∩ B| / |A ∪ B| (two empty sets: 1).  Groups are made
 * by average-linkage agglomeration: start with one group per text, merge
 * the two groups whose mean pairwise similarity is highest while it is at
 * least the threshold (TEXTCLUSTER_THRESHOLD in the report).  A group's
 * representative is its medoid: the text with the greatest sum of
 * similarities to the others of its group (the first on a tie).
 */
#ifndef JAUDIT_TEXTCLUSTER_H
#define JAUDIT_TEXTCLUSTER_H

#include <stddef.h>

#define TEXTCLUSTER_THRESHOLD 0.5

/* Jaccard index of the character bigrams of a and b (0..1). */
double text_jaccard(const char *a, const char *b);

/*
 * Cluster n texts.  group[i] receives the group of text i, numbered 0..
 * in the order of each group's first text; medoid[g] (n entries) the
 * index of group g's representative; *ngroups the number of groups.
 * Returns 0, or JAUDIT_EDATA when memory runs out.
 */
int text_cluster(const char *const *texts, size_t n, double threshold,
		 size_t *group, size_t *medoid, size_t *ngroups);

#endif
