/*
 * numfmt.h - numbers as the reports print them: a fixed number of decimals,
 * rounded half away from zero (四捨五入), so that 2.125 prints as 2.13 and
 * 6.25% as 6.3% (printf alone rounds the exact binary halves to even).
 * NAN, a statistic that is not defined, prints as "-".
 */
#ifndef JAUDIT_NUMFMT_H
#define JAUDIT_NUMFMT_H

#include <stddef.h>

/* v with `decimals` decimals into buf (n bytes); returns buf. */
char *numfmt_fixed(char *buf, size_t n, double v, int decimals);

/* 100 v with `decimals` decimals and a "%" sign (0.125 -> "12.5%"); returns buf. */
char *numfmt_pct(char *buf, size_t n, double v, int decimals);

/* A p- or q-value: 4 decimals, "<0.0001" below 0.0001; returns buf. */
char *numfmt_p(char *buf, size_t n, double v);

/*
 * An interval of rates with 1 decimal, the two ends joined by sep:
 * "39.1% - 86.2%" with " - "; "-" when either end is undefined.  Returns buf.
 */
char *numfmt_interval(char *buf, size_t n, double lo, double hi, const char *sep);

#endif
