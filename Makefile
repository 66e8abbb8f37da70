# Gremlin OS: top-level build. `make run` boots Gremlin in QEMU on this
# terminal; `make test` runs every test and ends with "N passed, N failed";
# `make bench` prints one "bench ..." line per figure (DESIGN section 9).
#
# The kernel, image and QEMU targets (kernel, image, run, debug, iso) live in
# mk/gremlin.mk; each portable library builds with its own lib/<name>/Makefile
# and each user-space server with sys/<name>/Makefile (rules in mk/lib.mk).

LIBS := $(patsubst lib/%/Makefile,%,$(wildcard lib/*/Makefile))

.PHONY: all host test bench fuzz deps clean

all: host

deps:
	@tools/deps

# Host builds of every library, server and host command (build/host/bin).
host:
	@for l in $(LIBS); do $(MAKE) -s -C lib/$$l all MODE=opt || exit 1; done
	@$(MAKE) -s -C sys host

test: deps
	@tools/runtests

bench: deps
	@DEPS_BENCH=1 tools/deps
	@tools/runbench

fuzz:
	@rc=0; for l in $(LIBS); do $(MAKE) -s -C lib/$$l fuzz || rc=1; done; \
	$(MAKE) -s -C sys fuzz || rc=1; exit $$rc

clean:
	rm -rf build

-include mk/gremlin.mk
