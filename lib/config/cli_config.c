// lib/config/cli_config.c: the `config` command (cli.h), on the host and
// on Gremlin:
//   config check FILE [--apps DIR]            a config.toml (and, with
//       --apps, every DIR/NAME/manifest.toml, and the config's snaps
//       against them)
//   config check --manifest FILE [--name NAME] one snap's manifest.toml,
//       alone (FILE named manifest.toml is one even without --manifest)
// Every problem is printed as FILE:LINE:COL: ...; the status is 1 if there
// was any.
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/cli.h"
#include "config/config.h"

static int
usage(void)
{
	fprintf(stderr, "usage: config check FILE [--apps DIR]\n"
	                "       config check --manifest FILE [--name NAME]\n");
	return 2;
}

// Read a whole file; NULL (and a problem) if it cannot be read.
static char *
slurp(const char *path, size_t *len, struct config_problems *pr)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0, r;
	char *buf = NULL, *p;

	if (f == NULL) {
		config_problem(pr, path, 0, 0, "cannot open the file");
		return NULL;
	}
	for (;;) {
		p = realloc(buf, cap);
		if (p == NULL)
			break;
		buf = p;
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (n < cap)
			break;
		cap *= 2;
	}
	if (p == NULL || ferror(f)) {
		config_problem(pr, path, 0, 0, "cannot read the file");
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

// Validate DIR/NAME/manifest.toml for every directory NAME in DIR; the
// names with a manifest go into *known.
static void
check_apps(const char *dir, struct config_strlist *known, struct config_problems *pr)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	if (d == NULL) {
		config_problem(pr, dir, 0, 0, "cannot open the apps directory");
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char **v;

		if (e->d_name[0] == '.' || (v = realloc(names, (n + 1) * sizeof *v)) == NULL)
			continue;
		names = v;
		if ((names[n] = strdup(e->d_name)) != NULL)
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	known->v = calloc(n ? n : 1, sizeof *known->v);
	for (size_t i = 0; i < n && known->v != NULL; i++) {
		char path[4096];
		struct stat st;
		struct config_snap m;
		size_t len;
		char *buf;

		snprintf(path, sizeof path, "%s/%s/manifest.toml", dir, names[i]);
		if (stat(path, &st) != 0) {
			free(names[i]);
			continue;
		}
		buf = slurp(path, &len, pr);
		if (buf != NULL) {
			manifest_parse(path, buf, len, names[i], &m, pr);
			config_snap_free(&m);
			free(buf);
		}
		known->v[known->n++] = names[i];
	}
	free(names);
}

// With --apps, a [snaps.NAME] table overrides a manifest, so the manifest
// must exist, unless the table gives the snap's own path.
static void
check_overrides(const char *file, const char *dir, const struct config *c,
                const struct config_strlist *known, struct config_problems *pr)
{
	for (size_t i = 0; i < c->nsnaps; i++) {
		const struct config_snap *s = &c->snaps[i];
		size_t j;

		for (j = 0; j < known->n && strcmp(known->v[j], s->name) != 0; j++)
			;
		if (j == known->n && s->path == NULL)
			config_problem(pr, file, s->line, s->col,
			               "snap \"%s\" has no %s/%s/manifest.toml and no path",
			               s->name, dir, s->name);
	}
}

struct args {
	const char *file, *apps, *name;
	int manifest;
};

// check FILE, --apps DIR, --manifest, --name NAME, in any order. A FILE
// called manifest.toml is a manifest. 0, or -1 for a usage error.
static int
parse_args(int argc, char **argv, struct args *a)
{
	const char *base;

	*a = (struct args){NULL, NULL, NULL, 0};
	if (argc < 2 || strcmp(argv[1], "check") != 0)
		return -1;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--manifest") == 0)
			a->manifest = 1;
		else if (strcmp(argv[i], "--apps") == 0 && i + 1 < argc && a->apps == NULL)
			a->apps = argv[++i];
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc && a->name == NULL)
			a->name = argv[++i];
		else if (argv[i][0] == '-' || a->file != NULL)
			return -1;
		else
			a->file = argv[i];
	}
	if (a->file == NULL)
		return -1;
	base = strrchr(a->file, '/');
	if (strcmp(base != NULL ? base + 1 : a->file, "manifest.toml") == 0)
		a->manifest = 1;
	if (a->manifest ? a->apps != NULL : a->name != NULL)
		return -1;
	return 0;
}

// A lone manifest: every key, and (with --name) its name.
static void
check_manifest(const struct args *a, struct config_problems *pr)
{
	struct config_snap m;
	size_t len;
	char *buf = slurp(a->file, &len, pr);

	if (buf == NULL)
		return;
	manifest_parse(a->file, buf, len, a->name, &m, pr);
	config_snap_free(&m);
	free(buf);
}

// A config.toml, and with --apps the manifests it is checked against.
static void
check_config(const struct args *a, struct config_problems *pr)
{
	struct config_strlist known = {0};
	struct config c;
	size_t len;
	char *buf;

	if (a->apps != NULL)
		check_apps(a->apps, &known, pr);
	buf = slurp(a->file, &len, pr);
	if (buf != NULL) {
		config_parse(a->file, buf, len, &c, a->apps != NULL ? &known : NULL, pr);
		if (a->apps != NULL)
			check_overrides(a->file, a->apps, &c, &known, pr);
		config_free(&c);
		free(buf);
	}
	config_strlist_free(&known);
	if (a->apps == NULL)
		fprintf(stderr, "config: boot_snaps not checked against the snaps' manifests "
		                "(give --apps DIR)\n");
}

int
config_cli(int argc, char **argv)
{
	struct config_problems pr = {0};
	struct args a;
	size_t n;

	if (parse_args(argc, argv, &a) < 0)
		return usage();
	if (a.manifest)
		check_manifest(&a, &pr);
	else
		check_config(&a, &pr);
	config_problems_sort(&pr);
	for (size_t i = 0; i < pr.n; i++) {
		if (pr.v[i].line == 0)
			printf("%s: %s\n", pr.v[i].file, pr.v[i].msg);
		else
			printf("%s:%u:%u: %s\n", pr.v[i].file, (unsigned)pr.v[i].line,
			       (unsigned)pr.v[i].col, pr.v[i].msg);
	}
	if (pr.n == 0)
		printf("%s: ok\n", a.file);
	else
		fprintf(stderr, "config: %zu problem%s\n", pr.n, pr.n == 1 ? "" : "s");
	n = pr.n;
	config_problems_free(&pr);
	return n == 0 ? 0 : 1;
}
