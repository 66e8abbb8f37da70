# mk/gremlin.mk: Gremlin's user side and the machine around it. Included by
# the top-level Makefile (run from the repository root).
#
#   make kernel     the kernel (rules in mk/kernel.mk)
#   make image      lib/c, every program, and the base image build/base.tar
#   make run        boot in QEMU on this terminal (tools/gremlin run)
#   make debug      boot stopped, with gdb attached (tools/gremlin debug)
#   make iso        a GRUB ISO, build/gremlin.iso (tools/gremlin iso)
#   make libc-test  host unit tests of lib/c's portable parts (ASan+UBSan)
#
# User programs: every cmd/<prog>/*.c links into /bin/<prog>, every
# tests/guest/<name>.c into /bin/test/<name> (run by runtests), every
# tests/guest/helper/<name>.c into /bin/test/helper/<name> (programs for the
# host-side tests), every bench/guest/<name>.c into /bin/bench/<name>. The
# files of root/ (if it exists) are copied in first. See docs/harness.md.
#
# UCC picks the compiler for Gremlin programs (gcc or clang): make image UCC=clang.

ifneq ($(wildcard mk/kernel.mk),)
include mk/kernel.mk
else
.PHONY: kernel
kernel:
	@echo "error: mk/kernel.mk is missing, so the kernel cannot be built." >&2
	@echo "       The kernel (kernel/, mk/kernel.mk) must be in the tree before" >&2
	@echo "       make kernel, run, debug, iso or the guest tests can work." >&2
	@exit 1
endif

UCC ?= cc
GR_B := build/user
GR_ROOT := $(GR_B)/root
GR_OBJ := $(GR_B)/obj
GR_LIBC := $(GR_B)/lib/libc.a
GR_CRT0 := $(GR_OBJ)/libc/arch/x86_64/crt0.o

GR_WARN := -Wall -Wextra -Werror -Wshadow -Wvla -Wstrict-prototypes -Wmissing-prototypes
GR_CFLAGS := -std=c11 -nostdinc -isystem $(shell $(UCC) -print-file-name=include) \
	-isystem lib/c/include -I kernel/include -I lib -fno-pie -fstack-protector-strong \
	-fno-strict-aliasing -O2 -g $(GR_WARN) -MMD -MP
# lib/c itself: no builtins (memcpy must not compile into a call to memcpy).
GR_IS_CLANG := $(findstring clang,$(shell $(UCC) --version))
GR_LIBC_CFLAGS := $(GR_CFLAGS) -fno-builtin $(if $(GR_IS_CLANG),,-fno-tree-loop-distribute-patterns)
GR_LDFLAGS := -static -nostdlib -fno-pie $(if $(GR_IS_CLANG),,-no-pie) -Wl,-z,max-page-size=4096 \
	-Wl,-z,noexecstack -Wl,-z,noseparate-code -Wl,--build-id=none
GR_LIBGCC := $(shell $(UCC) -print-libgcc-file-name)

GR_LIBC_SRCS := $(filter-out lib/c/test/%,$(shell find lib/c -name '*.c' -o -name '*.S'))
GR_LIBC_OBJS := $(patsubst lib/c/%,$(GR_OBJ)/libc/%.o,$(basename $(filter-out %/crt0.S,$(GR_LIBC_SRCS))))

