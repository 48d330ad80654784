#!/bin/sh
# tools/long_functions.sh [MAX] [DIR...]: the C functions longer than MAX
# lines (default 80), longest first, as "LINES FILE:LINE NAME".
# A function is a line that starts a definition at column 0 and ends at the
# next "}" at column 0 (the kernel/git style this tree keeps).
max=${1:-80}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- analyze track ingest plots core admin
find "$@" -name '*.c' | sort | xargs awk -v max="$max" '
FNR == 1 { start = 0 }
/^[A-Za-z_].*\(/ && !/;[ \t]*$/ && !/^(static[ \t]+)?(const[ \t]+)?(struct|enum|union)[^(]*=/ && !/^#/ {
	if (!start) { start = FNR; name = $0; sub(/\(.*/, "", name); n = split(name, w, /[ \t*]+/); name = w[n] }
}
/^\{/ && start { body = 1 }
/^\}/ && start {
	len = FNR - start + 1
	if (body && len > max) printf "%d %s:%d %s\n", len, FILENAME, start, name
	start = 0; body = 0
}
/^[A-Za-z_].*;[ \t]*$/ && start && !body { start = 0 }
' | sort -rn
