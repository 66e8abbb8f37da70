# mk/gremlin.mk: Gremlin's user side and the machine around it. Included by
# the top-level Makefile (run from the repository root).
#
#   make kernel     the kernel (rules in mk/kernel.mk)
#   make image      lib/c, every program, and the base image build/base.tar
#   make run        boot in QEMU on this terminal (tools/gremlin run)
#   make debug      boot stopped, with gdb attached (tools/gremlin debug)
#   make iso        a GRUB ISO, build/gremlin.iso (tools/gremlin iso)
#   make libc-test  host unit tests of lib/c's portable parts (ASan+UBSan)
#   make libc-bench lib/c's float conversions against glibc's (host)
#
# User programs: every cmd/<prog>/*.c links into /bin/<prog>, every
# tests/guest/<name>.c into /bin/test/<name> (run by runtests), every
# tests/guest/helper/<name>.c into /bin/test/helper/<name> (programs for the
# host-side tests), every bench/guest/<name>.c into /bin/bench/<name>. The
# portable libraries of lib/ (GR_LIBS) go to build/user/lib/lib<name>.a, and
# the host tests of GR_LIBTESTS, unchanged, to /bin/test/lib_<name>_<x>_test.
# The files of root/ (if it exists) are copied in first. See docs/harness.md.
# Snaps (apps/<name>/, tests/apps/<name>/) and system/config.toml: see
# "Snaps" below and docs/sdk.md; `make sdk-flags` is for tools/gremlin-cc.
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
# -MD, not -MMD: lib/c's headers and the ABI come in through -isystem, and a
# changed syscall number must rebuild every program that uses it.
GR_CFLAGS := -std=c11 -nostdinc -isystem $(shell $(UCC) -print-file-name=include) \
	-isystem lib/c/include -I kernel/include -I lib -fno-pie -fstack-protector-strong \
	-fno-strict-aliasing -O2 -g $(GR_WARN) -MD -MP
# lib/c itself: no builtins (memcpy must not compile into a call to memcpy).
GR_IS_CLANG := $(findstring clang,$(shell $(UCC) --version))
GR_LIBC_CFLAGS := $(GR_CFLAGS) -fno-builtin $(if $(GR_IS_CLANG),,-fno-tree-loop-distribute-patterns)
GR_LDFLAGS := -static -nostdlib -fno-pie $(if $(GR_IS_CLANG),,-no-pie) -Wl,-z,max-page-size=4096 \
	-Wl,-z,noexecstack -Wl,-z,noseparate-code -Wl,--build-id=none
GR_LIBGCC := $(shell $(UCC) -print-libgcc-file-name)

GR_LIBC_SRCS := $(filter-out lib/c/test/%,$(shell find lib/c -name '*.c' -o -name '*.S'))
GR_LIBC_OBJS := $(patsubst lib/c/%,$(GR_OBJ)/libc/%.o,$(basename $(filter-out %/crt0.S,$(GR_LIBC_SRCS))))
# stat and readdir decode 9P stat entries with lib/9p's codec, built into libc.
GR_LIBC_OBJS += $(GR_OBJ)/libc/9p/fcall.o

