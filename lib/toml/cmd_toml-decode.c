// lib/toml/cmd_toml-decode.c: the toml-test decoder interface: TOML on
// stdin, the document as toml-test's tagged JSON on stdout; for invalid TOML
// a "LINE:COL: message" on stderr and exit status 1.
//
// Tagged JSON: tables are objects, arrays are arrays, and every scalar is
// {"type": T, "value": "text"} with T one of string, integer, float, bool,
// datetime, datetime-local, date-local, time-local.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml/toml.h"

static void
json_string(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void
scalar(const char *type, const char *value)
{
	printf("{\"type\":\"%s\",\"value\":", type);
	json_string(value, strlen(value));
	putchar('}');
}

static const char *
float_text(double f, char *buf, size_t n)
{
	if (f != f)
		return "nan";
	if (f > 1.7976931348623157e308)
		return "inf";
	if (f < -1.7976931348623157e308)
		return "-inf";
	snprintf(buf, n, "%.17g", f);
	return buf;
}

static void emit(const toml_node *n);

static void
emit_table(const toml_node *t)
{
	putchar('{');
	for (size_t i = 0; i < toml_len(t); i++) {
		const toml_node *c = toml_at(t, i);
		size_t len;
		const char *k = toml_key(c, &len);

		if (i > 0)
			putchar(',');
		json_string(k, len);
		putchar(':');
		emit(c);
	}
	putchar('}');
}

static void
emit(const toml_node *n)
{
	char buf[64];
	const char *s;
	size_t len;
	int64_t i;
	double f;
	int b;

	switch (toml_type(n)) {
	case TOML_TABLE:
		emit_table(n);
		return;
	case TOML_ARRAY:
		putchar('[');
		for (size_t k = 0; k < toml_len(n); k++) {
			if (k > 0)
				putchar(',');
			emit(toml_at(n, k));
		}
		putchar(']');
		return;
	case TOML_STRING:
		toml_string(n, &s, &len);
		printf("{\"type\":\"string\",\"value\":");
		json_string(s, len);
		putchar('}');
		return;
	case TOML_INTEGER:
		toml_int(n, &i);
		snprintf(buf, sizeof buf, "%" PRId64, i);
		scalar("integer", buf);
		return;
	case TOML_FLOAT:
		toml_float(n, &f);
		scalar("float", float_text(f, buf, sizeof buf));
		return;
	case TOML_BOOL:
		toml_bool(n, &b);
		scalar("bool", b ? "true" : "false");
		return;
	case TOML_DATETIME:
	case TOML_DATETIME_LOCAL:
	case TOML_DATE_LOCAL:
	case TOML_TIME_LOCAL:
		toml_datetime_format(n, buf, sizeof buf);
		scalar(toml_type(n) == TOML_DATETIME         ? "datetime"
		       : toml_type(n) == TOML_DATETIME_LOCAL ? "datetime-local"
		       : toml_type(n) == TOML_DATE_LOCAL     ? "date-local"
		                                             : "time-local",
		       buf);
		return;
	}
}

// Read all of stdin into a malloc'd buffer.
static char *
slurp(FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0, r;
	char *buf = malloc(cap), *p;

	while (buf != NULL && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n < cap)
			continue;
		p = realloc(buf, cap * 2);
		if (p == NULL)
			free(buf);
		buf = p;
		cap *= 2;
	}
	*len = n;
	return buf;
}

int
main(int argc, char **argv)
{
	struct toml_error err;
	char msg[256];
	toml_node *root;
	size_t len;
	char *buf;

	if (argc > 1) {
		fprintf(stderr, "usage: %s < file.toml\n", argv[0]);
		return 2;
	}
	buf = slurp(stdin, &len);
	if (buf == NULL || ferror(stdin)) {
		fprintf(stderr, "toml-decode: cannot read standard input\n");
		free(buf);
		return 2;
	}
	root = toml_parse(buf, len, &err);
	free(buf);
	if (root == NULL) {
		toml_error_format(&err, msg, sizeof msg);
		fprintf(stderr, "toml-decode: %s\n", msg);
		return 1;
	}
	emit(root);
	putchar('\n');
	toml_free(root);
	return 0;
}
