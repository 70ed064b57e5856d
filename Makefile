# breakeven -- build, test, install.
#
#   make            library, program and test binary (into build/)
#   make run        build, then solve models/seed-1mw.yaml
#   make check      the whole test suite (unit, CLI, sanitizers, valgrind)
#   make bench      benchmarks (see README "Performance")
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install the Debian packages the build needs

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
CFLAGS  ?= -O2 -g
STD      = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Wpedantic $(if $(CI),-Werror)
# Cairo draws the charts of `report` and `plot` (docs/report.md).
CAIRO_CFLAGS := $(shell pkg-config --cflags cairo fontconfig 2>/dev/null || echo -I/usr/include/cairo)
CAIRO_LIBS   := $(shell pkg-config --libs cairo fontconfig 2>/dev/null || echo -lcairo -lfontconfig)
CPPFLAGS += -Iinclude $(CAIRO_CFLAGS)
LDLIBS   = -lglpk -lyaml $(CAIRO_LIBS) -lm
B        = build

LIB_SRC = $(sort $(wildcard solver/*.c))
CLI_SRC = $(sort $(wildcard solver/cli/*.c))
TEST_SRC = $(sort $(wildcard tests/test_*.c)) tests/main.c

LIB_OBJ  = $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(B)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(B)/%.o)

all: $(B)/breakeven $(B)/unit

# The library's internal headers (solver/*.h) are for the library and its
# white-box unit tests; the program sees only include/breakeven.h.
$(LIB_OBJ) $(TEST_OBJ): CPPFLAGS += -Isolver

$(B)/%.o: %.c include/breakeven.h $(wildcard solver/*.h solver/cli/*.h tests/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(B)/libbreakeven.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/breakeven: $(CLI_OBJ) $(B)/libbreakeven.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/unit: $(TEST_OBJ) $(B)/libbreakeven.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

run: deps-build all
	./$(B)/breakeven solve models/seed-1mw.yaml

deps-build:
	@sh .ci/deps build

deps:
	@sh .ci/deps build test

# The whole suite.  Each step prints its own "N passed, N failed"; the
# last line sums them.
check:
	@sh .ci/deps build test
	@sh tests/run-all

test: all
	./$(B)/unit
	sh tests/cli.sh ./$(B)/breakeven

bench: all
	sh bench/run ./$(B)/breakeven
	sh bench/batch.sh ./$(B)/breakeven

# libFuzzer targets (clang, ASan + UBSan) into build-fuzz/, each run for
# FUZZ_SECONDS; a crash leaves build-fuzz/crash-* (see docs/hardening.md).
FUZZ_SECONDS ?= 60
fuzz:
	sh fuzz/run $(FUZZ_SECONDS)

install: $(B)/breakeven $(B)/libbreakeven.a
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 755 $(B)/breakeven $(DESTDIR)$(PREFIX)/bin/breakeven
	install -m 644 $(B)/libbreakeven.a $(DESTDIR)$(PREFIX)/lib/libbreakeven.a
	install -m 644 include/breakeven.h $(DESTDIR)$(PREFIX)/include/breakeven.h
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 docs/breakeven.1 $(DESTDIR)$(PREFIX)/share/man/man1/breakeven.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/breakeven $(DESTDIR)$(PREFIX)/lib/libbreakeven.a \
	      $(DESTDIR)$(PREFIX)/include/breakeven.h \
	      $(DESTDIR)$(PREFIX)/share/man/man1/breakeven.1

clean:
	rm -rf $(B) build-asan build-valgrind

.PHONY: all run deps deps-build check test bench fuzz install uninstall clean
