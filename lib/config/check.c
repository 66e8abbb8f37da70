// lib/config/check.c: the table walker and the value checkers of the
// configuration schema: each checks one kind of value (a path, a list of
// syscall names, a secret reference, an address, a size, ...), reports
// what is wrong with it where it was written, and stores what is right.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/check.h"

static const char *
a_type(enum toml_type t)
{
	switch (t) {
	case TOML_TABLE:
		return "a table";
	case TOML_ARRAY:
		return "an array";
	case TOML_STRING:
		return "a string";
	case TOML_INTEGER:
		return "an integer";
	case TOML_FLOAT:
		return "a float";
	case TOML_BOOL:
		return "a boolean";
	case TOML_DATETIME:
		return "an offset date-time";
	case TOML_DATETIME_LOCAL:
		return "a local date-time";
	case TOML_DATE_LOCAL:
		return "a local date";
	case TOML_TIME_LOCAL:
		return "a local time";
	}
	return "a value";
}

int
want_type(struct ctx *C, const toml_node *v, const char *path, enum toml_type want)
{
	if (toml_type(v) == want)
		return 1;
	bad(C, v, "%s must be %s, not %s", path, a_type(want), a_type(toml_type(v)));
	return 0;
}

void
check_table(struct ctx *C, const toml_node *t, const char *path, const char *where,
            const struct field *fields, void *base)
{
	for (size_t i = 0; i < toml_len(t); i++) {
		const toml_node *m = toml_at(t, i);
		const char *key = toml_key(m, NULL);
		const struct field *f = fields;
		char sub[256];

		while (f->key != NULL && strcmp(f->key, key) != 0)
			f++;
		if (f->key == NULL && toml_type(m) == TOML_TABLE &&
		    strncmp(path, "snaps.", 6) == 0) {
			// [snaps.tor.d] is the table d in [snaps.tor].
			bad_key(C, m,
			        "unknown key \"%s\" in %s (a snap name with '.' is quoted: "
			        "[snaps.\"%s.%s\"])",
			        key, where, path + 6, key);
			continue;
		}
		if (f->key == NULL) {
			bad_key(C, m, "unknown key \"%s\" in %s", key, where);
			continue;
		}
		snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", key);
		f->check(C, m, sub, (char *)base + f->off);
	}
}

// A string without NUL characters, or NULL (reported).
static const char *
text(struct ctx *C, const toml_node *v, const char *path)
{
	const char *s;
	size_t len;

	if (!want_type(C, v, path, TOML_STRING))
		return NULL;
	toml_string(v, &s, &len);
	if (strlen(s) != len) {
		bad(C, v, "%s must not contain NUL characters", path);
		return NULL;
	}
	return s;
}

// Store a copy of s in *out (replacing nothing: each key appears once).
static void
keep(char **out, const char *s)
{
	free(*out);
	*out = dupstr(s);
}

void
ck_string(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path);

	if (s != NULL)
		keep(out, s);
}

void
ck_bool(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	if (want_type(C, v, path, TOML_BOOL))
		toml_bool(v, out);
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 1123 host names: dot-separated labels of 1 to 63 letters, digits and
// hyphens, not starting or ending with a hyphen; 253 characters at most.
static int
valid_hostname(const char *s)
{
	size_t label = 0, n = strlen(s);

	if (n == 0 || n > 253)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		if (s[i] == '.' || s[i] == '\0') {
			if (label == 0 || label > 63 || s[i - 1] == '-')
				return 0;
			label = 0;
		} else if (is_alnum(s[i]) || (s[i] == '-' && label > 0)) {
			label++;
		} else {
			return 0;
		}
	}
	return 1;
}

void
ck_hostname(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path);

	if (s == NULL)
		return;
	if (!valid_hostname(s)) {
		bad(C, v,
		    "%s \"%s\" is not a valid host name (letters, digits and '-' in labels of "
		    "at most 63, separated by '.')",
		    path, s);
		return;
	}
	keep(out, s);
}

