// lib/config/gen_store.c: the generation store on disk (its format is in
// gen.h): numbering, the completion marker and its checksums, loading and
// verifying a generation, the current file, listing, and cleaning up after
// a crash.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/check.h"
#include "config/gen.h"
#include "config/gen_fs.h"

static int efail(struct gen_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
efail(struct gen_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int
gen_number(const char *s, size_t len, uint32_t *n)
{
	uint64_t v = 0;

	if (len == 0 || len > 9 || s[0] == '0')
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > GEN_MAX_NUMBER)
		return -1;
	*n = (uint32_t)v;
	return 0;
}

// Days since 1970-01-01 to a civil date (proleptic Gregorian calendar).
static void
civil(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void
gen_time_format(int64_t t, char out[32])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t sec = t - days * 86400;
	int y, m, d;

	civil(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(out, 32, "(bad time)");
		return;
	}
	snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, (int)(sec / 3600),
	         (int)(sec / 60 % 60), (int)(sec % 60));
}

// FNV-1a, 64 bits: catches a damaged file; it is no defence against
// someone who can write the store.
static uint64_t
fnv1a(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 0x100000001b3u;
	}
	return h;
}

// ROOT/FILE (g == 0), ROOT/generations/G, or ROOT/generations/G/FILE.
static void
path_of(char *out, size_t n, const char *root, uint32_t g, const char *file)
{
	if (file == NULL)
		snprintf(out, n, "%s/generations/%u", root, (unsigned)g);
	else if (g == 0)
		snprintf(out, n, "%s/%s", root, file);
	else
		snprintf(out, n, "%s/generations/%u/%s", root, (unsigned)g, file);
}

// The marker's contents.
struct marker {
	uint32_t n;
	int64_t time;
	uint64_t len[2], hash[2]; // config.toml, resolved
};

static void
marker_format(const struct marker *m, char *out, size_t n)
{
	snprintf(out, n,
	         "%s %d\nnumber %u\ntime %lld\nconfig %llu %016llx\nresolved %llu %016llx\n",
	         GEN_MARKER_MAGIC, GEN_FORMAT_VERSION, (unsigned)m->n, (long long)m->time,
	         (unsigned long long)m->len[0], (unsigned long long)m->hash[0],
	         (unsigned long long)m->len[1], (unsigned long long)m->hash[1]);
}

// Read an unsigned number in base 10 or 16 (exactly 16 digits) at *p.
static int
scan_num(const char **p, int base, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int k = 0;

	for (;; s++, k++) {
		int d = *s >= '0' && *s <= '9'                 ? *s - '0'
		        : base == 16 && *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
		                                               : -1;
		if (d < 0)
			break;
		if (k == 19)
			return -1;
		x = x * (uint64_t)base + (uint64_t)d;
	}
	if (k == 0 || (base == 16 && k != 16) || (base == 10 && k > 1 && **p == '0'))
		return -1;
	*p = s;
	*v = x;
	return 0;
}

static int
scan_word(const char **p, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(*p, w, n) != 0)
		return -1;
	*p += n;
	return 0;
}

// The marker is rewritten by marker_format and compared, so any other
// spelling of the same values is refused too.
static int
marker_parse(const char *buf, size_t len, struct marker *m)
{
	const char *p = buf;
	uint64_t v[6];
	char head[40], again[256];

	snprintf(head, sizeof head, "%s %d\nnumber ", GEN_MARKER_MAGIC, GEN_FORMAT_VERSION);
	if (memchr(buf, '\0', len) != NULL || scan_word(&p, head) < 0 || scan_num(&p, 10, &v[0]) ||
	    scan_word(&p, "\ntime ") || scan_num(&p, 10, &v[1]) || scan_word(&p, "\nconfig ") ||
	    scan_num(&p, 10, &v[2]) || scan_word(&p, " ") || scan_num(&p, 16, &v[3]) ||
	    scan_word(&p, "\nresolved ") || scan_num(&p, 10, &v[4]) || scan_word(&p, " ") ||
	    scan_num(&p, 16, &v[5]) || scan_word(&p, "\n"))
		return -1;
	if (v[0] == 0 || v[0] > GEN_MAX_NUMBER || v[1] > INT64_MAX)
		return -1;
	m->n = (uint32_t)v[0];
	m->time = (int64_t)v[1];
	m->len[0] = v[2];
	m->hash[0] = v[3];
	m->len[1] = v[4];
	m->hash[1] = v[5];
	marker_format(m, again, sizeof again);
	return strlen(again) == len && memcmp(again, buf, len) == 0 ? 0 : -1;
}

