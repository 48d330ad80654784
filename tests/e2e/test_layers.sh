#!/bin/sh
# The folders depend on each other only as docs/DEVELOPING.md draws it:
#
#   core     <- everything (db, dates, csv, text, errors, cli)
#   analyze  <- track, plots           (analysis, trend, statistics)
#   track    <- ingest, plots          (remediation rules, policy, updates)
#   ingest, admin, plots: commands that nothing else includes
#
# Every quoted #include of a .c or .h file under a folder is resolved to
# the folder it names; a folder that reaches one it may not fails here.
. "$(dirname "$0")/lib.sh"

# allowed FOLDER: the folders FOLDER may include from (besides itself)
allowed() {
	case "$1" in
	core) echo "" ;;
	analyze) echo "core" ;;
	track) echo "core analyze" ;;
	ingest) echo "core track" ;;
	admin) echo "core" ;;
	plots) echo "core analyze track" ;;
	esac
}

# reach FILE: the top folder of each file FILE includes with quotes
reach() {
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1" |
	while read -r inc; do
		p=$(realpath -m --relative-to="$ROOT" "$(dirname "$1")/$inc")
		echo "${p%%/*} $inc"
	done
}

for dir in core analyze track ingest admin plots; do
	bad=
	for f in $(cd "$ROOT" && find "$dir" -name '*.[ch]' | sort); do
		ok_dirs="$dir $(allowed "$dir")"
		while read -r top inc; do
			[ -n "$top" ] || continue
			case " $ok_dirs " in
			*" $top "*) ;;
			*) bad="$bad
$f includes \"$inc\" ($top)" ;;
			esac
		done <<EOF
$(reach "$ROOT/$f")
EOF
	done
	if [ -z "$bad" ]; then
		ok "$dir includes only $(allowed "$dir" | sed 's/^$/itself/')"
	else
		not_ok "$dir includes a folder above it" "$bad"
	fi
done

# The checker itself: a file of core that includes analyze/ is caught.
mkdir -p "$TMP/core" "$TMP/analyze"
printf '#include "../analyze/analysis.h"\n' >"$TMP/core/bad.c"
: >"$TMP/analyze/analysis.h"
ROOT_SAVE=$ROOT
ROOT=$TMP
line=$(reach "$TMP/core/bad.c")
ROOT=$ROOT_SAVE
expect_eq "a core file including analyze/ resolves to analyze" "$line" "analyze ../analyze/analysis.h"

# A function fits on a screen (docs/DEVELOPING.md): none over 80 lines.
long=$(cd "$ROOT" && sh tools/long_functions.sh 80)
expect_eq "no function is longer than 80 lines" "$long" ""

# The counter itself: a function of 81 lines is named, one of 80 is not.
mkdir -p "$TMP/long"
{
	printf 'static int eighty(void)\n{\n'
	i=0; while [ $i -lt 77 ]; do printf '\tx();\n'; i=$((i + 1)); done
	printf '}\n\nint\nnot_a_call;\n\nstatic int eighty_one(int a)\n{\n'
	i=0; while [ $i -lt 78 ]; do printf '\tx();\n'; i=$((i + 1)); done
	printf '}\n'
} >"$TMP/long/f.c"
long=$(cd "$ROOT" && sh tools/long_functions.sh 80 "$TMP/long")
expect_eq "an 81-line function is counted, an 80-line one is not" "$long" "81 $TMP/long/f.c:85 eighty_one"

done_testing
