// cmd/sh/expand.c: word expansion. A raw word from the lexer becomes
// fields: tilde, parameters, $(...) and `...`, $((...)), then field
// splitting on IFS (only what an unquoted expansion produced), pathname
// expansion (glob.c), quote removal. Every character carries a flag saying
// whether it was quoted and whether it may be split.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

enum { F_QUOTED = 1, F_SPLIT = 2 };
enum { M_FIELDS, M_STRING, M_PATTERN };

struct xp {
	struct buf s, f;  // characters of the field being built, and their flags
	int quoted;       // the field had a quoted part (so "" is kept)
	int mode;         // M_FIELDS: split and glob into out
	int heredoc;      // here-document text: a backslash does not quote '"'
	struct strv *out; // M_FIELDS: the fields
	int err;
};

static void xword(struct xp *X, const char *p, size_t n, int inq);

static void
xadd(struct xp *X, const char *s, size_t n, int flag)
{
	buf_putn(&X->s, s, n);
	for (size_t i = 0; i < n; i++)
		buf_putc(&X->f, flag);
}

// The index of the close character matching an opening just before p[i],
// skipping nested quotes and substitutions (as lex.c found them).
static size_t
match_close(const char *p, size_t i, size_t n, char close)
{
	int depth = 0;
	struct casetrack ct = {0};

	while (i < n) {
		char c = p[i];

		if (close == ')')
			case_feed(&ct, (unsigned char)c);
		if (c == '\\') {
			i += 2;
			continue;
		}
		if (c == close && depth == 0 && !(close == ')' && ct.cases > 0))
			return i;
		if (close == '`') {
			i++;
			continue;
		}
		if (c == '$' && i + 1 < n && (p[i + 1] == '(' || p[i + 1] == '{')) {
			i = match_close(p, i + 2, n, p[i + 1] == '(' ? ')' : '}') + 1;
			continue;
		}
		if (c == '`') {
			i = match_close(p, i + 1, n, '`') + 1;
			continue;
		}
		if (close != '"') {
			if (c == '\'') {
				const char *q = memchr(p + i + 1, '\'', n - i - 1);

				i = q ? (size_t)(q - p) + 1 : n;
				continue;
			}
			if (c == '"') {
				i = match_close(p, i + 1, n, '"') + 1;
				continue;
			}
			if (close == ')' && c == '(')
				depth++;
			if (close == ')' && c == ')' && depth > 0)
				depth--;
		}
		i++;
	}
	return n;
}

static const char *
ifs_chars(void)
{
	const char *ifs = var_get("IFS");

	return ifs ? ifs : " \t\n";
}

static int
is_ifs_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

// A pattern: quoted special characters get a backslash.
static char *
to_pattern(const char *s, const char *f, size_t n)
{
	struct buf b = {0};

	for (size_t i = 0; i < n; i++) {
		if ((f[i] & F_QUOTED) && strchr("\\*?[]", s[i]))
			buf_putc(&b, '\\');
		buf_putc(&b, s[i]);
	}
	return buf_take(&b);
}

// Push one field, expanding it as a pathname pattern when it has an
// unquoted *, ? or [ that matches something.
static void
emit_field(struct xp *X, const char *s, const char *f, size_t n)
{
	int magic = 0;

	for (size_t i = 0; i < n; i++)
		if (!(f[i] & F_QUOTED) && strchr("*?[", s[i]))
			magic = 1;
	if (magic) {
		char *pat = to_pattern(s, f, n);
		int found = pat_has_magic(pat) ? glob_expand(pat, X->out) : 0;

		free(pat);
		if (found > 0)
			return;
	}
	strv_push(X->out, xstrndup(s, n));
}

// End of a word (or a break made by "$@"): split what was built on IFS.
static void
xfinish(struct xp *X)
{
	const char *ifs = ifs_chars(), *s = X->s.s ? X->s.s : "", *f = X->f.s ? X->f.s : "";
	size_t start = 0, len = 0, n = X->s.len;
	int emitted = 0, after_space = 0;

	for (size_t i = 0; i < n; i++) {
		if (!((f[i] & F_SPLIT) && strchr(ifs, s[i]) && s[i])) {
			if (len == 0)
				start = i;
			len++;
			after_space = 0;
			continue;
		}
		if (is_ifs_space(s[i])) {
			if (len > 0) {
				emit_field(X, s + start, f + start, len);
				emitted = 1;
				after_space = 1;
			}
		} else if (!(len == 0 && after_space)) {
			emit_field(X, s + start, f + start, len);
			emitted = 1;
			after_space = 0;
		} else
			after_space = 0;
		len = 0;
	}
	if (len > 0 || (X->quoted && !emitted))
		emit_field(X, s + start, f + start, len);
	buf_free(&X->s);
	buf_free(&X->f);
	X->quoted = 0;
}