int
gen_init(const char *root, struct gen_err *e)
{
	char path[4096];
	int exists;

	if (genfs_mkdir(root, &exists, e->msg, sizeof e->msg) < 0)
		return -1;
	path_of(path, sizeof path, root, 0, "generations");
	return genfs_mkdir(path, &exists, e->msg, sizeof e->msg);
}

// Read one file of generation n, which must be what the marker says.
static char *
read_checked(const char *root, uint32_t n, const char *file, uint64_t len, uint64_t hash,
             size_t *got, struct gen_err *e)
{
	char path[4096], err[600];
	int missing;
	char *buf;

	path_of(path, sizeof path, root, n, file);
	buf = genfs_read(path, GEN_MAX_FILE, got, &missing, err, sizeof err);
	if (buf == NULL) {
		efail(e, "generation %u is corrupt: %s", (unsigned)n, err);
		return NULL;
	}
	if (*got != len || fnv1a(buf, *got) != hash) {
		efail(e,
		      "generation %u is corrupt: %s is %zu bytes with checksum %016llx; its marker "
		      "says %llu bytes, %016llx",
		      (unsigned)n, file, *got, (unsigned long long)fnv1a(buf, *got),
		      (unsigned long long)len, (unsigned long long)hash);
		free(buf);
		return NULL;
	}
	return buf;
}

// Load generation n; its state when it cannot be (with *e saying why).
static enum gen_state
load(const char *root, uint32_t n, struct generation *g, struct gen_err *e)
{
	char path[4096], err[600], *mk, *res;
	struct marker m;
	struct gen_err pe;
	size_t len;
	int missing;

	memset(g, 0, sizeof *g);
	path_of(path, sizeof path, root, n, "complete");
	if ((mk = genfs_read(path, 4096, &len, &missing, err, sizeof err)) == NULL) {
		if (missing && genfs_isdir((path_of(path, sizeof path, root, n, NULL), path)))
			efail(e,
			      "generation %u is incomplete: it has no marker (it was never "
			      "finished)",
			      (unsigned)n);
		else if (missing)
			efail(e, "no generation %u", (unsigned)n);
		else
			efail(e, "generation %u is corrupt: %s", (unsigned)n, err);
		return missing ? GEN_INCOMPLETE : GEN_CORRUPT;
	}
	if (marker_parse(mk, len, &m) < 0 || m.n != n) {
		free(mk);
		efail(e, "generation %u is corrupt: its marker is not a version %d marker for it",
		      (unsigned)n, GEN_FORMAT_VERSION);
		return GEN_CORRUPT;
	}
	free(mk);
	g->config = read_checked(root, n, "config.toml", m.len[0], m.hash[0], &g->config_len, e);
	if (g->config == NULL)
		return GEN_CORRUPT;
	if ((res = read_checked(root, n, "resolved", m.len[1], m.hash[1], &len, e)) == NULL) {
		gen_free(g);
		return GEN_CORRUPT;
	}
	if (resolved_parse(res, len, &g->r, &pe) < 0) {
		free(res);
		gen_free(g);
		efail(e, "generation %u is corrupt: resolved: %s", (unsigned)n, pe.msg);
		return GEN_CORRUPT;
	}
	free(res);
	g->n = n;
	g->time = m.time;
	return GEN_OK;
}

int
gen_load(const char *root, uint32_t n, struct generation *g, struct gen_err *e)
{
	return load(root, n, g, e) == GEN_OK ? 0 : -1;
}

