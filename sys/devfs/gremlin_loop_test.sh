#!/bin/bash
# sys/devfs/gremlin_loop_test.sh: the Gremlin event loop (gremlin/loop.c,
# reader processes, no poll) on the host: devfs_test.c's 71 checks built
# against it instead of loop.c, with ASan and UBSan. Run from the
# repository root (mk/lib.mk does that) after the host libraries are built.
set -u
out=build/host/asan/obj/devfs/gremlin_loop_test
lib=build/host/asan/lib
mkdir -p "$(dirname "$out")"
if ! ${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -I lib -I sys/devfs -O1 -g \
	-Wall -Wextra -Werror -Wshadow -Wvla -Wstrict-prototypes -Wmissing-prototypes \
	-fsanitize=address,undefined -fno-sanitize-recover=all -o "$out" \
	sys/devfs/devfs_test.c sys/devfs/devfs.c sys/devfs/gremlin/loop.c sys/devfs/rng.c \
	sys/devfs/chacha.c sys/devfs/entropy.c sys/devfs/entropy_os.c sys/devfs/entropy_x86.c \
	"$lib/lib9p.a" "$lib/libcrypto.a" -lpthread -lm; then
	echo "not ok 1 - build devfs_test.c with gremlin/loop.c"
	echo "1..1"
	exit 1
fi
exec "$out"
