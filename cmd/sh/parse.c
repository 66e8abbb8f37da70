// cmd/sh/parse.c: recursive-descent parser from tokens to the tree.
//
// Node children: N_PIPE/N_AND/N_OR/N_SEQ: a then b. N_BG, N_NOT,
// N_SUBSHELL, N_GROUP: a. N_IF: a condition, b then-part, c else-part
// (another N_IF for elif). N_WHILE/N_UNTIL: a condition, b body. N_FOR:
// name, words, b body. N_CASE: words[0] subject, items. N_FUNC: name, b
// body. Compound commands carry their redirections in redirs.
#include <stdio.h>
#include <string.h>

#include "sh.h"

static struct node *parse_list(struct parser *p, int top);
static struct node *parse_command(struct parser *p);

static int
peek(struct parser *p)
{
	if (!p->lx.have) {
		lex_next(&p->lx);
		p->lx.have = 1;
		if (p->lx.tok == T_ERROR)
			p->err = 1;
	}
	return p->lx.tok;
}

static void
consume(struct parser *p)
{
	p->lx.have = 0;
}

// Is the current token the unquoted word kw?
static int
is_kw(struct parser *p, const char *kw)
{
	return peek(p) == T_WORD && strcmp(p->lx.word, kw) == 0;
}

static const char *reserved[] = {"if",   "then",  "else",  "elif", "fi", "do", "done", "case",
                                 "esac", "while", "until", "for",  "{",  "}",  "!",    "in"};

static int
is_reserved(const char *w)
{
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (strcmp(w, reserved[i]) == 0)
			return 1;
	return 0;
}

// Record "syntax error near X: expected Y" (Y may be NULL); returns NULL.
static void *
syntax(struct parser *p, const char *expected)
{
	const char *near = peek(p) == T_WORD ? p->lx.word : tok_text(p->lx.tok);
	int n;

	if (p->err)
		return NULL;
	p->err = 1;
	n = snprintf(p->lx.err, sizeof p->lx.err, "line %d: syntax error near '%s'", p->lx.tok_line,
	             near);
	if (p->lx.tok == T_EOF)
		n = snprintf(p->lx.err, sizeof p->lx.err,
		             "line %d: syntax error: unexpected end of file", p->lx.tok_line);
	if (expected && n > 0 && (size_t)n < sizeof p->lx.err)
		snprintf(p->lx.err + n, sizeof p->lx.err - (size_t)n, ": expected %s", expected);
	return NULL;
}

static struct node *
new_node(struct parser *p, int type)
{
	struct node *n = arena_alloc(p->lx.arena, sizeof *n);

	n->type = type;
	n->line = p->lx.tok_line;
	return n;
}

static struct node *
pair(struct parser *p, int type, struct node *a, struct node *b)
{
	struct node *n = new_node(p, type);

	n->a = a;
	n->b = b;
	return n;
}

static void
skip_nl(struct parser *p)
{
	while (peek(p) == T_NL)
		consume(p);
}

static int
expect_kw(struct parser *p, const char *kw)
{
	char what[32];

	if (is_kw(p, kw)) {
		consume(p);
		return 0;
	}
	snprintf(what, sizeof what, "'%s'", kw);
	syntax(p, what);
	return -1;
}

static int
is_redir_tok(int t)
{
	return t == T_LESS || t == T_GREAT || t == T_DGREAT || t == T_LESSAND || t == T_GREATAND ||
	       t == T_LESSGREAT || t == T_CLOBBER || t == T_DLESS || t == T_DLESSDASH;
}