void
gen_free(struct generation *g)
{
	free(g->config);
	resolved_free(&g->r);
	memset(g, 0, sizeof *g);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

// The numbers of the directories in generations/, in increasing order.
static int
numbers(const char *root, uint32_t **v, size_t *n, struct gen_err *e)
{
	char path[4096], **names;
	size_t k;

	*v = NULL;
	*n = 0;
	path_of(path, sizeof path, root, 0, "generations");
	if (genfs_list(path, &names, &k, e->msg, sizeof e->msg) < 0)
		return -1;
	*v = calloc(k ? k : 1, sizeof **v);
	for (size_t i = 0; i < k; i++) {
		uint32_t g;

		if (*v != NULL && gen_number(names[i], strlen(names[i]), &g) == 0)
			(*v)[(*n)++] = g;
		free(names[i]);
	}
	free(names);
	if (*v == NULL)
		return efail(e, "out of memory");
	qsort(*v, *n, sizeof **v, cmp_u32);
	return 0;
}

static char *
summary(const struct resolved *r)
{
	size_t len = 16;
	char *s;

	for (size_t i = 0; i < r->boot_snaps.n; i++)
		len += strlen(r->boot_snaps.v[i]) + 1;
	if ((s = malloc(len)) == NULL)
		return NULL;
	strcpy(s, r->boot_snaps.n == 0 ? "(no boot snaps)" : "");
	for (size_t i = 0; i < r->boot_snaps.n; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, r->boot_snaps.v[i]);
	}
	return s;
}

int
gen_list(const char *root, struct gen_list *l, struct gen_err *e)
{
	uint32_t *v;
	size_t n;

	memset(l, 0, sizeof *l);
	if (numbers(root, &v, &n, e) < 0)
		return -1;
	l->v = calloc(n ? n : 1, sizeof *l->v);
	for (size_t i = 0; i < n && l->v != NULL; i++) {
		struct gen_info *gi = &l->v[l->n++];
		struct generation g;
		struct gen_err why;

		gi->n = v[i];
		gi->state = load(root, v[i], &g, &why);
		gi->time = g.time;
		gi->summary = gi->state == GEN_OK ? summary(&g.r) : dupstr(why.msg);
		gen_free(&g);
	}
	free(v);
	if (l->v == NULL)
		return efail(e, "out of memory");
	return 0;
}

void
gen_list_free(struct gen_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].summary);
	free(l->v);
	memset(l, 0, sizeof *l);
}

// Write one file of a new generation.
static int
put_file(const char *root, uint32_t n, const char *file, const char *buf, size_t len,
         struct gen_err *e)
{
	char path[4096];

	path_of(path, sizeof path, root, n, file);
	return genfs_write_atomic(path, buf, len, 0444, e->msg, sizeof e->msg);
}

int
gen_create(const char *root, const char *config, size_t len, const struct resolved *r, int64_t now,
           uint32_t *np, struct gen_err *e)
{
	struct marker m = {0};
	char path[4096], mk[256], *res;
	uint32_t *v, n;
	size_t k, rlen;
	int rc = -1;

	if (numbers(root, &v, &k, e) < 0)
		return -1;
	n = k == 0 ? 1 : v[k - 1] + 1;
	free(v);
	if (n > GEN_MAX_NUMBER)
		return efail(e, "%s: no generation numbers left", root);
	if (len > GEN_MAX_FILE)
		return efail(e, "the config is larger than %u bytes", GEN_MAX_FILE);
	if ((res = resolved_format(r, &rlen)) == NULL)
		return efail(e, "out of memory");
	path_of(path, sizeof path, root, n, NULL);
	if (genfs_mkdir(path, NULL, e->msg, sizeof e->msg) < 0) {
		free(res);
		return -1;
	}
	m = (struct marker){n, now, {len, rlen}, {fnv1a(config, len), fnv1a(res, rlen)}};
	marker_format(&m, mk, sizeof mk);
	if (put_file(root, n, "config.toml", config, len, e) == 0 &&
	    put_file(root, n, "resolved", res, rlen, e) == 0 &&
	    put_file(root, n, "complete", mk, strlen(mk), e) == 0)
		rc = 0;
	free(res);
	if (rc < 0) {
		char ignore[600];

		genfs_remove_dir(path, ignore, sizeof ignore);
		return -1;
	}
	*np = n;
	return 0;
}