// "UTC" or an IANA zone name such as "Europe/Berlin": letters, digits and
// _ + - in parts separated by '/'.
void
ck_timezone(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path);
	int ok;

	if (s == NULL)
		return;
	ok = s[0] != '\0' && s[0] != '/' && strstr(s, "//") == NULL && strstr(s, "..") == NULL;
	for (const char *p = s; ok && *p; p++)
		ok = is_alnum(*p) || strchr("_+-/", *p) != NULL;
	if (!ok || s[strlen(s) - 1] == '/') {
		bad(C, v,
		    "%s \"%s\" is not a time zone name (such as \"UTC\" or \"Europe/Berlin\")",
		    path, s);
		return;
	}
	keep(out, s);
}

int
valid_snap_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CONFIG_SNAPNAME_MAX || s[n - 1] == '.' || strstr(s, "..") != NULL)
		return 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      *s == '-' || *s == '.'))
			return 0;
	return 1;
}

// A checker of one element of a list of strings: 1 if s is good.
typedef int elem_fn(struct ctx *C, const toml_node *e, const char *path, const char *s);

// An array of strings, each accepted by elem, none twice.
static void
string_list(struct ctx *C, const toml_node *v, const char *path, const char *what, elem_fn *elem,
            struct config_strlist *out)
{
	size_t n = toml_len(v);

	if (!want_type(C, v, path, TOML_ARRAY))
		return;
	config_strlist_free(out);
	out->v = calloc(n ? n : 1, sizeof *out->v);
	if (out->v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		const toml_node *e = toml_at(v, i);
		const char *s;
		char sub[256];
		size_t j;

		snprintf(sub, sizeof sub, "%s[%zu]", path, i);
		s = text(C, e, sub);

		if (s == NULL || !elem(C, e, path, s))
			continue;
		for (j = 0; j < out->n && strcmp(out->v[j], s) != 0; j++)
			;
		if (j < out->n) {
			bad(C, e, "%s \"%s\" is listed twice in %s", what, s, path);
			continue;
		}
		if ((out->v[out->n] = dupstr(s)) != NULL)
			out->n++;
	}
}

static int
snap_name_elem(struct ctx *C, const toml_node *e, const char *path, const char *s)
{
	if (valid_snap_name(s))
		return 1;
	bad(C, e, "invalid snap name \"%s\" in %s (%s)", s, path, SNAP_NAME_RULE);
	return 0;
}

void
ck_snap_names(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	string_list(C, v, path, "snap", snap_name_elem, out);
}

void
ck_snap_name(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path);

	if (s != NULL && snap_name_elem(C, v, path, s))
		keep(out, s);
}

// An absolute path without "." or ".." parts and without control
// characters; why not, or NULL.
static const char *
path_problem(const char *s)
{
	if (s[0] != '/')
		return "must be an absolute path";
	for (const char *p = s; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return "must not contain control characters";
		if (p[0] == '/' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return "must not contain \".\" parts";
		if (p[0] == '/' && p[1] == '.' && p[2] == '.' && (p[3] == '/' || p[3] == '\0'))
			return "must not contain \"..\" parts";
	}
	return NULL;
}

void
ck_abs_path(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path), *why;

	if (s == NULL)
		return;
	if ((why = path_problem(s)) != NULL) {
		bad(C, v, "%s %s, not \"%s\"", path, why, s);
		return;
	}
	keep(out, s);
}

static int
capability_elem(struct ctx *C, const toml_node *e, const char *path, const char *s)
{
	const char *why = path_problem(s);

	if (why == NULL)
		return 1;
	bad(C, e, "capability \"%s\" in %s %s", s, path, why);
	return 0;
}

void
ck_paths(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	string_list(C, v, path, "capability", capability_elem, out);
}

static int
syscall_elem(struct ctx *C, const toml_node *e, const char *path, const char *s)
{
	if (config_syscall(s) >= 0)
		return 1;
	bad(C, e, "unknown syscall \"%s\" in %s", s, path);
	return 0;
}

void
ck_syscalls(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	struct config_snap *snap = out;

	string_list(C, v, path, "syscall", syscall_elem, &snap->syscalls);
	snap->syscall_mask = 0;
	for (size_t i = 0; i < snap->syscalls.n; i++)
		snap->syscall_mask |= (uint64_t)1 << config_syscall(snap->syscalls.v[i]);
}

void
ck_restart(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path);
	enum config_restart *r = out;

	if (s == NULL)
		return;
	if (strcmp(s, "never") == 0)
		*r = RESTART_NEVER;
	else if (strcmp(s, "on-failure") == 0)
		*r = RESTART_ON_FAILURE;
	else if (strcmp(s, "always") == 0)
		*r = RESTART_ALWAYS;
	else
		bad(C, v, "%s must be \"always\", \"on-failure\" or \"never\", not \"%s\"", path,
		    s);
}

