#!/bin/bash
# lib/toml/toml_test.sh: every toml-test 1.0.0 case ($VECTORS/toml-test)
# through toml-decode, one TAP line per case (see toml_compare.py).
set -eu
exec python3 "$GREMLIN_TOP/lib/toml/toml_compare.py" "$BIN/toml-decode" "$VECTORS/toml-test"
