#!/bin/bash
# lib/fhe/portable_test.sh: runs the BFV and CKKS tests again with
# FHE_NO_AVX512 set, so that the portable NTT (the one Gremlin under QEMU and
# processors without AVX-512 use) is tested end to end too. TAP.
set -u -o pipefail
OBJ=${BIN:?BIN must name the directory of the host commands}/../obj/fhe
rc=0
for t in bfv_test ckks_test; do
	if [ ! -x "$OBJ/$t" ]; then
		echo "not ok 1 - $OBJ/$t is not built"
		rc=1
		continue
	fi
	echo "# $t with the portable NTT"
	FHE_NO_AVX512=1 "$OBJ/$t" | sed 's/^\(\(not \)\{0,1\}ok [0-9]* - \)/\1portable: /' || rc=1
done
exit $rc