void
ck_encryption(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path);
	enum config_encryption *e = out;

	if (s == NULL)
		return;
	if (strcmp(s, "homomorphic") == 0)
		*e = ENCRYPTION_HOMOMORPHIC;
	else if (strcmp(s, "none") == 0)
		*e = ENCRYPTION_NONE;
	else
		bad(C, v, "%s must be \"homomorphic\" or \"none\", not \"%s\"", path, s);
}

// A size: a positive integer of bytes, or a string of digits with a K, M or
// G suffix (powers of 1024).
static uint64_t
parse_size(const char *s)
{
	uint64_t v = 0, mul = 1;

	if (*s < '0' || *s > '9')
		return 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return 0;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (*s == 'K')
		mul = 1024, s++;
	else if (*s == 'M')
		mul = 1024 * 1024, s++;
	else if (*s == 'G')
		mul = 1024 * 1024 * 1024, s++;
	if (*s != '\0' || v > UINT64_MAX / mul)
		return 0;
	return v * mul;
}

void
ck_memory(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	uint64_t *m = out;
	const char *s;
	int64_t i;

	if (toml_int(v, &i) == 0 && i > 0) {
		*m = (uint64_t)i;
		return;
	}
	if (toml_string(v, &s, NULL) == 0 && (*m = parse_size(s)) != 0)
		return;
	if (toml_type(v) == TOML_STRING || toml_type(v) == TOML_INTEGER)
		bad(C, v,
		    "%s must be a positive size such as \"64M\", \"512K\", \"1G\" or a number "
		    "of bytes",
		    path);
	else
		bad(C, v, "%s must be a size (a string such as \"64M\" or an integer), not %s",
		    path, a_type(toml_type(v)));
}

// The most processes a snap may have at once: an integer 1..4096.
void
ck_processes(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	uint32_t *p = out;
	int64_t i;

	if (!want_type(C, v, path, TOML_INTEGER))
		return;
	toml_int(v, &i);
	if (i < 1 || i > CONFIG_PROCESSES_MAX) {
		bad(C, v,
		    "%s must be between 1 and %d (the most processes the snap may have at "
		    "once), not %lld",
		    path, CONFIG_PROCESSES_MAX, (long long)i);
		return;
	}
	*p = (uint32_t)i;
}

void
ck_url(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path), *host;

	if (s == NULL)
		return;
	host = strncmp(s, "http://", 7) == 0    ? s + 7
	       : strncmp(s, "https://", 8) == 0 ? s + 8
	                                        : NULL;
	if (host == NULL || *host == '\0' || *host == '/' || strchr(s, ' ') != NULL) {
		bad(C, v, "%s must be an http:// or https:// URL, not \"%s\"", path, s);
		return;
	}
	keep(out, s);
}

static int
valid_env_name(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!is_alnum(*s) && *s != '_')
			return 0;
	return 1;
}

// A secret is named, never written: "env:NAME" or "keystore:PATH". The
// value is never repeated in a message, since it may be the secret itself.
void
ck_secret(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	struct config_secret *sec = out;
	const char *s = text(C, v, path);

	if (s == NULL)
		return;
	if (strncmp(s, "env:", 4) == 0) {
		if (!valid_env_name(s + 4)) {
			bad(C, v,
			    "%s: \"env:\" must be followed by a variable name (letters, digits, "
			    "'_')",
			    path);
			return;
		}
		sec->kind = SECRET_ENV;
		keep(&sec->ref, s + 4);
		return;
	}
	if (strncmp(s, "keystore:", 9) == 0) {
		if (path_problem(s + 9) != NULL) {
			bad(C, v, "%s: \"keystore:\" must be followed by an absolute path", path);
			return;
		}
		sec->kind = SECRET_KEYSTORE;
		keep(&sec->ref, s + 9);
		return;
	}
	bad(C, v,
	    "%s must not hold the secret itself: write \"env:NAME\" (a boot environment "
	    "variable) or \"keystore:PATH\" (an encrypted keystore)",
	    path);
}

