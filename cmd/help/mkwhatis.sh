#!/bin/sh
# cmd/help/mkwhatis.sh: build the index help(1) reads, /man/whatis, from
# mdoc pages: one line per page, NAME<TAB>SECTION<TAB>DESCRIPTION, the
# description being the page's .Nd line. Run by mk/gremlin.mk:
#   sh cmd/help/mkwhatis.sh docs/man/*.1 docs/man/*.8 > whatis
set -e
for f in "$@"; do
	base=${f##*/}
	name=${base%.*}
	sec=${base##*.}
	desc=$(sed -n 's/^\.Nd[ 	]*//p' "$f" | head -n 1 | sed 's/\\-/-/g; s/\\&//g; s/\\e/\\/g')
	if [ -z "$desc" ]; then
		echo "mkwhatis: $f: no .Nd line (the one-line description)" >&2
		exit 1
	fi
	printf '%s\t%s\t%s\n' "$name" "$sec" "$desc"
done
