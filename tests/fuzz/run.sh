#!/bin/sh
# Run each libFuzzer target for a while (make fuzz).
#   tests/fuzz/run.sh SECONDS BUILD_DIR TARGET...
# Target fuzz_NAME starts from the seed corpus tests/fuzz/NAME/ and keeps what
# it finds in BUILD_DIR/corpus/NAME/; a crashing input is saved as
# BUILD_DIR/artifacts/NAME-crash-* (copy it into tests/fuzz/regress/NAME/ once
# fixed).  Prints one line per target with executions and coverage, and
# fails if any target found a problem.
set -u
secs=$1
build=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build/artifacts"
status=0
summary="$build/fuzz-summary.txt"
: > "$summary"
for bin in "$@"; do
	name=$(basename "$bin")
	name=${name#fuzz_}
	work="$build/corpus/$name"
	mkdir -p "$work"
	log="$build/fuzz-$name.log"
	"$bin" "$work" "$here/$name" -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$build/artifacts/$name-" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(printf '%s\n' "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
	line="fuzz $name: ${execs:-0} executions in ${secs} s, cov: ${cov:-?} ft: ${ft:-?}, corpus ${corp:-?} inputs"
	if [ $rc -ne 0 ]; then
		line="$line: FAILED (exit $rc), see $log"
		status=1
	fi
	echo "$line" | tee -a "$summary"
done
exit $status
