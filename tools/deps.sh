#!/bin/sh
# Install the Debian packages jaudit needs for a goal, when they are missing.
#   tools/deps.sh build|check|demo|fuzz|valgrind
# As root: apt-get installs what is missing.  Otherwise: prints the exact
# apt-get line and fails.  A machine that has everything installs nothing.
set -eu

build="libsqlite3-dev libgsl-dev libcjson-dev libzip-dev libexpat1-dev libxlsxwriter-dev pkg-config gcc make"
charts="gnuplot-nox fonts-noto-cjk"
case "${1:-build}" in
build)    want="$build" ;;
demo)     want="$build sqlite3 $charts" ;;
check)    want="$build libcmocka-dev sqlite3 $charts chromium poppler-utils libreoffice-calc-nogui" ;;
fuzz)     want="$build clang libclang-rt-14-dev" ;;
valgrind) want="$build libcmocka-dev sqlite3 $charts valgrind" ;;
bench)    want="$build sqlite3 time" ;;
*) echo "tools/deps.sh: unknown goal '$1'" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "jaudit: not a Debian system; make sure these are installed: $want" >&2
	exit 0
fi

missing=
for p in $want; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "jaudit: these Debian packages are missing:$missing" >&2
	echo "install them with:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "jaudit: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "jaudit: installed:$missing"