// A hard break between fields ("$@"); in a string, a space.
static void
xbreak(struct xp *X, int inq)
{
	if (X->mode != M_FIELDS) {
		xadd(X, " ", 1, F_QUOTED);
		return;
	}
	xfinish(X);
	X->quoted = inq;
}

static void
xvalue(struct xp *X, const char *v, int inq)
{
	xadd(X, v, strlen(v), inq ? F_QUOTED : F_SPLIT);
}

static void
xpositional(struct xp *X, char which, int inq)
{
	for (int k = 0; k < sh.npos; k++) {
		if (k > 0) {
			if (which == '*' && inq) {
				const char *ifs = ifs_chars();

				if (*ifs)
					xadd(X, ifs, 1, F_QUOTED);
			} else
				xbreak(X, inq);
		}
		xvalue(X, sh.pos[k], inq);
	}
}

// Run text as a command in a child and collect its output, without
// trailing newlines.
static char *
command_output(const char *text, size_t n)
{
	struct buf b = {0};
	char chunk[4096];
	int fds[2];
	pid_t pid;

	if (pipe(fds) < 0) {
		sh_error("cannot make a pipe for $(...)");
		return xstrdup("");
	}
	pid = sh_fork(0);
	if (pid == 0) {
		char *cmd = xstrndup(text, n);

		close(fds[0]);
		if (fds[1] != 1) {
			dup2(fds[1], 1);
			close(fds[1]);
		}
		_exit(run_string(cmd, NULL));
	}
	close(fds[1]);
	for (;;) {
		ssize_t r = read(fds[0], chunk, sizeof chunk);

		if (r < 0 && intr_pending())
			continue;
		if (r <= 0)
			break;
		buf_putn(&b, chunk, (size_t)r);
	}
	close(fds[0]);
	sh.subst_status = pid > 0 ? job_wait(pid, 0) : 2;
	while (b.len > 0 && b.s[b.len - 1] == '\n')
		b.s[--b.len] = 0;
	return buf_take(&b);
}

static void
xsubst(struct xp *X, const char *text, size_t n, int inq)
{
	char *out = command_output(text, n);

	xvalue(X, out, inq);
	free(out);
}

// `...`: backslash quotes only $, ` and backslash inside.
static void
xbackquote(struct xp *X, const char *p, size_t n, int inq)
{
	struct buf b = {0};

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n && strchr("$`\\", p[i + 1]))
			i++;
		buf_putc(&b, p[i]);
	}
	xsubst(X, b.s ? b.s : "", b.len, inq);
	buf_free(&b);
}

static char *
expand_mode(const char *p, size_t n, int mode, int *err)
{
	struct xp X = {.mode = mode};
	char *r;

	xword(&X, p, n, 0);
	*err = X.err;
	if (mode == M_PATTERN) {
		r = to_pattern(X.s.s ? X.s.s : "", X.f.s ? X.f.s : "", X.s.len);
		buf_free(&X.s);
	} else
		r = buf_take(&X.s);
	buf_free(&X.f);
	return r;
}

static void
xarith(struct xp *X, const char *p, size_t n, int inq)
{
	char err[128], num[32];
	long v;
	char *e = expand_mode(p, n, M_STRING, &X->err);

	if (arith_eval(e, &v, err, sizeof err) < 0) {
		sh_error("arithmetic: %s: %s", e, err);
		X->err = 1;
		free(e);
		return;
	}
	free(e);
	snprintf(num, sizeof num, "%ld", v);
	xvalue(X, num, inq);
}

// Remove the shortest or longest prefix or suffix matching pat.
static char *
trim(const char *val, const char *pat, int suffix, int longest)
{
	size_t n = strlen(val);
	char *tmp = xstrdup(val);

	for (size_t k = 0; k <= n; k++) {
		size_t cut = longest ? n - k : k;
		int ok;

		if (suffix) {
			ok = pat_match(pat, val + (n - cut));
		} else {
			char save = tmp[cut];

			tmp[cut] = 0;
			ok = pat_match(pat, tmp);
			tmp[cut] = save;
		}
		if (ok) {
			free(tmp);
			return suffix ? xstrndup(val, n - cut) : xstrdup(val + cut);
		}
	}
	free(tmp);
	return xstrdup(val);
}