void
ck_chain_id(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	int64_t *id = out;

	if (!want_type(C, v, path, TOML_INTEGER))
		return;
	toml_int(v, id);
	if (*id <= 0) {
		bad(C, v, "%s must be a positive integer", path);
		*id = 0;
	}
}

void
ck_fault_tolerance(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	int64_t *f = out;

	if (!want_type(C, v, path, TOML_INTEGER))
		return;
	toml_int(v, f);
	if (*f < 0 || *f > 1000) {
		bad(C, v, "%s must be between 0 and 1000 (f in 3f+1 replicas)", path);
		*f = -1;
	}
}

// 0x followed by 40 hexadecimal digits.
static int
valid_address(const char *s)
{
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || strlen(s) != 42)
		return 0;
	for (s += 2; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
		      (*s >= 'A' && *s <= 'F')))
			return 0;
	return 1;
}

static int
address_elem(struct ctx *C, const toml_node *e, const char *path, const char *s)
{
	if (valid_address(s))
		return 1;
	bad(C, e, "%s: \"%s\" is not an address (0x and 40 hexadecimal digits)", path, s);
	return 0;
}

void
ck_addresses(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	string_list(C, v, path, "address", address_elem, out);
}

// A table of string values; names checked by name_ok, values by value_ok.
static void
string_table(struct ctx *C, const toml_node *v, const char *path, const char *what,
             int (*name_ok)(const char *), elem_fn *value_ok, struct config_pairs *out)
{
	size_t n = toml_len(v);

	if (!want_type(C, v, path, TOML_TABLE))
		return;
	pairs_free(out);
	out->v = calloc(n ? n : 1, sizeof *out->v);
	if (out->v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		const toml_node *m = toml_at(v, i);
		const char *name = toml_key(m, NULL), *s;
		char sub[256];

		snprintf(sub, sizeof sub, "%s.%s", path, name);
		if (!name_ok(name)) {
			bad_key(C, m, "invalid %s name \"%s\" in %s", what, name, path);
			continue;
		}
		s = text(C, m, sub);
		if (s == NULL || (value_ok != NULL && !value_ok(C, m, sub, s)))
			continue;
		out->v[out->n].name = dupstr(name);
		out->v[out->n].value = dupstr(s);
		out->n++;
	}
}

static int
valid_ident(const char *s)
{
	return valid_env_name(s);
}

void
ck_contracts(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	string_table(C, v, path, "contract", valid_ident, address_elem, out);
}

void
ck_environment(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	string_table(C, v, path, "environment variable", valid_env_name, NULL, out);
}

// Dotted-quad IPv4: four decimal numbers 0..255 without leading zeros.
static const char *
ipv4_end(const char *s)
{
	for (int part = 0; part < 4; part++) {
		int v = 0, digits = 0;

		if (part > 0 && *s++ != '.')
			return NULL;
		for (; *s >= '0' && *s <= '9' && digits <= 3; s++, digits++)
			v = v * 10 + (*s - '0');
		if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && s[-digits] == '0'))
			return NULL;
	}
	return s;
}

static int
ipv4_elem(struct ctx *C, const toml_node *e, const char *path, const char *s)
{
	const char *end = ipv4_end(s);

	if (end != NULL && *end == '\0')
		return 1;
	bad(C, e, "%s: \"%s\" is not an IPv4 address (such as \"10.0.2.2\")", path, s);
	return 0;
}

void
ck_ipv4(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path);

	if (s != NULL && ipv4_elem(C, v, path, s))
		keep(out, s);
}

void
ck_ipv4_list(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	string_list(C, v, path, "address", ipv4_elem, out);
}

void
ck_ipv4_cidr(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	const char *s = text(C, v, path), *end;
	int bits = -1;

	if (s == NULL)
		return;
	end = ipv4_end(s);
	if (end != NULL && end[0] == '/' && end[1] >= '0' && end[1] <= '9') {
		bits = end[1] - '0';
		if (end[2] >= '0' && end[2] <= '9' && end[1] != '0' && end[3] == '\0')
			bits = bits * 10 + end[2] - '0';
		else if (end[2] != '\0')
			bits = -1;
	}
	if (bits < 0 || bits > 32) {
		bad(C, v,
		    "%s: \"%s\" is not an IPv4 address with a prefix length (such as "
		    "\"10.0.2.15/24\")",
		    path, s);
		return;
	}
	keep(out, s);
}
