# mk/kernel.mk: build the Gremlin kernel and its tests. Run from the
# repository root (mk/gremlin.mk includes this file; alone:
# `make -f mk/kernel.mk kernel`). Variables are K_-prefixed so the includer's
# names stay free.
#
#   kernel        build/kernel/gremlin.elf (ELF64 with symbols: GRUB, gdb) and
#                 build/kernel/gremlin.mb (the same as elf32-i386 for QEMU -kernel)
#   kernel-unit   host unit tests (ASan+UBSan, TAP) of the page allocator, the
#                 VMA list, the ELF checker, the ustar reader, the formatter
#                 and path cleaning
#   kernel-smoke  boot the kernel in QEMU with kernel/test/smoke.c as /bin/init;
#                 prints TAP and fails unless every check passed
#
# The kernel is linked twice: the first link gives `nm` the text addresses
# for the symbol table (build/kernel/ksymtab.c) that the second link embeds
# for symbolised backtraces. The table sits after .text, so text addresses
# are the same in both links.

K_B := build/kernel
K_CC ?= $(CC)
K_LD ?= ld
K_OBJCOPY ?= objcopy
K_QEMU ?= qemu-system-x86_64

K_WARN := -Wall -Wextra -Werror -Wshadow -Wvla -Wstrict-prototypes -Wmissing-prototypes
K_CFLAGS := -std=c11 -O2 -g -ffreestanding -fno-pie -fno-pic -mcmodel=kernel -mno-red-zone \
	-mno-sse -mno-sse2 -mno-mmx -mno-80387 -fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-common -nostdlib $(K_WARN) \
	-Ikernel -Ikernel/include -Ilib -MMD -MP

# The kernel also links lib/9p's freestanding codec (stat entries, 9P).
K_SRCS := $(filter-out %_test.c kernel/test/%,$(shell find kernel -name '*.c' -o -name '*.S'))
K_OBJS := $(patsubst kernel/%,$(K_B)/obj/%.o,$(K_SRCS)) $(K_B)/obj/lib9p/fcall.c.o
K_LDS := kernel/arch/x86_64/kernel.ld

.PHONY: kernel kernel-unit kernel-smoke kernel-clean

kernel: $(K_B)/gremlin.elf $(K_B)/gremlin.mb

$(K_B)/obj/%.c.o: kernel/%.c
	@mkdir -p $(dir $@)
	$(K_CC) $(K_CFLAGS) -c $< -o $@

$(K_B)/obj/lib9p/%.c.o: lib/9p/%.c
	@mkdir -p $(dir $@)
	$(K_CC) $(K_CFLAGS) -c $< -o $@

$(K_B)/obj/%.S.o: kernel/%.S
	@mkdir -p $(dir $@)
	$(K_CC) $(K_CFLAGS) -c $< -o $@

$(K_B)/ksymtab0.c:
	@mkdir -p $(dir $@)
	printf '%s\n' '#include <stdint.h>' 'struct ksym { uint64_t addr; const char *name; };' \
		'const struct ksym ksymtab[1];' 'const uint64_t nksyms = 0;' > $@

$(K_B)/%.o: $(K_B)/%.c
	$(K_CC) $(K_CFLAGS) -c $< -o $@

$(K_B)/gremlin.0.elf: $(K_OBJS) $(K_B)/ksymtab0.o $(K_LDS)
	$(K_LD) -n -z max-page-size=4096 --no-warn-rwx-segments -T $(K_LDS) -o $@ $(K_OBJS) $(K_B)/ksymtab0.o

$(K_B)/ksymtab.c: $(K_B)/gremlin.0.elf
	nm -n $< | awk 'BEGIN { print "#include <stdint.h>"; \
		print "struct ksym { uint64_t addr; const char *name; };"; \
		print "const struct ksym ksymtab[] = {" } \
		$$2 ~ /^[tT]$$/ { n++; print "\t{0x" $$1 "ULL, \"" $$3 "\"}," } \
		END { print "\t{0, 0}};"; print "const uint64_t nksyms = " n ";" }' > $@

$(K_B)/gremlin.elf: $(K_OBJS) $(K_B)/ksymtab.o $(K_LDS)
	$(K_LD) -n -z max-page-size=4096 --no-warn-rwx-segments -T $(K_LDS) -o $@ $(K_OBJS) $(K_B)/ksymtab.o
	@nm $(K_B)/gremlin.0.elf | grep ' [tT] ' > $(K_B)/text0.sym
	@nm $@ | grep ' [tT] ' > $(K_B)/text1.sym
	@cmp -s $(K_B)/text0.sym $(K_B)/text1.sym || { echo "kernel: text moved between links"; exit 1; }

$(K_B)/gremlin.mb: $(K_B)/gremlin.elf
	$(K_OBJCOPY) -O elf32-i386 $< $@

# Host unit tests of the pure kernel code.
K_HOSTFLAGS := -std=c11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer $(K_WARN) -Ikernel -Ikernel/include -Ilib
K_UNITS := page vma elf tar fmt name chacha sysnames
K_UNIT_name := kernel/ns/name_test.c kernel/ns/name.c
K_UNIT_page := kernel/mm/page_test.c kernel/mm/page.c
K_UNIT_vma := kernel/mm/vma_test.c kernel/mm/vma.c
K_UNIT_fmt := kernel/lib/fmt_test.c kernel/lib/fmt.c
K_UNIT_chacha := kernel/lib/chacha_test.c kernel/lib/chacha.c
K_UNIT_elf := kernel/proc/elf_test.c kernel/proc/elf.c kernel/lib/fmt.c
K_UNIT_tar := kernel/lib/tar_test.c kernel/lib/tar.c kernel/lib/fmt.c
K_UNIT_sysnames := kernel/sys/sysnames_test.c kernel/sys/sysnames.c lib/config/syscalls.c

$(K_B)/unit/%_test: FORCE_K
	@mkdir -p $(dir $@)
	@$(CC) $(K_HOSTFLAGS) -o $@ $(K_UNIT_$*)

kernel-unit: $(foreach u,$(K_UNITS),$(K_B)/unit/$(u)_test)
	@rc=0; for u in $(K_UNITS); do $(K_B)/unit/$${u}_test || rc=1; done; exit $$rc

.PHONY: FORCE_K
FORCE_K:

# The smoke test: a raw-syscall static program booted as /bin/init.
K_USERFLAGS := -std=c11 -O1 -g -static -nostdlib -ffreestanding -fno-pie -no-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -Wall -Wextra -Werror \
	-Ikernel/include -Wl,--build-id=none $(if $(findstring clang,$(CC)),-Wno-unused-command-line-argument)

$(K_B)/smoke/bin/init: kernel/test/smoke.c kernel/include/abi/syscall.h
	@mkdir -p $(dir $@)
	$(CC) $(K_USERFLAGS) -o $@ $<
	cp $@ $(K_B)/smoke/bin/child

$(K_B)/smoke.tar: $(K_B)/smoke/bin/init
	printf 'not an elf\n' > $(K_B)/smoke/bin/bad
	cd $(K_B)/smoke && tar --format=ustar -cf ../smoke.tar bin

kernel-smoke: kernel $(K_B)/smoke.tar
	@kernel/test/smoke.sh $(K_B)/gremlin.mb $(K_B)/smoke.tar $(K_B)/smoke.log $(K_QEMU)

kernel-clean:
	rm -rf $(K_B)

-include $(K_OBJS:.o=.d)