// The value of a special or named parameter, or NULL when unset. *tmp
// holds a buffer the caller frees.
static const char *
param_value(const char *name, char *tmp, size_t tmplen)
{
	long k;

	if (strcmp(name, "?") == 0)
		snprintf(tmp, tmplen, "%d", sh.status);
	else if (strcmp(name, "$") == 0)
		snprintf(tmp, tmplen, "%ld", (long)sh.pid);
	else if (strcmp(name, "#") == 0)
		snprintf(tmp, tmplen, "%d", sh.npos);
	else if (strcmp(name, "!") == 0) {
		if (!sh.lastbg)
			return NULL;
		snprintf(tmp, tmplen, "%ld", (long)sh.lastbg);
	} else if (strcmp(name, "-") == 0)
		snprintf(tmp, tmplen, "%s%s%s", sh.opt_e ? "e" : "", sh.opt_x ? "x" : "",
		         sh.interactive ? "i" : "");
	else if (strcmp(name, "0") == 0)
		return sh.arg0;
	else if (name[0] >= '0' && name[0] <= '9' && parse_int(name, &k) == 0)
		return k >= 1 && k <= sh.npos ? sh.pos[k - 1] : NULL;
	else
		return var_get(name);
	return tmp;
}

static size_t
param_name_len(const char *t, size_t m)
{
	size_t k = 0;

	if (m == 0)
		return 0;
	if (strchr("?$#!-@*", t[0]))
		return 1;
	if (t[0] >= '0' && t[0] <= '9') {
		while (k < m && t[k] >= '0' && t[k] <= '9')
			k++;
		return k;
	}
	while (k < m && is_name(t, k + 1))
		k++;
	return k;
}

static void
xbrace_op(struct xp *X, const char *name, const char *val, const char *op, const char *w, size_t wn,
          int inq)
{
	int colon = op[0] == ':', unset = !val || (colon && !*val);
	char c = op[colon];

	if (c == '-' || c == '+') {
		if ((c == '-') == unset)
			xword(X, w, wn, inq ? 2 : 0);
		else if (c == '-')
			xvalue(X, val, inq);
		return;
	}
	if (c == '=' || c == '?') {
		char *s;

		if (!unset) {
			xvalue(X, val, inq);
			return;
		}
		s = expand_mode(w, wn, M_STRING, &X->err);
		if (c == '=' && is_name(name, strlen(name))) {
			var_set(name, s, 0);
			xvalue(X, s, inq);
		} else {
			sh_error("%s: %s", name, c == '?' && *s ? s : "parameter not set");
			X->err = 1;
		}
		free(s);
		return;
	}
	{
		int suffix = c == '%', longest = op[1] == c;
		char *pat = expand_mode(w + longest, wn - (size_t)longest, M_PATTERN, &X->err);
		char *r = trim(val ? val : "", pat, suffix, longest);

		xvalue(X, r, inq);
		free(pat);
		free(r);
	}
}

// ${...}: t is the text between the braces.
static void
xbrace(struct xp *X, const char *t, size_t m, int inq)
{
	char tmp[32], name[128];
	size_t k;
	const char *val, *op;

	if (m > 1 && t[0] == '#') {
		k = param_name_len(t + 1, m - 1);
		if (k + 1 == m && k < sizeof name) {
			memcpy(name, t + 1, k);
			name[k] = 0;
			val = param_value(name, tmp, sizeof tmp);
			snprintf(tmp, sizeof tmp, "%zu", val ? strlen(val) : 0);
			xvalue(X, tmp, inq);
			return;
		}
	}
	k = param_name_len(t, m);
	if (k == 0 || k >= sizeof name)
		goto bad;
	memcpy(name, t, k);
	name[k] = 0;
	if (k == m && (name[0] == '@' || name[0] == '*')) {
		xpositional(X, name[0], inq);
		return;
	}
	val = param_value(name, tmp, sizeof tmp);
	if (k == m) {
		if (val)
			xvalue(X, val, inq);
		return;
	}
	op = t + k;
	{
		static const char *ops[] = {":-", ":=", ":+", ":?", "-",  "=",
		                            "+",  "?",  "%%", "%",  "##", "#"};

		for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
			size_t ol = strlen(ops[i]);

			if ((size_t)(m - k) >= ol && strncmp(op, ops[i], ol) == 0) {
				size_t skip = ol == 2 && ops[i][0] != ':' ? 1 : ol;

				xbrace_op(X, name, val, op, op + skip, m - k - skip, inq);
				return;
			}
		}
	}
bad:
	sh_error("${%.*s}: bad substitution", (int)m, t);
	X->err = 1;
}