int
gen_read_current(const char *root, uint32_t *n, struct gen_err *e)
{
	char path[4096], err[600], *buf;
	size_t len;
	int missing;

	path_of(path, sizeof path, root, 0, "current");
	if ((buf = genfs_read(path, 64, &len, &missing, err, sizeof err)) == NULL) {
		if (missing)
			return efail(e, "%s does not exist: there is no current generation", path);
		return efail(e, "%s", err);
	}
	if (len < 2 || buf[len - 1] != '\n' || gen_number(buf, len - 1, n) < 0) {
		free(buf);
		return efail(e, "%s is corrupt: it does not hold a generation number and a newline",
		             path);
	}
	free(buf);
	return 0;
}

int
gen_set_current(const char *root, uint32_t n, struct gen_err *e)
{
	char path[4096], text[16];

	path_of(path, sizeof path, root, 0, "current");
	snprintf(text, sizeof text, "%u\n", (unsigned)n);
	return genfs_write_atomic(path, text, strlen(text), 0644, e->msg, sizeof e->msg);
}

// Remove the *.tmp files a crash left in dir.
static void
remove_tmp(const char *dir, struct config_problems *warn)
{
	char **names, path[4096], err[600];
	size_t n;

	if (genfs_list(dir, &names, &n, err, sizeof err) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (len > 4 && strcmp(names[i] + len - 4, ".tmp") == 0 && !genfs_isdir(path)) {
			if (genfs_unlink(path, err, sizeof err) < 0)
				config_problem(warn, path, 0, 0, "%s", err);
			else
				config_problem(warn, path, 0, 0,
				               "removed (left by an interrupted write)");
		}
		free(names[i]);
	}
	free(names);
}

int
gen_recover(const char *root, struct config_problems *warn, struct gen_err *e)
{
	char path[4096];
	uint32_t *v;
	size_t n;

	remove_tmp(root, warn);
	if (numbers(root, &v, &n, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct generation g;
		struct gen_err why;

		if (load(root, v[i], &g, &why) != GEN_INCOMPLETE) {
			gen_free(&g);
			continue;
		}
		path_of(path, sizeof path, root, v[i], NULL);
		if (genfs_remove_dir(path, why.msg, sizeof why.msg) < 0)
			config_problem(warn, path, 0, 0,
			               "cannot remove an unfinished generation: %s", why.msg);
		else
			config_problem(warn, path, 0, 0,
			               "removed generation %u: it was never finished (no marker)",
			               (unsigned)v[i]);
	}
	free(v);
	return 0;
}

int
gen_newest_below(const char *root, uint32_t limit, struct generation *g,
                 struct config_problems *warn, struct gen_err *e)
{
	char path[4096];
	uint32_t *v;
	size_t n;

	memset(g, 0, sizeof *g);
	if (numbers(root, &v, &n, e) < 0)
		return -1;
	while (n > 0) {
		uint32_t k = v[--n];
		struct gen_err why;

		if (limit != 0 && k >= limit)
			continue;
		if (load(root, k, g, &why) == GEN_OK)
			break;
		path_of(path, sizeof path, root, k, NULL);
		config_problem(warn, path, 0, 0, "skipped: %s", why.msg);
	}
	free(v);
	return 0;
}

int
gen_effective(const char *root, struct generation *g, struct config_problems *warn,
              struct gen_err *e)
{
	char path[4096];
	struct gen_err why;
	uint32_t cur, *v;
	size_t n;

	memset(g, 0, sizeof *g);
	path_of(path, sizeof path, root, 0, "current");
	if (gen_read_current(root, &cur, &why) == 0) {
		if (load(root, cur, g, &why) == GEN_OK)
			return 0;
		gen_free(g);
		config_problem(warn, path, 0, 0, "names generation %u, which is not usable: %s",
		               (unsigned)cur, why.msg);
	} else {
		// No current file and no generation: a new store, nothing to say.
		if (numbers(root, &v, &n, e) < 0)
			return -1;
		free(v);
		if (n == 0)
			return 0;
		config_problem(warn, path, 0, 0, "%s", why.msg);
	}
	if (gen_newest_below(root, 0, g, warn, e) < 0)
		return -1;
	if (g->n != 0)
		config_problem(warn, path, 0, 0, "using generation %u, the newest usable one",
		               (unsigned)g->n);
	return 0;
}
