// cmd/ls/ls.c: list files and directories, one name a line, sorted by name
// (byte order). -l: long form, -a: names starting with '.' too, -d:
// directories themselves, not their contents, -1: one a line (always so).
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { LONG = 1, ALL = 2, DIRSELF = 4 };

struct name {
	char *name; // as shown
	char *path; // for stat
	struct stat st;
};

static int
byname(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->name, ((const struct name *)b)->name);
}

static void
sortnames(struct name *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, byname);
}

// Year, month and day of a count of days since 1970-01-01 (the proleptic
// Gregorian calendar, counted in 400-year eras of 146097 days).
static void
civil(long long days, int *y, int *m, int *d)
{
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

// "drwxr-xr-x" for a mode.
static void
modestr(mode_t m, char *s)
{
	static const char rwx[] = "rwxrwxrwx";

	s[0] = S_ISDIR(m)    ? 'd'
	       : S_ISLNK(m)  ? 'l'
	       : S_ISCHR(m)  ? 'c'
	       : S_ISBLK(m)  ? 'b'
	       : S_ISFIFO(m) ? 'p'
	       : S_ISSOCK(m) ? 's'
	                     : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = m & (0400 >> i) ? rwx[i] : '-';
	s[10] = '\0';
}

// Print one entry.
static void
show(const struct name *n, int flags)
{
	char mode[11];
	long long t = (long long)n->st.st_mtime, days = t / 86400, secs = t % 86400;
	int y, mo, d;

	if (!(flags & LONG)) {
		puts(n->name);
		return;
	}
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil(days, &y, &mo, &d);
	modestr(n->st.st_mode, mode);
	printf("%s %3lu %4lu %4lu %8lld %04d-%02d-%02d %02d:%02d %s\n", mode,
	       (unsigned long)n->st.st_nlink, (unsigned long)n->st.st_uid,
	       (unsigned long)n->st.st_gid, (long long)n->st.st_size, y, mo, d, (int)(secs / 3600),
	       (int)(secs / 60 % 60), n->name);
}

// Append a name to a growing array. Returns 0 or -1 (out of memory).
static int
add(struct name **v, size_t *n, size_t *cap, const char *name, const char *path)
{
	struct name *bigger;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		bigger = realloc(*v, *cap * sizeof **v);
		if (!bigger)
			return -1;
		*v = bigger;
	}
	(*v)[*n].name = strdup(name);
	(*v)[*n].path = strdup(path);
	if (!(*v)[*n].name || !(*v)[*n].path) {
		free((*v)[*n].name);
		free((*v)[*n].path);
		return -1;
	}
	(*n)++;
	return 0;
}

static void
freeall(struct name *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
	}
	free(v);
}

// List a directory's entries. Returns 0 or 1.
static int
listdir(const char *dir, int flags)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct name *v = NULL;
	size_t n = 0, cap = 0;
	char path[4096];
	int rc = 0;

	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && !(flags & ALL))
			continue;
		snprintf(path, sizeof path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
		         e->d_name);
		if (add(&v, &n, &cap, e->d_name, path) < 0) {
			fprintf(stderr, "ls: %s: out of memory\n", dir);
			rc = 1;
			break;
		}
	}
	closedir(d);
	sortnames(v, n);
	for (size_t i = 0; i < n; i++) {
		if ((flags & LONG) && lstat(v[i].path, &v[i].st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", v[i].path, strerror(errno));
			rc = 1;
			continue;
		}
		show(&v[i], flags);
	}
	freeall(v, n);
	return rc;
}

// Parse the flags; returns the index of the first operand, or -1.
static int
parse(int argc, char **argv, int *flags)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		for (const char *f = argv[i] + 1; *f; f++) {
			if (*f == 'l')
				*flags |= LONG;
			else if (*f == 'a')
				*flags |= ALL;
			else if (*f == 'd')
				*flags |= DIRSELF;
			else if (*f != '1') {
				fprintf(stderr,
				        "ls: unknown flag -%c\nusage: ls [-1adl] [file ...]\n", *f);
				return -1;
			}
		}
	}
	return i;
}

int
main(int argc, char **argv)
{
	struct name *files = NULL, *dirs = NULL;
	size_t nf = 0, nd = 0, capf = 0, capd = 0;
	int flags = 0, rc = 0, i = parse(argc, argv, &flags), many;
	char *dot[] = {".", NULL};
	char **ops = i == argc ? dot : argv + i;

	if (i < 0)
		return 2;
	many = argc - i > 1;
	for (; *ops; ops++) {
		struct stat st;
		int isdir;

		if (lstat(*ops, &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", *ops, strerror(errno));
			rc = 2; // As in GNU ls: a named file is missing.
			continue;
		}
		isdir = S_ISDIR(st.st_mode) && !(flags & DIRSELF);
		if (add(isdir ? &dirs : &files, isdir ? &nd : &nf, isdir ? &capd : &capf, *ops,
		        *ops) < 0) {
			fprintf(stderr, "ls: out of memory\n");
			return 1;
		}
		(isdir ? &dirs[nd - 1] : &files[nf - 1])->st = st;
	}
	sortnames(files, nf);
	sortnames(dirs, nd);
	for (size_t k = 0; k < nf; k++)
		show(&files[k], flags);
	for (size_t k = 0; k < nd; k++) {
		if (many)
			printf("%s%s:\n", nf > 0 || k > 0 ? "\n" : "", dirs[k].name);
		if (listdir(dirs[k].path, flags) != 0 && rc == 0)
			rc = 1;
	}
	freeall(files, nf);
	freeall(dirs, nd);
	return fflush(stdout) == 0 ? rc : 1;
}
