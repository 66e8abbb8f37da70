# mk/lib.mk: the build rules shared by every portable library in lib/<name>/.
#
# A library's Makefile sets NAME (and, if needed, USES, LDLIBS, CFLAGS_EXTRA,
# OPTFLAGS) and includes this file. Files are found by their names:
#
#   *.c            the library itself, archived as lib<NAME>.a
#   *_test.c       a host test program each; prints TAP; run by `make test`
#   *_test.sh      a host test script each; prints TAP; run by `make test`
#   *_fuzz.c       a libFuzzer target each (LLVMFuzzerTestOneInput); `make fuzz`
#   *_bench.c      a benchmark program each; prints `bench ...` lines; `make bench`
#   cmd_<prog>.c   a host command for people: build/host/bin/<prog>
#
# USES names other libraries under lib/ that this one links against.
# Headers are included as "<lib>/<file>.h" (the include root is lib/).
#
# MODE selects a build: asan (tests: ASan+UBSan, the default), opt (-O2, the
# commands in build/host/bin and benchmarks), fuzz (clang libFuzzer).

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
MODE ?= asan
VECTORS ?= $(abspath $(TOP)/../shared/vectors)
export VECTORS
export GREMLIN_TOP := $(TOP)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
BASEFLAGS := -std=c11 -D_DEFAULT_SOURCE -I$(TOP)/lib $(WARN) -MMD -MP $(CFLAGS_EXTRA)

ifeq ($(MODE),asan)
MODEFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BIN := $(TOP)/build/host/asan/bin
else ifeq ($(MODE),opt)
MODEFLAGS := -O2 -g $(OPTFLAGS)
BIN := $(TOP)/build/host/bin
else ifeq ($(MODE),fuzz)
CC := clang
MODEFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BIN := $(TOP)/build/host/fuzz/bin
else
$(error MODE must be asan, opt or fuzz, not '$(MODE)')
endif

CFLAGS := $(BASEFLAGS) $(MODEFLAGS)
LDFLAGS_MODE := $(filter -fsanitize=% -g,$(MODEFLAGS))

OBJ := $(TOP)/build/host/$(MODE)/obj/$(NAME)
LIBDIR := $(TOP)/build/host/$(MODE)/lib
LIBA := $(LIBDIR)/lib$(NAME).a

SRCS := $(filter-out %_test.c %_fuzz.c %_bench.c cmd_%.c,$(wildcard *.c))
TEST_SRCS := $(wildcard *_test.c)
TEST_SH := $(wildcard *_test.sh)
FUZZ_SRCS := $(wildcard *_fuzz.c)
BENCH_SRCS := $(wildcard *_bench.c)
CMD_SRCS := $(wildcard cmd_*.c)

USED_LIBS := $(foreach u,$(USES),$(LIBDIR)/lib$(u).a)
LINK_LIBS := $(LIBA) $(USED_LIBS) $(LDLIBS) -lm

TEST_BINS := $(patsubst %.c,$(OBJ)/%,$(TEST_SRCS))
FUZZ_BINS := $(patsubst %.c,$(OBJ)/%,$(FUZZ_SRCS))
BENCH_BINS := $(patsubst %.c,$(OBJ)/%,$(BENCH_SRCS))
CMD_BINS := $(patsubst cmd_%.c,$(BIN)/%,$(CMD_SRCS))

FUZZ_SECONDS ?= 15

.PHONY: all lib cmds test fuzz bench clean uses
.SUFFIXES:

all: lib cmds

lib: $(LIBA)

cmds: $(CMD_BINS)

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIBA): $(patsubst %.c,$(OBJ)/%.o,$(SRCS))
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# Libraries this one uses are built by their own Makefiles, in the same mode.
uses:
	@for u in $(USES); do $(MAKE) -s -C $(TOP)/lib/$$u lib MODE=$(MODE) || exit 1; done

$(USED_LIBS): uses

$(BIN)/%: $(OBJ)/cmd_%.o $(LIBA) $(USED_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_MODE) -o $@ $< $(LINK_LIBS)

$(OBJ)/%_test: $(OBJ)/%_test.o $(LIBA) $(USED_LIBS)
	$(CC) $(LDFLAGS_MODE) -o $@ $< $(LINK_LIBS)

$(OBJ)/%_bench: $(OBJ)/%_bench.o $(LIBA) $(USED_LIBS)
	$(CC) $(LDFLAGS_MODE) -o $@ $< $(LINK_LIBS)

$(OBJ)/%_fuzz: $(OBJ)/%_fuzz.o $(LIBA) $(USED_LIBS)
	$(CC) $(LDFLAGS_MODE) -fsanitize=fuzzer -o $@ $< $(LINK_LIBS)

# Tests run from the repository root, with VECTORS and GREMLIN_TOP set, and
# BIN pointing at this mode's host commands (for *_test.sh).
test: $(TEST_BINS) $(CMD_BINS)
	@cd $(TOP) && rc=0; \
	for t in $(TEST_BINS); do $$t || rc=1; done; \
	for s in $(TEST_SH); do BIN=$(BIN) bash $(CURDIR)/$$s || rc=1; done; \
	exit $$rc

# Each fuzzer runs FUZZ_SECONDS from its seed corpus (fuzz/<target>/ beside
# the source, if present) into a scratch corpus under build/.
fuzz:
	@$(MAKE) -s MODE=fuzz fuzz-run

fuzz-run: $(FUZZ_BINS)
	@rc=0; for f in $(FUZZ_BINS); do \
		n=$$(basename $$f); c=$(TOP)/build/host/fuzz/corpus/$(NAME)/$$n; mkdir -p $$c; \
		seeds=$(CURDIR)/fuzz/$$n; [ -d $$seeds ] || seeds=; \
		if $$f -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -artifact_prefix=$(TOP)/build/host/fuzz/ $$c $$seeds >$(TOP)/build/host/fuzz/$$n.log 2>&1; \
		then echo "ok - fuzz $(NAME)/$$n $(FUZZ_SECONDS)s: $$(grep -o 'Done [0-9]* runs' $(TOP)/build/host/fuzz/$$n.log)"; \
		else echo "not ok - fuzz $(NAME)/$$n: see build/host/fuzz/$$n.log"; tail -30 $(TOP)/build/host/fuzz/$$n.log; rc=1; fi; \
	done; exit $$rc

bench:
	@$(MAKE) -s MODE=opt bench-run

bench-run: $(BENCH_BINS)
	@cd $(TOP) && for b in $(BENCH_BINS); do $$b || exit 1; done

clean:
	rm -rf $(TOP)/build/host/*/obj/$(NAME) $(TOP)/build/host/*/lib/lib$(NAME).a $(CMD_BINS)

-include $(wildcard $(OBJ)/*.d)
