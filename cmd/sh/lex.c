// cmd/sh/lex.c: the tokenizer. A word is kept raw (quotes, backslashes,
// $(...) and ${...} as typed) for expand.c; the lexer only finds where it
// ends. It pulls more input (a continuation line) when a word, quote or
// operator is not finished.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static int
peekc(struct lexer *L)
{
	struct input *in = L->in;

	while (in->pos >= in->len) {
		if (!input_more(in))
			return -1;
	}
	return (unsigned char)in->buf[in->pos];
}

static int
nextc(struct lexer *L)
{
	int c = peekc(L);

	if (c >= 0) {
		L->in->pos++;
		if (c == '\n')
			L->line++;
	}
	return c;
}

static int
fail(struct lexer *L, const char *what, int line)
{
	snprintf(L->err, sizeof L->err, "line %d: syntax error: %s", line, what);
	return -1;
}

static int scan_until(struct lexer *L, struct buf *b, int close);

// A single-quoted string: everything up to the next quote.
static int
scan_squote(struct lexer *L, struct buf *b)
{
	int line = L->line;

	for (;;) {
		int c = nextc(L);

		if (c < 0)
			return fail(L, "unterminated quote (')", line);
		buf_putc(b, c);
		if (c == '\'')
			return 0;
	}
}

// Backslash: keep it and the next character; backslash-newline vanishes.
static int
scan_backslash(struct lexer *L, struct buf *b)
{
	int c = nextc(L);

	if (c == '\n')
		return 0;
	buf_putc(b, '\\');
	if (c >= 0)
		buf_putc(b, c);
	return 0;
}

// After '$': $(...), $((...)), ${...}, or nothing special.
static int
scan_dollar(struct lexer *L, struct buf *b)
{
	int c = peekc(L);

	buf_putc(b, '$');
	if (c == '(') {
		buf_putc(b, nextc(L));
		return scan_until(L, b, ')');
	}
	if (c == '{') {
		buf_putc(b, nextc(L));
		return scan_until(L, b, '}');
	}
	return 0;
}

// Count the words "case" and "esac" where a command starts, at one level
// of $(...), so that the ")" after a case pattern is not taken for the end
// of the substitution.
static int
is_word(struct casetrack *t, const char *w)
{
	return t->len == (int)strlen(w) && memcmp(t->w, w, (size_t)t->len) == 0;
}

void
case_feed(struct casetrack *t, int c)
{
	static const char *starters[] = {"do", "then", "else", "elif", "if", "while", "until"};

	if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9')) {
		if (t->len < (int)sizeof t->w)
			t->w[t->len] = (char)c;
		t->len++;
		return;
	}
	if (t->len > 0) {
		int start = !t->later;

		t->later = 1;
		if (start && is_word(t, "case"))
			t->cases++;
		if (start && is_word(t, "esac") && t->cases > 0)
			t->cases--;
		for (size_t i = 0; start && i < sizeof starters / sizeof starters[0]; i++)
			if (is_word(t, starters[i]))
				t->later = 0;
		t->len = 0;
	}
	if (strchr(";&|()\n{!", c))
		t->later = 0;
	else if (c != ' ' && c != '\t')
		t->later = 1;
}

// Scan up to the matching close character (')', '}', '"' or '`'),
// honouring nested quotes and substitutions; the close is kept.
static int scan_nested(struct lexer *L, struct buf *b, int close);

static int
scan_until(struct lexer *L, struct buf *b, int close)
{
	int r;

	if (L->depth >= MAX_LEX_NESTING)
		return fail(L, "quotes and substitutions nested too deep", L->line);
	L->depth++;
	r = scan_nested(L, b, close);
	L->depth--;
	return r;
}

static int
scan_nested(struct lexer *L, struct buf *b, int close)
{
	int line = L->line, depth = 0;
	struct casetrack ct = {0};

	for (;;) {
		int c = nextc(L);

		if (c < 0) {
			char what[64];

			snprintf(what, sizeof what, "missing '%c'", close);
			return fail(L, what, line);
		}
		if (close == ')')
			case_feed(&ct, c);
		if (c == '\\') {
			if (scan_backslash(L, b) < 0)
				return -1;
			continue;
		}
		if (c == close && depth == 0 && !(close == ')' && ct.cases > 0)) {
			buf_putc(b, c);
			return 0;
		}
		if (close == '`') {
			buf_putc(b, c);
			continue;
		}
		if (c == '$') {
			if (scan_dollar(L, b) < 0)
				return -1;
			continue;
		}
		buf_putc(b, c);
		if (c == '`' && scan_until(L, b, '`') < 0)
			return -1;
		if (close == '"')
			continue;
		if (c == '\'' && scan_squote(L, b) < 0)
			return -1;
		if (c == '"' && scan_until(L, b, '"') < 0)
			return -1;
		if (c == '(' && close == ')')
			depth++;
		if (c == ')' && close == ')' && depth > 0)
			depth--;
	}
}

static int
is_meta(int c)
{
	return c < 0 || strchr(" \t\n;&|<>()", c) != NULL;
}

