#include "taxid.h"

int taxid_valid(const char *s)
{
	static const int weight[8] = { 1, 2, 1, 2, 1, 2, 4, 1 };
	int sum = 0, i;

	if (!s)
		return 0;
	for (i = 0; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	if (s[8] != '\0')
		return 0;
	for (i = 0; i < 8; i++) {
		int p = (s[i] - '0') * weight[i];

		if (i == 6 && s[i] == '7')
			continue;	/* 28: counted as 1 or 0 below */
		sum += p / 10 + p % 10;
	}
	if (s[6] == '7')
		return sum % 5 == 0 || (sum + 1) % 5 == 0;
	return sum % 5 == 0;
}