// <<WORD: the text comes after the end of the line (lex.c reads it).
// Quotes in the delimiter mean the text is taken as it is.
static struct redir *
parse_heredoc(struct parser *p, struct redir *r, int strip, int ionum)
{
	struct buf delim = {0};

	r->op = R_HEREDOC;
	r->line = p->lx.tok_line;
	r->fd = ionum >= 0 ? ionum : 0;
	r->strip_tabs = strip;
	consume(p);
	if (peek(p) != T_WORD)
		return syntax(p, "a delimiter after '<<'");
	for (const char *s = p->lx.word; *s; s++) {
		if (*s == '\'' || *s == '"' || *s == '\\') {
			r->quoted = 1;
			if (*s == '\\' && s[1])
				buf_putc(&delim, *++s);
			continue;
		}
		buf_putc(&delim, *s);
	}
	r->word = arena_strndup(p->lx.arena, delim.s ? delim.s : "", delim.len);
	buf_free(&delim);
	consume(p);
	if (p->lx.nheredocs == (int)(sizeof p->lx.heredocs / sizeof p->lx.heredocs[0])) {
		snprintf(p->lx.err, sizeof p->lx.err,
		         "line %d: too many here-documents on one line", r->line);
		p->err = 1;
		return NULL;
	}
	p->lx.heredocs[p->lx.nheredocs++] = r;
	return r;
}

// Parse one redirection (the current token is its operator).
static struct redir *
parse_redir(struct parser *p)
{
	struct redir *r = arena_alloc(p->lx.arena, sizeof *r);
	int t = peek(p), ionum = p->lx.ionum;
	static const int ops[] = {
	        [T_LESS] = R_IN,       [T_GREAT] = R_OUT,       [T_DGREAT] = R_APPEND,
	        [T_LESSAND] = R_DUPIN, [T_GREATAND] = R_DUPOUT, [T_LESSGREAT] = R_RDWR,
	        [T_CLOBBER] = R_OUT};

	if (t == T_DLESS || t == T_DLESSDASH)
		return parse_heredoc(p, r, t == T_DLESSDASH, ionum);
	r->op = ops[t];
	r->line = p->lx.tok_line;
	r->fd = ionum >= 0 ? ionum : (r->op == R_IN || r->op == R_DUPIN || r->op == R_RDWR) ? 0 : 1;
	consume(p);
	if (peek(p) != T_WORD)
		return syntax(p, "a file name after the redirection");
	r->word = p->lx.word;
	consume(p);
	return r;
}

// Redirections after a compound command.
static int
parse_redirs(struct parser *p, struct redir **tail)
{
	while (!p->err && is_redir_tok(peek(p))) {
		struct redir *r = parse_redir(p);

		if (!r)
			return -1;
		*tail = r;
		tail = &r->next;
	}
	return p->err ? -1 : 0;
}

static char **
push_word(struct parser *p, char **v, int *n, char *w)
{
	char **nv = arena_alloc(p->lx.arena, (size_t)(*n + 2) * sizeof *nv);

	if (*n && v)
		memcpy(nv, v, (size_t)*n * sizeof *nv);
	nv[(*n)++] = w;
	return nv;
}

static int
is_assignment(const char *w)
{
	const char *eq = strchr(w, '=');

	return eq && is_name(w, (size_t)(eq - w));
}

static struct node *
parse_funcdef(struct parser *p, struct node *n)
{
	consume(p); // (
	if (peek(p) != T_RPAREN)
		return syntax(p, "')' after '('");
	consume(p);
	if (!is_name(n->words[0], strlen(n->words[0])))
		return syntax(p, "a function name");
	n->type = N_FUNC;
	n->name = n->words[0];
	n->words = NULL;
	n->nwords = 0;
	skip_nl(p);
	n->b = parse_command(p);
	if (!n->b)
		return syntax(p, "a function body");
	p->lx.arena->keep = 1;
	return n;
}

static struct node *
parse_simple(struct parser *p)
{
	struct node *n = new_node(p, N_SIMPLE);
	struct redir **tail = &n->redirs;

	for (;;) {
		int t = peek(p);

		if (p->err)
			return NULL;
		if (is_redir_tok(t)) {
			struct redir *r = parse_redir(p);

			if (!r)
				return NULL;
			*tail = r;
			tail = &r->next;
			continue;
		}
		if (t == T_LPAREN && n->nwords == 1 && n->nassigns == 0 && !n->redirs)
			return parse_funcdef(p, n);
		if (t != T_WORD)
			break;
		if (n->nwords == 0 && is_assignment(p->lx.word))
			n->assigns = push_word(p, n->assigns, &n->nassigns, p->lx.word);
		else
			n->words = push_word(p, n->words, &n->nwords, p->lx.word);
		consume(p);
	}
	if (n->nwords == 0 && n->nassigns == 0 && !n->redirs)
		return syntax(p, NULL);
	return n;
}