static int
scan_word(struct lexer *L)
{
	struct buf b = {0};
	int r = 0;

	while (r == 0 && !is_meta(peekc(L))) {
		int c = nextc(L);

		if (c == '\\')
			r = scan_backslash(L, &b);
		else if (c == '\'') {
			buf_putc(&b, c);
			r = scan_squote(L, &b);
		} else if (c == '"' || c == '`') {
			buf_putc(&b, c);
			r = scan_until(L, &b, c);
		} else if (c == '$')
			r = scan_dollar(L, &b);
		else
			buf_putc(&b, c);
	}
	if (r < 0) {
		buf_free(&b);
		return L->tok = T_ERROR;
	}
	L->word = arena_strndup(L->arena, b.s ? b.s : "", b.len);
	buf_free(&b);
	return L->tok = T_WORD;
}

static int
two(struct lexer *L, int second, int yes, int no)
{
	if (peekc(L) == second) {
		nextc(L);
		return yes;
	}
	return no;
}

static int
scan_op(struct lexer *L, int c)
{
	switch (c) {
	case '\n':
		return T_NL;
	case ';':
		return two(L, ';', T_DSEMI, T_SEMI);
	case '&':
		return two(L, '&', T_AND, T_AMP);
	case '|':
		return two(L, '|', T_OR, T_PIPE);
	case '(':
		return T_LPAREN;
	case ')':
		return T_RPAREN;
	case '<':
		if (peekc(L) == '&')
			return two(L, '&', T_LESSAND, 0);
		if (peekc(L) == '>')
			return two(L, '>', T_LESSGREAT, 0);
		if (peekc(L) == '<') {
			nextc(L);
			return two(L, '-', T_DLESSDASH, T_DLESS);
		}
		return T_LESS;
	default: // '>'
		if (peekc(L) == '&')
			return two(L, '&', T_GREATAND, 0);
		if (peekc(L) == '|')
			return two(L, '|', T_CLOBBER, 0);
		return two(L, '>', T_DGREAT, T_GREAT);
	}
}

// Skip blanks, backslash-newlines and a comment.
static void
skip_space(struct lexer *L)
{
	for (;;) {
		int c = peekc(L);

		if (c == ' ' || c == '\t') {
			nextc(L);
			continue;
		}
		if (c == '\\' && L->in->pos + 1 < L->in->len &&
		    L->in->buf[L->in->pos + 1] == '\n') {
			nextc(L);
			nextc(L);
			continue;
		}
		if (c == '#') {
			while ((c = peekc(L)) >= 0 && c != '\n')
				nextc(L);
		}
		return;
	}
}

// After a newline: the text of each pending here-document, up to a line
// that is its delimiter (or the end of input).
static void
read_heredocs(struct lexer *L)
{
	for (int i = 0; i < L->nheredocs; i++) {
		struct redir *r = L->heredocs[i];
		struct buf body = {0}, line = {0};

		for (;;) {
			int c;

			line.len = 0;
			while ((c = peekc(L)) == '\t' && r->strip_tabs)
				nextc(L);
			while ((c = nextc(L)) >= 0 && c != '\n')
				buf_putc(&line, c);
			if ((line.s && strcmp(line.s, r->word) == 0) ||
			    (!line.len && !r->word[0]) || (c < 0 && line.len == 0))
				break;
			buf_putn(&body, line.s ? line.s : "", line.len);
			buf_putc(&body, '\n');
			if (c < 0)
				break;
		}
		r->body = arena_strndup(L->arena, body.s ? body.s : "", body.len);
		buf_free(&body);
		buf_free(&line);
	}
	L->nheredocs = 0;
}

// Read the next token into L->tok (and L->word, L->ionum).
int
lex_next(struct lexer *L)
{
	int c;

	skip_space(L);
	L->tok_line = L->line;
	L->ionum = -1;
	L->word = NULL;
	c = peekc(L);
	if (c < 0)
		return L->tok = T_EOF;
	if (is_meta(c)) {
		nextc(L);
		L->tok = scan_op(L, c);
		if (L->tok == T_NL && L->nheredocs)
			read_heredocs(L);
		return L->tok;
	}
	if (scan_word(L) != T_WORD)
		return L->tok;
	c = peekc(L);
	if ((c == '<' || c == '>') && strspn(L->word, "0123456789") == strlen(L->word) &&
	    strlen(L->word) < 4) {
		L->ionum = (int)strtol(L->word, NULL, 10);
		nextc(L);
		return L->tok = scan_op(L, c);
	}
	return L->tok;
}

const char *
tok_text(int tok)
{
	static const char *names[] = {
	        [T_EOF] = "end of file", [T_NL] = "newline", [T_SEMI] = ";",
	        [T_DSEMI] = ";;",        [T_AMP] = "&",      [T_AND] = "&&",
	        [T_PIPE] = "|",          [T_OR] = "||",      [T_LPAREN] = "(",
	        [T_RPAREN] = ")",        [T_LESS] = "<",     [T_GREAT] = ">",
	        [T_DGREAT] = ">>",       [T_LESSAND] = "<&", [T_GREATAND] = ">&",
	        [T_LESSGREAT] = "<>",    [T_CLOBBER] = ">|", [T_DLESS] = "<<",
	        [T_DLESSDASH] = "<<-",
	};

	if (tok >= 0 && tok < (int)(sizeof names / sizeof names[0]) && names[tok])
		return names[tok];
	return "word";
}
