# jaudit - one Makefile.  `make demo` and `make check` are all a new machine
# needs: they install the missing Debian packages first (as root).

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
BUILD ?= build
SANITIZE ?=
VERSION = 0.1.0

PKGS = sqlite3 gsl libcjson libzip expat xlsxwriter
# Evaluated when used, so that a goal can install the packages first.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lgsl -lgslcblas -lcjson -lzip -lexpat -lxlsxwriter -lz -lm)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

DEV_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wstrict-prototypes \
	-Wold-style-definition -Wformat-security -Wvla -Wshadow -Wno-unused-parameter
ifneq ($(SANITIZE),)
SAN_FLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=$(SANITIZE) -fno-omit-frame-pointer
endif
ALL_CFLAGS = $(DEV_CFLAGS) $(CFLAGS) $(SAN_FLAGS) $(PKG_CFLAGS) -I. -Icore \
	-DJAUDIT_VERSION='"$(VERSION)"' -MMD -MP -pthread
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS) -pthread

MODULES = core admin ingest analyze analyze/stats track plots
LIB_SRC = $(sort $(wildcard $(addsuffix /*.c,$(MODULES))))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/schema.o
SQL = $(sort $(wildcard sql/*.sql))
TEST_SRC = $(sort $(wildcard tests/test_*.c))
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TOOL_SRC = $(sort $(wildcard tools/*.c))
TOOL_BIN = $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)

ifeq ($(BUILD),build)
PROGRAM = jaudit
else
PROGRAM = $(BUILD)/jaudit
endif

.PHONY: all deps build check check-run check-asan check-tsan check-valgrind demo install \
	clean bench fuzz fuzz-build man

all: deps
	@$(MAKE) --no-print-directory build

deps:
	@sh tools/deps.sh build

build: $(PROGRAM) $(TOOL_BIN)

$(PROGRAM): $(BUILD)/jaudit.o $(BUILD)/libjaudit.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libjaudit.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/schema.c: sql/embed.sh $(SQL)
	@mkdir -p $(dir $@)
	sh sql/embed.sh $(SQL) > $@

$(BUILD)/schema.o: $(BUILD)/schema.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libjaudit.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DTEST_DATA_DIR='"$(CURDIR)/tests/data"' -o $@ $< \
		$(BUILD)/libjaudit.a $(ALL_LDFLAGS) $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/tools/%: tools/%.c $(BUILD)/libjaudit.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libjaudit.a $(ALL_LDFLAGS) $(PKG_LIBS)

# --- tests -----------------------------------------------------------------
check:
	@sh tools/deps.sh check
	@$(MAKE) --no-print-directory check-run

check-run: build $(TEST_BIN)
	@JAUDIT=$(CURDIR)/$(PROGRAM) BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

check-asan:
	@sh tools/deps.sh check
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=address,undefined CFLAGS="-O1 -g" check-run

# ThreadSanitizer over the same tests: ingest reads NDJSON with two threads (ingest/ndjson.c)
check-tsan:
	@sh tools/deps.sh check
	@$(MAKE) --no-print-directory BUILD=build-tsan SANITIZE=thread CFLAGS="-O1 -g" check-run

check-valgrind:
	@sh tools/deps.sh valgrind
	@$(MAKE) --no-print-directory build $(TEST_BIN)
	@JAUDIT_VALGRIND=1 JAUDIT=$(CURDIR)/$(PROGRAM) BUILD=$(BUILD) sh tests/run.sh $(TEST_BIN)

# --- fuzzing: every tests/fuzz/fuzz_*.c under libFuzzer, FUZZ_SECONDS each --
FUZZ_SECONDS ?= 60
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

fuzz:
	@sh tools/deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang SANITIZE=address,undefined \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link" fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) build-fuzz $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/fuzz/%)

fuzz-build: $(FUZZ_BIN)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libjaudit.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libjaudit.a $(ALL_LDFLAGS) $(PKG_LIBS)

# --- the sample year -------------------------------------------------------
demo:
	@sh tools/deps.sh demo
	@$(MAKE) --no-print-directory build
	@sh examples/demo.sh $(CURDIR)/$(PROGRAM) demo

# --- benchmarks: every tools/bench_*.sh, figures into docs/PERFORMANCE.md --
bench:
	@sh tools/deps.sh bench
	@$(MAKE) --no-print-directory build
	@set -e; for s in tools/bench_*.sh; do [ -f "$$s" ] || continue; \
		JAUDIT=$(CURDIR)/$(PROGRAM) BUILD=$(BUILD) sh "$$s"; done

# --- installation ----------------------------------------------------------
man: $(BUILD)/jaudit.1

$(BUILD)/jaudit.1: $(PROGRAM)
	./$(PROGRAM) --man > $@

install: build $(BUILD)/jaudit.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROGRAM) $(DESTDIR)$(BINDIR)/jaudit
	install -m 644 $(BUILD)/jaudit.1 $(DESTDIR)$(MANDIR)/man1/jaudit.1

clean:
	rm -rf build build-asan build-fuzz jaudit demo tests/out

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
