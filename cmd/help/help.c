// cmd/help/help.c: list the commands with their one-line descriptions, or
// describe the named ones. It reads the whatis index the image build makes
// from the manual pages' .Nd lines (cmd/help/mkwhatis.sh): lines of
// NAME<TAB>SECTION<TAB>DESCRIPTION in $MANPATH's first directory (default
// /man), so the list is always the pages' own words.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	char *name, *sec, *desc;
};

// Split a whatis line in place. Returns 0, or -1 if it is malformed.
static int
parse(char *line, struct entry *e)
{
	char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;

	if (!t2 || t1 == line || t2 == t1 + 1)
		return -1;
	*t1 = *t2 = '\0';
	line[strcspn(t2 + 1, "\n") + (size_t)(t2 + 1 - line)] = '\0';
	e->name = line;
	e->sec = t1 + 1;
	e->desc = t2 + 1;
	return 0;
}

// Whether e is asked for: any command (sections 1 and 8) when no names are
// given, else one of the names.
static int
wanted(const struct entry *e, int argc, char **argv, int *seen)
{
	if (argc == 1)
		return strcmp(e->sec, "1") == 0 || strcmp(e->sec, "8") == 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], e->name) == 0) {
			seen[i] = 1;
			return 1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *mp = getenv("MANPATH");
	char path[1024], line[512];
	struct entry e;
	int lineno = 0, rc = 0, *seen;
	FILE *f;

	if (!mp || !*mp)
		mp = "/man";
	snprintf(path, sizeof path, "%.*s/whatis", (int)strcspn(mp, ":"), mp);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "help: %s: %s (the index made from the manual pages)\n", path,
		        strerror(errno));
		return 1;
	}
	seen = calloc((size_t)argc, sizeof *seen);
	if (!seen) {
		fclose(f);
		fprintf(stderr, "help: out of memory\n");
		return 1;
	}
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (parse(line, &e) < 0) {
			fprintf(stderr, "help: %s:%d: not NAME<TAB>SECTION<TAB>DESCRIPTION\n", path,
			        lineno);
			rc = 1;
			continue;
		}
		if (wanted(&e, argc, argv, seen))
			printf("%-12s %s\n", e.name, e.desc);
	}
	fclose(f);
	for (int i = 1; i < argc; i++) {
		if (!seen[i]) {
			fprintf(stderr, "help: no command or page called %s\n", argv[i]);
			rc = 1;
		}
	}
	free(seen);
	if (argc == 1)
		printf("\nman NAME shows a command's page.\n");
	return fflush(stdout) == 0 ? rc : 1;
}