GR_CMDS := $(sort $(patsubst cmd/%/,%,$(dir $(wildcard cmd/*/*.c))))
GR_TESTS := $(sort $(basename $(notdir $(wildcard tests/guest/*.c))))
GR_HELPERS := $(sort $(basename $(notdir $(wildcard tests/guest/helper/*.c))))
GR_BENCHES := $(sort $(basename $(notdir $(wildcard bench/guest/*.c))))
GR_BINS := $(GR_CMDS:%=$(GR_ROOT)/bin/%) $(GR_TESTS:%=$(GR_ROOT)/bin/test/%) \
	$(GR_BENCHES:%=$(GR_ROOT)/bin/bench/%) $(GR_HELPERS:%=$(GR_ROOT)/bin/test/helper/%)

# The 9P file servers of sys/ that run in Gremlin become /bin/<server>: their
# *.c but tests, fuzzers and benchmarks, plus lib/9p's server loop (the
# codec is already in libc). init mounts ramfs on /tmp and /writable,
# devfs after '#c' on /dev and tarfs (serving '#braw/archive') on /base.
# GR_SRVSKIP are host-only files: devfs's
# loop.c needs poll(), so sys/devfs/gremlin/loop.c (reader processes)
# replaces it, and devfs hashes with lib/crypto.
GR_SRVS := ramfs devfs tarfs
GR_SRVSKIP := sys/devfs/loop.c
GR_BINS += $(GR_SRVS:%=$(GR_ROOT)/bin/%)

# Snaps (docs/sdk.md): every apps/<name>/manifest.toml becomes the image's
# apps/<name>/manifest.toml, and apps/<name>/*.c, if there are any, link
# like a cmd/ program into apps/<name>/bin/<name>. The test snaps of
# tests/apps/<name>/ go to the same place (at run time /apps/<name>, where
# snaprun finds them); a name may not be both. system/config.toml is the
# default configuration, the image's system/config.toml.
GR_APPS := $(sort $(patsubst apps/%/manifest.toml,%,$(wildcard apps/*/manifest.toml)))
GR_TAPPS := $(sort $(patsubst tests/apps/%/manifest.toml,%,$(wildcard tests/apps/*/manifest.toml)))
ifneq ($(filter $(GR_APPS),$(GR_TAPPS)),)
$(error snap $(firstword $(filter $(GR_APPS),$(GR_TAPPS))) is in both apps/ and tests/apps/: rename the test snap)
endif
GR_APPBINS := $(foreach a,$(GR_APPS),$(if $(wildcard apps/$(a)/*.c),$(a)))
GR_TAPPBINS := $(foreach a,$(GR_TAPPS),$(if $(wildcard tests/apps/$(a)/*.c),$(a)))
GR_APPFILES := $(foreach a,$(GR_APPS) $(GR_TAPPS),$(GR_ROOT)/apps/$(a)/manifest.toml) \
	$(foreach a,$(GR_APPBINS) $(GR_TAPPBINS),$(GR_ROOT)/apps/$(a)/bin/$(a)) \
	$(if $(wildcard system/config.toml),$(GR_ROOT)/system/config.toml)

# The portable libraries of lib/ for Gremlin: each lib/<name>/*.c but its
# tests, fuzzers, benchmarks, host commands and GR_LIBSKIP, compiled with
# the Gremlin flags into build/user/lib/lib<name>.a. GR_LIBTESTS are host
# test programs (lib/<name>/<x>_test.c) that need no files and no host
# services; each is compiled unchanged, with tests/guest/hosttest.h
# force-included (it reports the counts the way runtests reads them), and
# becomes /bin/test/lib_<name>_<x>_test. See docs/harness.md.
GR_LIBS := toml json crypto 9p config eth fhe
# Host-only files of the libraries (none today).
GR_LIBSKIP :=
GR_LIBUSES_config := toml
GR_LIBUSES_eth := crypto json
GR_LIBTESTS := toml/toml_test json/json_test crypto/kdf_test 9p/fcall_test \
	config/config_test config/plan_test config/syscalls_test \
	eth/abi_test eth/eip712_test eth/keystore_test eth/tx_test eth/u256_test \
	fhe/arith_test fhe/serial_test fhe/bfv_test fhe/ckks_test
GR_LIBTEST_NAMES := $(foreach t,$(GR_LIBTESTS),lib_$(subst /,_,$(t)))
GR_LIBAS := $(GR_LIBS:%=$(GR_B)/lib/lib%.a)
GR_BINS += $(GR_LIBTEST_NAMES:%=$(GR_ROOT)/bin/test/%)
gr_lib_srcs = $(filter-out $(GR_LIBSKIP) %_test.c %_fuzz.c %_bench.c lib/$(1)/cmd_%.c,$(wildcard lib/$(1)/*.c))
gr_lib_deps = $(GR_B)/lib/lib$(1).a $(foreach u,$(GR_LIBUSES_$(1)),$(GR_B)/lib/lib$(u).a)

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

$(GR_OBJ)/libc/9p/fcall.o: lib/9p/fcall.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_LIBC_CFLAGS) -c -o $@ $<

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
	$(UCC) $(GR_LDFLAGS) -o $@ $(GR_CRT0) $(filter-out $(GR_CRT0),$(filter %.o,$^)) $(GR_LDLIBS) \
		$(GR_LIBC) $(GR_LIBGCC)
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

$(GR_SRVS:%=$(GR_B)/bin/%): $(GR_B)/bin/%: $$(subst .c,.o,$$(subst sys/,$(GR_OBJ)/sys/,$$(filter-out $(GR_SRVSKIP) $$(wildcard sys/$$*/*_test.c sys/$$*/*_fuzz.c sys/$$*/*_bench.c),$$(wildcard sys/$$*/*.c)))) \
		$(GR_OBJ)/lib9p/srv.o $(GR_CRT0) $(GR_LIBC)
	$(gr_link)

# init (the snap supervisor), snaprun (the launcher), snapctl, and the
# config and system commands read configurations and generations with
# lib/config.
GR_CONFIG_USERS := init snaprun snapctl config system
$(GR_CONFIG_USERS:%=$(GR_B)/bin/%): GR_LDLIBS = $(call gr_lib_deps,config)
$(GR_CONFIG_USERS:%=$(GR_B)/bin/%): $(call gr_lib_deps,config)

$(GR_B)/bin/devfs: GR_LDLIBS = $(GR_B)/lib/libcrypto.a
$(GR_B)/bin/devfs: $(GR_OBJ)/sys/devfs/gremlin/loop.o $(GR_B)/lib/libcrypto.a

$(GR_OBJ)/sys/%.o: sys/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -c -o $@ $<

$(GR_OBJ)/lib9p/%.o: lib/9p/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -c -o $@ $<

$(GR_TESTS:%=$(GR_B)/bin/test/%): $(GR_B)/bin/test/%: $(GR_OBJ)/test/%.o $(GR_CRT0) $(GR_LIBC)
	$(gr_link)

$(GR_HELPERS:%=$(GR_B)/bin/test/helper/%): $(GR_B)/bin/test/helper/%: $(GR_OBJ)/helper/%.o $(GR_CRT0) $(GR_LIBC)
	$(gr_link)

$(GR_BENCHES:%=$(GR_B)/bin/bench/%): $(GR_B)/bin/bench/%: $(GR_OBJ)/bench/%.o $(GR_CRT0) $(GR_LIBC)
	$(gr_link)

# Snaps: $(1) is apps or tests/apps, $(2) the snap, $(3) its objects' directory.
$(GR_OBJ)/apps/%.o: apps/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -c -o $@ $<

$(GR_OBJ)/tapps/%.o: tests/apps/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -c -o $@ $<

define gr_app_rules
$(GR_ROOT)/apps/$(2)/manifest.toml: $(1)/$(2)/manifest.toml
	@mkdir -p $$(dir $$@)
	cp $$< $$@
$(if $(wildcard $(1)/$(2)/*.c),
$(GR_B)/apps/$(2)/bin/$(2): $(patsubst $(1)/%.c,$(GR_OBJ)/$(3)/%.o,$(wildcard $(1)/$(2)/*.c)) \
		$(GR_CRT0) $(GR_LIBC)
	$$(gr_link))
endef
$(foreach a,$(GR_APPS),$(eval $(call gr_app_rules,apps,$(a),apps)))
$(foreach a,$(GR_TAPPS),$(eval $(call gr_app_rules,tests/apps,$(a),tapps)))

$(GR_ROOT)/system/config.toml: system/config.toml
	@mkdir -p $(dir $@)
	cp $< $@

# The SDK: tools/gremlin-cc compiles and links programs from outside the tree
# with the flags of these rules, which it reads with `make -s sdk-flags`
# (docs/sdk.md): the Gremlin part of GR_CFLAGS (without the warnings,
# optimisation, debug and dependency flags: those are the user's choice),
# GR_LDFLAGS plus build/user/lib for -l, crt0 and the libraries every
# program links. Relative paths are printed absolute.
GR_SDK_CFLAGS = $(filter-out -std=% -O% -g -MD -MP $(GR_WARN),$(GR_CFLAGS))
gr_abs = $(foreach f,$(1),$(if $(filter /%,$(f)),$(f),$(if $(wildcard $(f)),$(CURDIR)/$(f),$(f))))
.PHONY: sdk-flags
sdk-flags:
	@echo 'cc $(UCC)'
	@echo 'cflags $(call gr_abs,$(GR_SDK_CFLAGS))'
	@echo 'ldflags $(GR_LDFLAGS) -L$(CURDIR)/$(GR_B)/lib'
	@echo 'crt0 $(CURDIR)/$(GR_CRT0)'
	@echo 'libs $(CURDIR)/$(GR_LIBC) $(GR_LIBGCC)'

$(GR_OBJ)/lib/%.o: lib/%.c $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) -I $(GR_B)/gen -c -o $@ $<

$(GR_OBJ)/lib/eth/secp.o: $(GR_B)/gen/secp256k1.h $(GR_B)/gen/secp256k1_recovery.h
$(GR_B)/gen/secp256k1_recovery.h: /usr/include/secp256k1_recovery.h
	@mkdir -p $(dir $@)
	ln -sf $< $@

# Archived under a private name and renamed, so a concurrent build never
# links a half-written archive.
$(GR_LIBAS):
	@mkdir -p $(dir $@)
	rm -f $@.$$$$ && $(AR) rcs $@.$$$$ $^ && mv $@.$$$$ $@

# gcc -O2 sees uninitialised reads in host tests (malloc'd arrays filled in
# a loop) that -O1 on the host does not.
GR_LIBTEST_CFLAGS := $(if $(GR_IS_CLANG),,-Wno-maybe-uninitialized)
# The guest has 64 MiB: lib/fhe's BFV and CKKS tests stop at N = 8192 there.
$(GR_OBJ)/libtest/fhe/bfv_test.o $(GR_OBJ)/libtest/fhe/ckks_test.o: \
	GR_LIBTEST_CFLAGS += -DFHE_TEST_MAX_LOGN=13
$(GR_OBJ)/libtest/%.o: lib/%.c tests/guest/hosttest.h $(GR_STAMP)
	@mkdir -p $(dir $@)
	$(UCC) $(GR_CFLAGS) $(GR_LIBTEST_CFLAGS) -include tests/guest/hosttest.h -c -o $@ $<

define gr_lib_rules
$(GR_B)/lib/lib$(1).a: $(patsubst lib/%.c,$(GR_OBJ)/lib/%.o,$(call gr_lib_srcs,$(1)))
endef
$(foreach l,$(GR_LIBS),$(eval $(call gr_lib_rules,$(l))))

define gr_libtest_rules
$(GR_B)/bin/test/lib_$(subst /,_,$(1)): GR_LDLIBS = $(call gr_lib_deps,$(firstword $(subst /, ,$(1)))) \
	$(if $(filter eth/%,$(1)),$$(GR_SECP_A))
$(GR_B)/bin/test/lib_$(subst /,_,$(1)): $(GR_OBJ)/libtest/$(1).o $(call gr_lib_deps,$(firstword $(subst /, ,$(1)))) \
		$(GR_CRT0) $(GR_LIBC)
	$$(gr_link)
endef
$(foreach t,$(GR_LIBTESTS),$(eval $(call gr_libtest_rules,$(t))))

# A test of tests/guest named lib_<name>_test links lib<name>.a (and what
# that uses).
define gr_guestlib_rules
$(GR_B)/bin/test/lib_$(1)_test: GR_LDLIBS = $(call gr_lib_deps,$(1))
$(GR_B)/bin/test/lib_$(1)_test: $(call gr_lib_deps,$(1))
endef
$(foreach l,$(GR_LIBS),$(if $(filter lib_$(l)_test,$(GR_TESTS)),$(eval $(call gr_guestlib_rules,$(l)))))

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
	   for t in $(filter-out runtests,$(GR_TESTS)) $(GR_LIBTEST_NAMES); do echo "\"/bin/test/$$t\","; done; } >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(GR_OBJ)/test/runtests.o: $(GR_B)/gen/testlist.h

# Debian's libsecp256k1.a (built against glibc) linked into a Gremlin test
# program, whose expected public key and signature the host's copy of the
# library computes at build time (tests/guest/secp/expect.c).
GR_SECP_A := /usr/lib/x86_64-linux-gnu/libsecp256k1.a
$(GR_B)/bin/test/secp256k1_test: GR_LDLIBS := $(GR_SECP_A)
$(GR_B)/bin/test/secp256k1_test: $(GR_SECP_A)
$(GR_OBJ)/test/secp256k1_test.o: $(GR_B)/gen/secp_expected.h $(GR_B)/gen/secp256k1.h
$(GR_B)/gen/secp256k1.h: /usr/include/secp256k1.h
	@mkdir -p $(dir $@)
	ln -sf $< $@
$(GR_B)/gen/secp_expected.h: tests/guest/secp/expect.c tests/guest/secp/input.h
	@mkdir -p $(dir $@) $(GR_B)/host
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -I tests/guest -o $(GR_B)/host/secp_expect $< -lsecp256k1
	$(GR_B)/host/secp_expect >$@.tmp
	mv $@.tmp $@

# The base image: a ustar archive, deterministic (sorted names, fixed
# mtime and owner), member names without "./" (bin/init); see tools/mkimage.
# The manual (docs/man) goes to /man, with the index help(1) reads: the
# .Nd lines of the pages of the commands in /bin (cmd/help/mkwhatis.sh).
GR_MANS := $(wildcard docs/man/*.[1-9])
GR_MANDEST := $(GR_MANS:docs/man/%=$(GR_ROOT)/man/%) $(GR_ROOT)/man/whatis
$(GR_ROOT)/man/%: docs/man/%
	@mkdir -p $(dir $@)
	cp $< $@
$(GR_ROOT)/man/whatis: $(GR_MANS) cmd/help/mkwhatis.sh
	@mkdir -p $(dir $@)
	sh cmd/help/mkwhatis.sh $(foreach c,$(GR_CMDS),$(wildcard docs/man/$(c).[1-9])) >$@

build/base.tar: $(GR_BINS) $(GR_APPFILES) $(GR_MANDEST) $(if $(GR_TESTS),$(GR_BADELF)) tools/mkimage FORCE
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
GR_HTESTS := $(GR_HT)/format_test $(GR_HT)/string_test $(GR_HT)/heap_test $(GR_HT)/strtod_test \
	$(GR_HT)/scan_test $(GR_HT)/time_test $(GR_HT)/math_test

$(GR_HT)/format_test: lib/c/test/format_test.c lib/c/stdio/format.c lib/c/stdio/format.h \
		lib/c/stdlib/big.c lib/c/stdlib/big.h
	@mkdir -p $(dir $@)
	$(CC) $(GR_HCFLAGS) -Wno-format -o $@ lib/c/test/format_test.c lib/c/stdio/format.c \
		lib/c/stdlib/big.c

$(GR_HT)/string_test: lib/c/test/string_test.c lib/c/string/string.c lib/c/test/rename.h
	@mkdir -p $(dir $@)
	$(CC) $(GR_HCFLAGS) -include lib/c/test/rename.h -o $@ lib/c/test/string_test.c lib/c/string/string.c

$(GR_HT)/heap_test: lib/c/test/heap_test.c lib/c/stdlib/heap.c lib/c/stdlib/heap.h
	@mkdir -p $(dir $@)
	$(CC) $(GR_HCFLAGS) -o $@ lib/c/test/heap_test.c lib/c/stdlib/heap.c

$(GR_HT)/strtod_test: lib/c/test/strtod_test.c lib/c/stdlib/strtod.c lib/c/stdlib/big.c \
		lib/c/stdlib/big.h
	@mkdir -p $(dir $@)
	$(CC) $(GR_HCFLAGS) -Dstrtod=gr_strtod -Dstrtof=gr_strtof -Dstrtold=gr_strtold -Datof=gr_atof \
		-c -o $@.o lib/c/stdlib/strtod.c
	$(CC) $(GR_HCFLAGS) -o $@ lib/c/test/strtod_test.c $@.o lib/c/stdlib/big.c -lm

$(GR_HT)/scan_test: lib/c/test/scan_test.c lib/c/stdio/scan.c lib/c/stdio/scan.h
	@mkdir -p $(dir $@)
	$(CC) $(GR_HCFLAGS) -Wno-format -o $@ lib/c/test/scan_test.c lib/c/stdio/scan.c

$(GR_HT)/time_test: lib/c/test/time_test.c lib/c/time/tm.c
	@mkdir -p $(dir $@)
	$(CC) $(GR_HCFLAGS) -Dgmtime_r=gr_gmtime_r -Dgmtime=gr_gmtime -Dlocaltime_r=gr_localtime_r \
		-Dlocaltime=gr_localtime -Dtimegm=gr_timegm -Dmktime=gr_mktime -Ddifftime=gr_difftime \
		-Dstrftime=gr_strftime -Dasctime=gr_asctime -Dctime=gr_ctime -Wno-format-nonliteral \
		-c -o $@.o lib/c/time/tm.c
	$(CC) $(GR_HCFLAGS) -Wno-format -o $@ lib/c/test/time_test.c $@.o

GR_MATHFNS := fabs floor ceil trunc round modf sqrt sqrtf ldexp frexp fmod exp log log2 log10 pow
$(GR_HT)/math_test: lib/c/test/math_test.c lib/c/math/math.c
	@mkdir -p $(dir $@)
	@mkdir -p $(GR_HT)/mathinc && ln -sf $(CURDIR)/lib/c/include/math.h $(GR_HT)/mathinc/math.h
	$(CC) $(GR_HCFLAGS) -I $(GR_HT)/mathinc $(foreach f,$(GR_MATHFNS),-D$(f)=gr_$(f)) -c -o $@.o \
		lib/c/math/math.c
	$(CC) $(GR_HCFLAGS) -o $@ lib/c/test/math_test.c $@.o -lm

# Host benchmark of the float conversions against glibc's (optimised, no
# sanitizers): make libc-bench.
GR_HB := build/host/bin
$(GR_HB)/libc_conv_bench: lib/c/test/conv_bench.c lib/c/stdio/format.c lib/c/stdlib/strtod.c \
		lib/c/stdlib/big.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_DEFAULT_SOURCE -I lib $(GR_WARN) -O2 -Dstrtod=gr_strtod -Dstrtof=gr_strtof \
		-Dstrtold=gr_strtold -Datof=gr_atof -c -o $@.strtod.o lib/c/stdlib/strtod.c
	$(CC) -std=c11 -D_DEFAULT_SOURCE -I lib $(GR_WARN) -O2 -Wno-format -o $@ \
		lib/c/test/conv_bench.c lib/c/stdio/format.c lib/c/stdlib/big.c $@.strtod.o

.PHONY: libc-bench
libc-bench: $(GR_HB)/libc_conv_bench
	@$(GR_HB)/libc_conv_bench

libc-test: $(GR_HTESTS)
	@rc=0; for t in $(GR_HTESTS); do $$t || rc=1; done; exit $$rc

# Files only: a snap's object directory may be named like one (tor.d).
-include $(shell find $(GR_OBJ) -type f -name '*.d' 2>/dev/null)
