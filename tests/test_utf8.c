/* Unit tests for core/utf8.c: utf8_valid, whose fast paths must agree with utf8_decode. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../core/utf8.h"

/* The offset utf8_valid gives for the first bad byte of s, or -1 if s is valid. */
static long first_bad(const char *s)
{
	size_t bad = 12345;

	if (utf8_valid(s, strlen(s), &bad))
		return -1;
	return (long)bad;
}

static void test_utf8_valid_text(void **state)
{
	(void)state;
	assert_int_equal(first_bad(""), -1);
	assert_int_equal(first_bad("a"), -1);
	assert_int_equal(first_bad("{\"format\":\"jaudit-session/1\",\"year\":115}"), -1);
	assert_int_equal(first_bad("管理者帳號兼作一般用途，且未定期審查"), -1);
	assert_int_equal(first_bad("abcdefgh管"), -1);
	assert_int_equal(first_bad("é ü \xC2\x80"), -1);		/* 2-byte characters */
	assert_int_equal(first_bad("\xEF\xBF\xBF \xED\x9F\xBF \xEE\x80\x80"), -1);	/* U+FFFF, U+D7FF, U+E000 */
	assert_int_equal(first_bad("😀 \xF4\x8F\xBF\xBF"), -1);	/* 4-byte, U+10FFFF */
}

static void test_utf8_invalid_bytes_are_found_where_they_are(void **state)
{
	(void)state;
	/* after runs of ASCII of every length around the 8-byte step */
	assert_int_equal(first_bad("\xFF"), 0);
	assert_int_equal(first_bad("abcdefg\xFF"), 7);
	assert_int_equal(first_bad("abcdefgh\xFF"), 8);
	assert_int_equal(first_bad("abcdefghi\xFF"), 9);
	assert_int_equal(first_bad("abcdefghijklmnop\x80xyz"), 16);
	/* a 3-byte character cut short, at the end and before ASCII */
	assert_int_equal(first_bad("管\xE7\xAE"), 3);
	assert_int_equal(first_bad("\xE7\xAE" "abc"), 0);
	/* overlong forms and surrogates are refused, 3-byte or not */
	assert_int_equal(first_bad("ab\xE0\x80\xAF"), 2);		/* overlong '/' */
	assert_int_equal(first_bad("\xC0\xAF"), 0);
	assert_int_equal(first_bad("x\xED\xA0\x80"), 1);		/* U+D800 */
	assert_int_equal(first_bad("管\xED\xBF\xBF"), 3);		/* U+DFFF */
	assert_int_equal(first_bad("\xF4\x90\x80\x80"), 0);		/* above U+10FFFF */
	assert_int_equal(first_bad("\xF0\x8F\xBF\xBF"), 0);		/* overlong 4-byte */
	/* NULL is allowed for the offset */
	assert_false(utf8_valid("\xFF", 1, NULL));
	/* the length is honoured: a valid prefix of a longer buffer */
	assert_true(utf8_valid("abc\xFF", 3, NULL));
	assert_false(utf8_valid("管", 2, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_text),
		cmocka_unit_test(test_utf8_invalid_bytes_are_found_where_they_are),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