# Programs whose sources are in cmd/ but which need what the kernel does not
# offer yet are held out of the image, each with its reason:
#   sh: needs pipe, dup2 and opendir, which come with namespaces (issue 3);
#       until then it is built and tested on the host (tests/sh).
GR_HELD := sh
GR_CMDS := $(filter-out $(GR_HELD),$(sort $(patsubst cmd/%/,%,$(dir $(wildcard cmd/*/*.c)))))
GR_TESTS := $(sort $(basename $(notdir $(wildcard tests/guest/*.c))))
GR_HELPERS := $(sort $(basename $(notdir $(wildcard tests/guest/helper/*.c))))
GR_BENCHES := $(sort $(basename $(notdir $(wildcard bench/guest/*.c))))
GR_BINS := $(GR_CMDS:%=$(GR_ROOT)/bin/%) $(GR_TESTS:%=$(GR_ROOT)/bin/test/%) \
	$(GR_BENCHES:%=$(GR_ROOT)/bin/bench/%) $(GR_HELPERS:%=$(GR_ROOT)/bin/test/helper/%)

.PHONY: image run debug iso libc libc-test FORCE

# Everything rebuilds when the compiler or its flags change.
GR_STAMP := $(GR_B)/flags
$(GR_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(UCC) $(GR_LIBC_CFLAGS) $(GR_LDFLAGS)' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

image: build/base.tar

libc: $(GR_LIBC) $(GR_CRT0)

# lib/c: start-up code is built without the stack protector (it installs
# the canary).
$(GR_OBJ)/libc/arch/x86_64/start.o: GR_EXTRA := -fno-stack-protector
$(GR_OBJ)/libc/arch/x86_64/tls.o: GR_EXTRA := -fno-stack-protector

$(GR_OBJ)/libc/%.o: lib/c/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_LIBC_CFLAGS) $(GR_EXTRA) -c -o $@ $<

$(GR_OBJ)/libc/%.o: lib/c/%.S $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -c -o $@ $<

$(GR_LIBC): $(GR_LIBC_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# Programs. Each one links crt0, its objects, libc and the compiler's
# runtime helpers, statically, at the default non-PIE address.
define gr_link
	@mkdir -p $(dir $@)
	$(UCC) $(GR_LDFLAGS) -o $@ $(GR_CRT0) $(filter-out $(GR_CRT0),$(filter %.o,$^)) $(GR_LIBC) $(GR_LIBGCC)
endef

$(GR_OBJ)/cmd/%.o: cmd/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -c -o $@ $<

$(GR_OBJ)/test/%.o: tests/guest/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -I $(GR_B)/gen -c -o $@ $<

$(GR_OBJ)/helper/%.o: tests/guest/helper/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -c -o $@ $<

$(GR_OBJ)/bench/%.o: bench/guest/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -c -o $@ $<

.SECONDEXPANSION:
$(GR_CMDS:%=$(GR_B)/bin/%): $(GR_B)/bin/%: $$(subst .c,.o,$$(subst cmd/,$(GR_OBJ)/cmd/,$$(wildcard cmd/$$*/*.c))) $(GR_CRT0) $(GR_LIBC)
	$(gr_link)

$(GR_TESTS:%=$(GR_B)/bin/test/%): $(GR_B)/bin/test/%: $(GR_OBJ)/test/%.o $(GR_CRT0) $(GR_LIBC)
	$(gr_link)

$(GR_HELPERS:%=$(GR_B)/bin/test/helper/%): $(GR_B)/bin/test/helper/%: $(GR_OBJ)/helper/%.o $(GR_CRT0) $(GR_LIBC)
	$(gr_link)

$(GR_BENCHES:%=$(GR_B)/bin/bench/%): $(GR_B)/bin/bench/%: $(GR_OBJ)/bench/%.o $(GR_CRT0) $(GR_LIBC)
	$(gr_link)

# The image tree holds stripped copies; build/user/bin keeps the symbols.
$(GR_ROOT)/%: $(GR_B)/%
	@mkdir -p $(dir $@)
	strip -o $@ $<

# Broken executables for exec_test, made from a good one (/bin/true).
GR_BADELF := $(GR_ROOT)/test/badelf/.stamp
$(GR_BADELF): tests/guest/badelf.py $(GR_ROOT)/bin/true
	@rm -rf $(dir $@)
	python3 tests/guest/badelf.py $(GR_ROOT)/bin/true $(dir $@)
	@touch $@

# The in-guest test runner learns the test list from a generated header
# (there is no readdir yet), rewritten only when the list changes.
$(GR_B)/gen/testlist.h: FORCE
	@mkdir -p $(dir $@)
	@{ echo '// Generated by mk/gremlin.mk: the programs of /bin/test, but runtests.'; \
	   for t in $(filter-out runtests,$(GR_TESTS)); do echo "\"/bin/test/$$t\","; done; } >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(GR_OBJ)/test/runtests.o: $(GR_B)/gen/testlist.h

# The base image: a ustar archive, deterministic (sorted names, fixed
# mtime and owner), member names without "./" (bin/init); see tools/mkimage.
build/base.tar: $(GR_BINS) $(if $(GR_TESTS),$(GR_BADELF)) tools/mkimage FORCE
	@tools/mkimage $@ $(wildcard root) $(GR_ROOT)

run: kernel image
	GREMLIN_NO_BUILD=1 tools/gremlin run

debug: kernel image
	GREMLIN_NO_BUILD=1 tools/gremlin debug

iso: kernel image
	GREMLIN_NO_BUILD=1 tools/gremlin iso

# Host unit tests of lib/c's portable parts (lib/c/test/*_test.c), natively
# with ASan and UBSan. The string functions are compiled under other names
# (gr_memcpy, ...) so they do not replace the host's.
GR_HT := build/host/asan/obj/libc
GR_HCFLAGS := -std=c11 -D_DEFAULT_SOURCE -I lib $(GR_WARN) -O1 -g -fno-builtin \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
GR_HTESTS := $(GR_HT)/format_test $(GR_HT)/string_test $(GR_HT)/heap_test

$(GR_HT)/format_test: lib/c/test/format_test.c lib/c/stdio/format.c lib/c/stdio/format.h
	@mkdir -p $(dir $@)
	$(CC) $(GR_HCFLAGS) -Wno-format -o $@ lib/c/test/format_test.c lib/c/stdio/format.c

$(GR_HT)/string_test: lib/c/test/string_test.c lib/c/string/string.c lib/c/test/rename.h
	@mkdir -p $(dir $@)
	$(CC) $(GR_HCFLAGS) -include lib/c/test/rename.h -o $@ lib/c/test/string_test.c lib/c/string/string.c

$(GR_HT)/heap_test: lib/c/test/heap_test.c lib/c/stdlib/heap.c lib/c/stdlib/heap.h
	@mkdir -p $(dir $@)
	$(CC) $(GR_HCFLAGS) -o $@ lib/c/test/heap_test.c lib/c/stdlib/heap.c

libc-test: $(GR_HTESTS)
	@rc=0; for t in $(GR_HTESTS); do $$t || rc=1; done; exit $$rc

-include $(shell find $(GR_OBJ) -name '*.d' 2>/dev/null)
