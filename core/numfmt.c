#include "numfmt.h"

#include <math.h>
#include <stdio.h>

/* Round half away from zero at `decimals` places. */
static double round_half_up(double v, int decimals)
{
	double scale = pow(10, decimals);

	return round(v * scale) / scale;
}

char *numfmt_fixed(char *buf, size_t n, double v, int decimals)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.*f", decimals, round_half_up(v, decimals) + 0.0);
	return buf;
}

char *numfmt_pct(char *buf, size_t n, double v, int decimals)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.*f%%", decimals, round_half_up(100 * v, decimals) + 0.0);
	return buf;
}

char *numfmt_p(char *buf, size_t n, double v)
{
	if (!isnan(v) && v < 0.0001)
		snprintf(buf, n, "<0.0001");
	else
		numfmt_fixed(buf, n, v, 4);
	return buf;
}

char *numfmt_interval(char *buf, size_t n, double lo, double hi, const char *sep)
{
	char a[32], b[32];

	if (isnan(lo) || isnan(hi))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%s%s%s", numfmt_pct(a, sizeof(a), lo, 1), sep, numfmt_pct(b, sizeof(b), hi, 1));
	return buf;
}
