# breakeven -- build, test, install.
#
#   make            library, program and test binary (into build/)
#   make run        build, then solve models/seed-1mw.yaml
#   make check      the whole test suite (unit, CLI, sanitizers, valgrind)
#   make bench      benchmarks (see README "Performance")
#   make shared     the shared library (build/libbreakeven.so.X.Y.Z)
#   make install    PREFIX=/usr/local DESTDIR= (program, both libraries,
#                   header, breakeven.pc, man page); make uninstall
#   make deps       install the Debian packages the build needs

PREFIX  ?= /usr/local
DESTDIR ?=
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
LDCONFIG ?= ldconfig
CC      ?= cc
CFLAGS  ?= -O2 -g
STD      = -std=c11 -D_POSIX_C_SOURCE=200809L
# The scenarios' own programs are solved in threads (answers/decompose.c).
THREADS  = -pthread
WARN     = -Wall -Wextra -Wpedantic $(if $(CI),-Werror)
# Cairo draws the charts of `report` and `plot` (docs/report.md).
CAIRO_CFLAGS := $(shell pkg-config --cflags cairo fontconfig 2>/dev/null || echo -I/usr/include/cairo)
CAIRO_LIBS   := $(shell pkg-config --libs cairo fontconfig 2>/dev/null || echo -lcairo -lfontconfig)
CPPFLAGS += -Iinclude $(CAIRO_CFLAGS)
LDLIBS   = -lglpk -lyaml $(CAIRO_LIBS) -lm
B        = build

# The library's rooms, bottom to top (docs/architecture.md).
ROOMS   = model plans program engine answers
LIB_SRC = $(sort $(foreach r,$(ROOMS),$(wildcard solver/$(r)/*.c)))
LIB_HDR = $(foreach r,$(ROOMS),$(wildcard solver/$(r)/*.h))
CLI_SRC = $(sort $(wildcard solver/cli/*.c))
TEST_SRC = $(sort $(wildcard tests/test_*.c)) tests/main.c

LIB_OBJ  = $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(B)/%.o)
TEST_OBJ = $(TEST_SRC:%.c=$(B)/%.o)
# The shared library: the same sources compiled position-independent,
# exporting the public be_* names only (not the internal be__ ones).  Its
# soname carries the major version of BE_VERSION (include/breakeven.h).
PIC_OBJ  = $(LIB_SRC:%.c=$(B)/pic/%.o)
VERSION := $(shell sed -n 's/^\#define BE_VERSION "\([0-9.]*\)"/\1/p' include/breakeven.h)
MAJOR    = $(firstword $(subst ., ,$(VERSION)))
SONAME   = libbreakeven.so.$(MAJOR)
SHLIB    = libbreakeven.so.$(VERSION)
LIB_LIBS = -lglpk -lyaml -lm

all: $(B)/breakeven $(B)/unit

# The library's internal headers (solver/ROOM/*.h, included as
# "ROOM/name.h") are for the library and its white-box unit tests; the
# program sees only include/breakeven.h.
$(LIB_OBJ) $(PIC_OBJ) $(TEST_OBJ): CPPFLAGS += -Isolver

$(B)/%.o: %.c include/breakeven.h $(LIB_HDR) $(wildcard solver/cli/*.h tests/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(THREADS) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(B)/libbreakeven.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/pic/%.o: %.c include/breakeven.h $(LIB_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) $(THREADS) $(CPPFLAGS) $(CFLAGS) -fPIC -c $< -o $@

$(B)/libbreakeven.map: Makefile
	@mkdir -p $(B)
	printf '{\n  global: be_[a-z]*;\n  local: *;\n};\n' >$@

$(B)/$(SHLIB): $(PIC_OBJ) $(B)/libbreakeven.map
	$(CC) $(THREADS) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=$(B)/libbreakeven.map -Wl,--no-undefined \
	    -o $@ $(PIC_OBJ) $(LIB_LIBS)

shared: $(B)/$(SHLIB)

$(B)/breakeven: $(CLI_OBJ) $(B)/libbreakeven.a
	$(CC) $(THREADS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/unit: $(TEST_OBJ) $(B)/libbreakeven.a
	$(CC) $(THREADS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

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
	sh bench/mip.sh ./$(B)/breakeven
	sh bench/scenarios.sh ./$(B)/breakeven
	sh bench/workloads.sh ./$(B)/breakeven

# libFuzzer targets (clang, ASan + UBSan) into build-fuzz/, each run for
# FUZZ_SECONDS; a crash leaves build-fuzz/crash-* (see docs/hardening.md).
FUZZ_SECONDS ?= 60
fuzz:
	sh fuzz/run $(FUZZ_SECONDS)

# breakeven.pc is written at install time, so that it names this PREFIX
# (never DESTDIR, the staging folder a package is built in).
install: $(B)/breakeven $(B)/libbreakeven.a $(B)/$(SHLIB)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(patsubst $(PREFIX)%,$${prefix}%,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)%,$${prefix}%,$(INCLUDEDIR))|' -e 's|@VERSION@|$(VERSION)|' \
	    breakeven.pc.in >$(B)/breakeven.pc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(B)/breakeven $(DESTDIR)$(PREFIX)/bin/breakeven
	install -m 644 $(B)/libbreakeven.a $(DESTDIR)$(LIBDIR)/libbreakeven.a
	install -m 755 $(B)/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SHLIB)
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libbreakeven.so
	install -m 644 $(B)/breakeven.pc $(DESTDIR)$(LIBDIR)/pkgconfig/breakeven.pc
	install -m 644 include/breakeven.h $(DESTDIR)$(INCLUDEDIR)/breakeven.h
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 docs/breakeven.1 $(DESTDIR)$(PREFIX)/share/man/man1/breakeven.1
	-@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then $(LDCONFIG) 2>/dev/null; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/breakeven $(DESTDIR)$(LIBDIR)/libbreakeven.a \
	      $(DESTDIR)$(LIBDIR)/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	      $(DESTDIR)$(LIBDIR)/libbreakeven.so \
	      $(DESTDIR)$(LIBDIR)/pkgconfig/breakeven.pc \
	      $(DESTDIR)$(INCLUDEDIR)/breakeven.h \
	      $(DESTDIR)$(PREFIX)/share/man/man1/breakeven.1
	-@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then $(LDCONFIG) 2>/dev/null; fi

clean:
	rm -rf $(B) build-asan build-valgrind

.PHONY: all shared run deps deps-build check test bench fuzz install uninstall clean
