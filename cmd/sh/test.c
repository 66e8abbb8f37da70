// cmd/sh/test.c: the test and [ builtins. Files: -e -f -d -r -w -x -s;
// strings: -z -n = != and a lone string; integers: -eq -ne -lt -le -gt
// -ge; ! negation, -a and -o, ( ). Status 0 true, 1 false, 2 error.
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

struct t {
	char **v;
	int n, i, err;
};

static int t_or(struct t *T);

static int
t_error(struct t *T, const char *what, const char *arg)
{
	if (!T->err)
		sh_error("test: %s%s%s", arg ? arg : "", arg ? ": " : "", what);
	T->err = 1;
	return 0;
}

static int
t_int(struct t *T, const char *s, long *v)
{
	if (parse_int(s, v) < 0)
		return t_error(T, "integer expected", s), -1;
	return 0;
}

static int
t_file(const char *op, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return 0;
	switch (op[1]) {
	case 'e':
		return 1;
	case 'f':
		return S_ISREG(st.st_mode);
	case 'd':
		return S_ISDIR(st.st_mode);
	case 's':
		return st.st_size > 0;
	// -r -w -x look at the permission bits (anyone's), not at who asks:
	// stat is all the shell needs from the system here.
	case 'r':
		return (st.st_mode & 0444) != 0;
	case 'w':
		return (st.st_mode & 0222) != 0;
	default:
		return (st.st_mode & 0111) != 0;
	}
}

static int
is_unary(const char *s)
{
	return s[0] == '-' && s[1] && !s[2] && strchr("efdsrwxzn", s[1]);
}

static int
binary(struct t *T, const char *a, const char *op, const char *b)
{
	static const char *ops[] = {"-eq", "-ne", "-lt", "-le", "-gt", "-ge"};
	long x, y;

	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(a, b) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	for (int k = 0; k < 6; k++) {
		if (strcmp(op, ops[k]) != 0)
			continue;
		if (t_int(T, a, &x) < 0 || t_int(T, b, &y) < 0)
			return 0;
		switch (k) {
		case 0:
			return x == y;
		case 1:
			return x != y;
		case 2:
			return x < y;
		case 3:
			return x <= y;
		case 4:
			return x > y;
		default:
			return x >= y;
		}
	}
	return t_error(T, "unknown operator", op);
}

static int
is_binop(const char *s)
{
	static const char *ops[] = {"=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"};

	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
		if (strcmp(s, ops[k]) == 0)
			return 1;
	return 0;
}

static int
t_primary(struct t *T)
{
	char *a;

	if (T->i >= T->n)
		return t_error(T, "argument expected", NULL);
	a = T->v[T->i];
	if (strcmp(a, "!") == 0) {
		T->i++;
		return !t_primary(T);
	}
	if (strcmp(a, "(") == 0 && T->i + 1 < T->n) {
		int r;

		T->i++;
		r = t_or(T);
		if (T->i >= T->n || strcmp(T->v[T->i], ")") != 0)
			return t_error(T, "missing ')'", NULL);
		T->i++;
		return r;
	}
	if (T->i + 2 < T->n + 0 && is_binop(T->v[T->i + 1])) {
		T->i += 3;
		return binary(T, a, T->v[T->i - 2], T->v[T->i - 1]);
	}
	if (is_unary(a) && T->i + 1 < T->n) {
		const char *arg = T->v[T->i + 1];

		T->i += 2;
		if (a[1] == 'z')
			return *arg == 0;
		if (a[1] == 'n')
			return *arg != 0;
		return t_file(a, arg);
	}
	T->i++;
	return *a != 0;
}

static int
t_and(struct t *T)
{
	int r = t_primary(T);

	while (T->i < T->n && strcmp(T->v[T->i], "-a") == 0) {
		T->i++;
		r = t_primary(T) && r;
	}
	return r;
}

static int
t_or(struct t *T)
{
	int r = t_and(T);

	while (T->i < T->n && strcmp(T->v[T->i], "-o") == 0) {
		T->i++;
		r = t_and(T) || r;
	}
	return r;
}

int
builtin_test(int argc, char **argv)
{
	struct t T = {.v = argv + 1, .n = argc - 1};
	int r;

	if (strcmp(argv[0], "[") == 0) {
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
			sh_error("[: missing ']'");
			return 2;
		}
		T.n--;
	}
	if (T.n == 0)
		return 1;
	// Three arguments with a binary operator in the middle are always a
	// comparison, whatever the operands look like.
	if (T.n == 3 && is_binop(T.v[1])) {
		r = binary(&T, T.v[0], T.v[1], T.v[2]);
		return T.err ? 2 : !r;
	}
	r = t_or(&T);
	if (!T.err && T.i < T.n)
		t_error(&T, "unexpected argument", T.v[T.i]);
	return T.err ? 2 : !r;
}
