#include "utf8.h"

#include <stdint.h>
#include <string.h>

int utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	int len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		c = s[0] & 0x1F;
		len = 2;
	} else if ((s[0] & 0xF0) == 0xE0) {
		c = s[0] & 0x0F;
		len = 3;
	} else if ((s[0] & 0xF8) == 0xF0) {
		c = s[0] & 0x07;
		len = 4;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

int utf8_encode(uint32_t cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (cp >> 18));
	b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int utf8_valid(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		uint64_t w;
		int len;

		/* ASCII eight bytes at a time (JSON keys, codes, numbers) */
		while (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		/* the common case of Chinese text: a 3-byte character, not a surrogate */
		if ((s[i] & 0xF0) == 0xE0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			cp = ((uint32_t)(s[i] & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
			if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
				i += 3;
				continue;
			}
		}
		len = utf8_decode(str + i, n - i, &cp);
		if (len == 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += (size_t)len;
	}
	return 1;
}

int utf8_cp_width(uint32_t cp)
{
	if (cp == 0)
		return 0;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if ((cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0xFEFF ||
	    (cp >= 0xFE00 && cp <= 0xFE0F))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) ||
	    (cp >= 0x2E80 && cp <= 0x303E) ||
	    (cp >= 0x3041 && cp <= 0x33FF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xA000 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

size_t utf8_width(const char *s)
{
	size_t w = 0, n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		int len = utf8_decode(s + i, n - i, &cp);

		if (len == 0) {
			w++;
			i++;
			continue;
		}
		w += (size_t)utf8_cp_width(cp);
		i += (size_t)len;
	}
	return w;
}

size_t utf8_len(const char *s)
{
	size_t count = 0, n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		int len = utf8_decode(s + i, n - i, &cp);

		i += len ? (size_t)len : 1;
		count++;
	}
	return count;
}