// A compound list that must not be empty, e.g. the body of "then".
static struct node *
parse_body(struct parser *p)
{
	struct node *n = parse_list(p, 0);

	if (!n && !p->err)
		return syntax(p, "a command");
	return n;
}

static struct node *
parse_if(struct parser *p)
{
	struct node *n = new_node(p, N_IF);

	consume(p); // if or elif
	if (!(n->a = parse_body(p)) || expect_kw(p, "then") < 0)
		return NULL;
	if (!(n->b = parse_body(p)))
		return NULL;
	if (is_kw(p, "elif")) {
		n->c = parse_if(p);
		return n->c ? n : NULL;
	}
	if (is_kw(p, "else")) {
		consume(p);
		if (!(n->c = parse_body(p)))
			return NULL;
	}
	return expect_kw(p, "fi") < 0 ? NULL : n;
}

static struct node *
parse_loop(struct parser *p, int type)
{
	struct node *n = new_node(p, type);

	consume(p);
	if (!(n->a = parse_body(p)) || expect_kw(p, "do") < 0)
		return NULL;
	if (!(n->b = parse_body(p)) || expect_kw(p, "done") < 0)
		return NULL;
	return n;
}

static struct node *
parse_for(struct parser *p)
{
	struct node *n = new_node(p, N_FOR);

	consume(p);
	if (peek(p) != T_WORD || !is_name(p->lx.word, strlen(p->lx.word)))
		return syntax(p, "a variable name after 'for'");
	n->name = p->lx.word;
	consume(p);
	skip_nl(p);
	if (is_kw(p, "in")) {
		consume(p);
		n->has_in = 1;
		while (peek(p) == T_WORD) {
			n->words = push_word(p, n->words, &n->nwords, p->lx.word);
			consume(p);
		}
		if (peek(p) != T_SEMI && peek(p) != T_NL)
			return syntax(p, "';' or newline before 'do'");
		consume(p);
	} else if (peek(p) == T_SEMI)
		consume(p);
	skip_nl(p);
	if (expect_kw(p, "do") < 0 || !(n->b = parse_body(p)) || expect_kw(p, "done") < 0)
		return NULL;
	return n;
}

static struct caseitem *
parse_caseitem(struct parser *p)
{
	struct caseitem *it = arena_alloc(p->lx.arena, sizeof *it);

	if (peek(p) == T_LPAREN)
		consume(p);
	for (;;) {
		if (peek(p) != T_WORD)
			return syntax(p, "a pattern");
		it->pats = push_word(p, it->pats, &it->npats, p->lx.word);
		consume(p);
		if (peek(p) == T_RPAREN)
			break;
		if (peek(p) != T_PIPE)
			return syntax(p, "')' or '|' after a pattern");
		consume(p);
	}
	consume(p);
	it->body = parse_list(p, 0);
	if (p->err)
		return NULL;
	if (peek(p) == T_DSEMI) {
		consume(p);
		skip_nl(p);
	} else if (!is_kw(p, "esac"))
		return syntax(p, "';;' or 'esac'");
	return it;
}

static struct node *
parse_case(struct parser *p)
{
	struct node *n = new_node(p, N_CASE);
	struct caseitem **tail = &n->items;

	consume(p);
	if (peek(p) != T_WORD)
		return syntax(p, "a word after 'case'");
	n->words = push_word(p, NULL, &n->nwords, p->lx.word);
	consume(p);
	skip_nl(p);
	if (expect_kw(p, "in") < 0)
		return NULL;
	skip_nl(p);
	while (!is_kw(p, "esac")) {
		struct caseitem *it = parse_caseitem(p);

		if (!it)
			return NULL;
		*tail = it;
		tail = &it->next;
	}
	consume(p);
	return n;
}

static struct node *
parse_group(struct parser *p, int type, const char *close)
{
	struct node *n = new_node(p, type);

	consume(p);
	if (!(n->a = parse_body(p)))
		return NULL;
	if (type == N_SUBSHELL) {
		if (peek(p) != T_RPAREN)
			return syntax(p, "')'");
		consume(p);
		return n;
	}
	return expect_kw(p, close) < 0 ? NULL : n;
}