// p[*i] is '$'.
static void
xdollar(struct xp *X, const char *p, size_t *i, size_t n, int inq)
{
	size_t j = *i + 1, end;
	char tmp[32], name[128];
	const char *val;

	if (j < n && (p[j] == '(' || p[j] == '{')) {
		end = match_close(p, j + 1, n, p[j] == '(' ? ')' : '}');
		if (p[j] == '{')
			xbrace(X, p + j + 1, end - j - 1, inq);
		else if (p[j + 1] == '(' && end > j + 2 && p[end - 1] == ')')
			xarith(X, p + j + 2, end - j - 3, inq);
		else
			xsubst(X, p + j + 1, end - j - 1, inq);
		*i = end + 1;
		return;
	}
	if (j < n && (p[j] == '@' || p[j] == '*')) {
		xpositional(X, p[j], inq);
		*i = j + 1;
		return;
	}
	end = j;
	if (j < n && (strchr("?$#!-", p[j]) || (p[j] >= '0' && p[j] <= '9')))
		end = j + 1;
	else
		while (end < n && is_name(p + j, end - j + 1))
			end++;
	if (end == j || end - j >= sizeof name) {
		xadd(X, "$", 1, inq ? F_QUOTED : 0);
		*i = j;
		return;
	}
	memcpy(name, p + j, end - j);
	name[end - j] = 0;
	val = param_value(name, tmp, sizeof tmp);
	if (val)
		xvalue(X, val, inq);
	*i = end;
}

static void
xtilde(struct xp *X, const char *p, size_t *i, size_t n)
{
	const char *home = var_get("HOME");

	if (home && (*i + 1 == n || p[*i + 1] == '/')) {
		xadd(X, home, strlen(home), F_QUOTED);
		(*i)++;
		return;
	}
	xadd(X, "~", 1, 0);
	(*i)++;
}

static void
xdquote(struct xp *X, const char *p, size_t *i, size_t n)
{
	size_t end = match_close(p, *i + 1, n, '"');

	// "$@" with no positional parameters makes no field at all.
	if (!(end - *i - 1 == 2 && strncmp(p + *i + 1, "$@", 2) == 0 && sh.npos == 0))
		X->quoted = 1;
	xword(X, p + *i + 1, end - *i - 1, 1);
	*i = end + 1;
}

static void
xword(struct xp *X, const char *p, size_t n, int inq)
{
	size_t i = 0;

	while (i < n && !X->err) {
		char c = p[i];

		if (c == '\'' && !inq) {
			const char *q = memchr(p + i + 1, '\'', n - i - 1);
			size_t end = q ? (size_t)(q - p) : n;

			xadd(X, p + i + 1, end - i - 1, F_QUOTED);
			X->quoted = 1;
			i = end + 1;
		} else if (c == '"' && inq != 1) {
			// (inq 2: the word of "${x-word}", where quotes nest.)
			xdquote(X, p, &i, n);
		} else if (c == '\\' && i + 1 < n) {
			// In double quotes a backslash quotes only $ ` " \ newline.
			if (inq && !strchr(X->heredoc ? "$`\\\n" : "$`\"\\\n", p[i + 1])) {
				xadd(X, "\\", 1, F_QUOTED);
				i++;
				continue;
			}
			xadd(X, p + i + 1, 1, F_QUOTED);
			i += 2;
		} else if (c == '$') {
			xdollar(X, p, &i, n, inq);
		} else if (c == '`') {
			size_t end = match_close(p, i + 1, n, '`');

			xbackquote(X, p + i + 1, end - i - 1, inq);
			i = end + 1;
		} else if (c == '~' && i == 0 && !inq && X->mode != M_PATTERN) {
			xtilde(X, p, &i, n);
		} else {
			xadd(X, p + i, 1, inq ? F_QUOTED : 0);
			i++;
		}
	}
}

// Expand command words into fields; -1 on an expansion error.
int
expand_words(char **words, int n, struct strv *out)
{
	for (int k = 0; k < n; k++) {
		struct xp X = {.mode = M_FIELDS, .out = out};

		xword(&X, words[k], strlen(words[k]), 0);
		if (X.err) {
			buf_free(&X.s);
			buf_free(&X.f);
			return -1;
		}
		xfinish(&X);
	}
	if (!out->v)
		strv_push(out, NULL), out->n = 0;
	return 0;
}

// One string, without field splitting or globbing; NULL on an error.
char *
expand_string(const char *word)
{
	int err;
	char *s = expand_mode(word, strlen(word), M_STRING, &err);

	if (err) {
		free(s);
		return NULL;
	}
	return s;
}

// The text of an unquoted here-document: expanded as if in double quotes.
char *
expand_heredoc(const char *body)
{
	struct xp X = {.mode = M_STRING, .heredoc = 1};

	xword(&X, body, strlen(body), 1);
	buf_free(&X.f);
	if (X.err) {
		buf_free(&X.s);
		return NULL;
	}
	return buf_take(&X.s);
}

// A pattern for case or ${x%...}: quoted characters are escaped.
char *
expand_pattern(const char *word)
{
	int err;
	char *s = expand_mode(word, strlen(word), M_PATTERN, &err);

	if (err) {
		free(s);
		return NULL;
	}
	return s;
}
