// cmd/sh/arith.c: $((...)) arithmetic on long integers: numbers (decimal,
// 0x hex, leading-0 octal), variable names, ( ), unary + - ! ~, the binary
// operators * / % + - << >> < <= > >= == != & ^ | && || with C
// precedence, c ? a : b, and the assignments = += -= *= /= %=.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct ar {
	const char *p;
	char *err;
	size_t errlen;
	int bad;
};

static long parse_bin(struct ar *A, int level);
static long parse_assign(struct ar *A);

static void
skip(struct ar *A)
{
	while (*A->p == ' ' || *A->p == '\t' || *A->p == '\n')
		A->p++;
}

static long
fail(struct ar *A, const char *msg)
{
	if (!A->bad)
		snprintf(A->err, A->errlen, "%s", msg);
	A->bad = 1;
	return 0;
}

static long
parse_primary(struct ar *A)
{
	skip(A);
	if (*A->p == '(') {
		long v;

		A->p++;
		v = parse_assign(A);
		skip(A);
		if (*A->p != ')')
			return fail(A, "missing ')'");
		A->p++;
		return v;
	}
	if (*A->p >= '0' && *A->p <= '9') {
		char *end;
		long v = strtol(A->p, &end, 0);

		if ((*end >= 'a' && *end <= 'z') || (*end >= 'A' && *end <= 'Z') || *end == '_')
			return fail(A, "bad number");
		A->p = end;
		return v;
	}
	if (is_name(A->p, 1)) {
		size_t n = 1;
		char name[128];
		const char *val;
		long v = 0;

		while (is_name(A->p, n + 1))
			n++;
		if (n >= sizeof name)
			return fail(A, "name too long");
		memcpy(name, A->p, n);
		name[n] = 0;
		A->p += n;
		val = var_get(name);
		if (val && *val && parse_int(val, &v) < 0)
			return fail(A, "a variable is not a number");
		return v;
	}
	return fail(A, *A->p ? "unexpected character" : "missing operand");
}

static long
parse_unary(struct ar *A)
{
	skip(A);
	switch (*A->p) {
	case '-':
		A->p++;
		return -parse_unary(A);
	case '+':
		A->p++;
		return parse_unary(A);
	case '!':
		A->p++;
		return !parse_unary(A);
	case '~':
		A->p++;
		return ~parse_unary(A);
	}
	return parse_primary(A);
}

// Binary operators by precedence level, lowest first.
static const char *levels[][4] = {
        {"||"},
        {"&&"},
        {"|"},
        {"^"},
        {"&"},
        {"==", "!="},
        {"<=", ">=", "<", ">"},
        {"<<", ">>"},
        {"+", "-"},
        {"*", "/", "%"},
};
#define NLEVELS (int)(sizeof levels / sizeof levels[0])

static const char *
match_op(struct ar *A, int level)
{
	skip(A);
	for (int i = 0; i < 4 && levels[level][i]; i++) {
		const char *op = levels[level][i];
		size_t n = strlen(op);

		if (strncmp(A->p, op, n) != 0)
			continue;
		// "|" must not be the start of "||", nor "&" of "&&", "<" of "<<".
		if (n == 1 && A->p[1] == op[0] && strchr("|&<>", op[0]))
			continue;
		A->p += n;
		return op;
	}
	return NULL;
}

static long
apply(struct ar *A, const char *op, long a, long b)
{
	switch (op[0]) {
	case '|':
		return op[1] ? (a || b) : (a | b);
	case '&':
		return op[1] ? (a && b) : (a & b);
	case '^':
		return a ^ b;
	case '=':
		return a == b;
	case '!':
		return a != b;
	case '<':
		return op[1] == '<' ? (long)((unsigned long)a << (b & 63)) : op[1] ? a <= b : a < b;
	case '>':
		return op[1] == '>' ? a >> (b & 63) : op[1] ? a >= b : a > b;
	case '+':
		return (long)((unsigned long)a + (unsigned long)b);
	case '-':
		return (long)((unsigned long)a - (unsigned long)b);
	case '*':
		return (long)((unsigned long)a * (unsigned long)b);
	}
	if (b == 0)
		return fail(A, "division by zero");
	if (b == -1)
		return op[0] == '/' ? (long)(0UL - (unsigned long)a) : 0;
	return op[0] == '/' ? a / b : a % b;
}

static long
parse_bin(struct ar *A, int level)
{
	long v;
	const char *op;

	if (level == NLEVELS)
		return parse_unary(A);
	v = parse_bin(A, level + 1);
	while (!A->bad && (op = match_op(A, level)) != NULL) {
		long rhs = parse_bin(A, level + 1);

		v = apply(A, op, v, rhs);
	}
	return v;
}

static long
parse_ternary(struct ar *A)
{
	long c = parse_bin(A, 0), a, b;

	skip(A);
	if (A->bad || *A->p != '?')
		return c;
	A->p++;
	a = parse_assign(A);
	skip(A);
	if (*A->p != ':')
		return fail(A, "missing ':' after '?'");
	A->p++;
	b = parse_ternary(A);
	return c ? a : b;
}

// NAME op= expression, or a conditional expression.
static long
parse_assign(struct ar *A)
{
	static const char *ops[] = {"=", "+=", "-=", "*=", "/=", "%="};
	const char *start;
	size_t n = 1;

	skip(A);
	start = A->p;
	if (!is_name(A->p, 1))
		return parse_ternary(A);
	while (is_name(A->p, n + 1))
		n++;
	A->p += n;
	skip(A);
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		size_t ol = strlen(ops[i]);
		char name[128], num[32];
		long old = 0, v;
		const char *val;

		if (strncmp(A->p, ops[i], ol) != 0 || A->p[ol] == '=' || n >= sizeof name)
			continue;
		A->p += ol;
		memcpy(name, start, n);
		name[n] = 0;
		v = parse_assign(A);
		val = var_get(name);
		if (val && *val && parse_int(val, &old) < 0)
			return fail(A, "a variable is not a number");
		if (ol == 2)
			v = apply(A, (char[]){ops[i][0], 0}, old, v);
		if (A->bad)
			return 0;
		snprintf(num, sizeof num, "%ld", v);
		var_set(name, num, 0);
		return v;
	}
	A->p = start;
	return parse_ternary(A);
}

int
arith_eval(const char *expr, long *out, char *err, size_t errlen)
{
	struct ar A = {.p = expr, .err = err, .errlen = errlen};

	*out = parse_assign(&A);
	skip(&A);
	if (!A.bad && *A.p)
		fail(&A, "unexpected character");
	return A.bad ? -1 : 0;
}