static struct node *
parse_compound(struct parser *p)
{
	const char *w = p->lx.word;

	if (peek(p) == T_LPAREN)
		return parse_group(p, N_SUBSHELL, ")");
	if (strcmp(w, "{") == 0)
		return parse_group(p, N_GROUP, "}");
	if (strcmp(w, "if") == 0)
		return parse_if(p);
	if (strcmp(w, "while") == 0)
		return parse_loop(p, N_WHILE);
	if (strcmp(w, "until") == 0)
		return parse_loop(p, N_UNTIL);
	if (strcmp(w, "for") == 0)
		return parse_for(p);
	if (strcmp(w, "case") == 0)
		return parse_case(p);
	return syntax(p, NULL);
}

static struct node *
parse_command(struct parser *p)
{
	struct node *n;

	if (peek(p) != T_LPAREN && !(peek(p) == T_WORD && is_reserved(p->lx.word)))
		return parse_simple(p);
	if (p->depth >= MAX_PARSE_NESTING)
		return syntax(p, "fewer nested compound commands (the limit is 200)");
	p->depth++;
	n = parse_compound(p);
	p->depth--;
	if (n && parse_redirs(p, &n->redirs) < 0)
		return NULL;
	return n;
}

static struct node *
parse_pipeline(struct parser *p)
{
	int negate = 0;
	struct node *n;

	if (is_kw(p, "!")) {
		consume(p);
		negate = 1;
	}
	if (!(n = parse_command(p)))
		return NULL;
	while (peek(p) == T_PIPE) {
		struct node *rhs;

		consume(p);
		skip_nl(p);
		if (!(rhs = parse_command(p)))
			return NULL;
		n = pair(p, N_PIPE, n, rhs);
	}
	return negate ? pair(p, N_NOT, n, NULL) : n;
}

static struct node *
parse_andor(struct parser *p)
{
	struct node *n = parse_pipeline(p);

	while (n && (peek(p) == T_AND || peek(p) == T_OR)) {
		int type = p->lx.tok == T_AND ? N_AND : N_OR;
		struct node *rhs;

		consume(p);
		skip_nl(p);
		if (!(rhs = parse_pipeline(p)))
			return NULL;
		n = pair(p, type, n, rhs);
	}
	return n;
}

// Does the current token end a compound list?
static int
ends_list(struct parser *p)
{
	static const char *ends[] = {"then", "else", "elif", "fi", "do", "done", "esac", "}"};
	int t = peek(p);

	if (t == T_EOF || t == T_RPAREN || t == T_DSEMI)
		return 1;
	if (t != T_WORD)
		return 0;
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
		if (strcmp(p->lx.word, ends[i]) == 0)
			return 1;
	return 0;
}

// A list of and-or lists separated by ';', '&' or (inside compound
// commands) newlines. At the top level it ends at a newline, which is left
// as the current token.
static struct node *
parse_list(struct parser *p, int top)
{
	struct node *list = NULL;

	for (;;) {
		struct node *n;

		if (!top)
			skip_nl(p);
		if (p->err)
			return NULL;
		if (top ? (peek(p) == T_EOF || peek(p) == T_NL) : ends_list(p))
			break;
		if (!(n = parse_andor(p)))
			return NULL;
		if (peek(p) == T_AMP) {
			n = pair(p, N_BG, n, NULL);
			consume(p);
		} else if (peek(p) == T_SEMI) {
			consume(p);
		} else if (peek(p) != T_NL && !(!top && ends_list(p)) && peek(p) != T_EOF) {
			return syntax(p, NULL);
		}
		list = list ? pair(p, N_SEQ, list, n) : n;
	}
	return list;
}

int
parse_line(struct parser *p, struct node **out)
{
	struct node *n;

	*out = NULL;
	p->err = 0;
	if (peek(p) == T_EOF)
		return p->err ? -1 : 0;
	n = parse_list(p, 1);
	if (p->err)
		return -1;
	if (peek(p) == T_NL)
		consume(p);
	else if (peek(p) != T_EOF) {
		syntax(p, NULL);
		return -1;
	}
	*out = n;
	return 1;
}
