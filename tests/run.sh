#!/bin/sh
# Run every unit-test binary given and every end-to-end script in tests/e2e,
# then print one closing line: "check: N passed, N failed".
# Environment: JAUDIT (the program), BUILD, JAUDIT_VALGRIND=1 to run the
# end-to-end tests under valgrind's memcheck.
set -u
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
failures=

for t in "$@"; do
	out=$("$t" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	passed=$((passed + p))
	failed=$((failed + f))
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		failed=$((failed + 1))
	fi
	[ $rc -ne 0 ] && failures="$failures $(basename "$t")"
done

for s in "$here"/e2e/test_*.sh; do
	[ -f "$s" ] || continue
	out=$(sh "$s" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ $rc -ne 0 ]; then
		[ "${f:-0}" -eq 0 ] && failed=$((failed + 1))
		failures="$failures $(basename "$s")"
	fi
done

[ -n "$failures" ] && echo "failing:$failures"
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ -z "$failures" ]
