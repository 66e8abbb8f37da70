// cmd/man/mdoc.c: turning the mdoc(7) subset Gremlin's pages use into
// filled plain text. A page is read line by line: text lines are words to
// fill, macro lines (starting with '.') are split into arguments and
// rendered by the macro table below, with macros callable inside a line
// (.Op Fl n Ar file) handled by a recursive walk over the arguments.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdoc.h"

enum { INDENT = 5, MAXARGS = 64, LINEMAX = 1024, TAGINDENT = 6 };

// The zero-width character \& stands for until a word is printed.
#define ZW '\x01'

struct out {
	FILE *f, *err;
	int width;
	int indent;    // left margin of filled text
	int col;       // characters on the current output line
	int nospace;   // the next word joins the previous one
	int literal;   // inside .Bd -literal
	int synopsis;  // inside SYNOPSIS
	int listdepth; // open .Bl lists
	int unknown;   // unknown macros met
	int text;      // in a text line: punctuation is not special
	int blanked;   // the last line out was empty or a heading
	char name[64]; // the page's .Nm
	char line[LINEMAX * 2];
	int len; // bytes in line
};

// Emit the pending output line.
static void
flush(struct out *o)
{
	if (o->len > 0) {
		fwrite(o->line, 1, (size_t)o->len, o->f);
		fputc('\n', o->f);
		o->blanked = 0;
	}
	o->len = 0;
	o->col = 0;
}

// An empty line between paragraphs (none right after a heading or another
// empty line).
static void
blank(struct out *o)
{
	flush(o);
	if (!o->blanked)
		fputc('\n', o->f);
	o->blanked = 1;
}

// Whether a word is closing punctuation, which joins the word before it
// (unless it was escaped with \&).
static int
ispunct_(const char *w)
{
	return strlen(w) == 1 && strchr(".,;:)]?!", w[0]) != NULL;
}

// Add one word at the margin, wrapping first if it does not fit. A word
// glues to the previous one if nospace is set or it is closing punctuation.
static void
word(struct out *o, const char *in)
{
	int glue = o->nospace || (!o->text && ispunct_(in) && o->len > 0);
	int opens = !o->text && (strcmp(in, "(") == 0 || strcmp(in, "[") == 0);
	char w[LINEMAX];
	size_t wl = 0;

	// Drop zero-width marks; a word longer than a line is cut.
	for (; *in && wl < sizeof w - 1; in++)
		if (*in != ZW)
			w[wl++] = *in;
	w[wl] = '\0';
	o->nospace = 0;
	if (wl == 0)
		return;
	if (o->len > 0 && !glue && o->col + 1 + (int)wl > o->width)
		flush(o);
	if (o->len == 0) {
		for (int i = 0; i < o->indent && o->len < (int)sizeof o->line - 1; i++)
			o->line[o->len++] = ' ';
		o->col = o->len;
	} else if (!glue && o->len < (int)sizeof o->line - 1) {
		o->line[o->len++] = ' ';
		o->col++;
	}
	if (o->len + (int)wl >= (int)sizeof o->line)
		flush(o); // Only a word longer than a line can get here.
	memcpy(o->line + o->len, w, wl);
	o->len += (int)wl;
	o->col += (int)wl;
	o->nospace = opens; // An opening bracket joins the word after it.
}

// Undo roff escapes in s (in place): \- \e \& \(xx \fX and \" comments.
static void
unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (*s != '\\') {
			*d++ = *s;
			continue;
		}
		s++;
		if (*s == '\0' || *s == '"')
			break;
		if (*s == '-' || *s == 'e')
			*d++ = *s == 'e' ? '\\' : '-';
		else if (*s == '(' && s[1] && s[2]) {
			const char *r = strncmp(s + 1, "em", 2) == 0   ? "--"
			                : strncmp(s + 1, "aq", 2) == 0 ? "'"
			                : strncmp(s + 1, "dq", 2) == 0 ? "\""
			                : strncmp(s + 1, "->", 2) == 0 ? "->"
			                : strncmp(s + 1, "<=", 2) == 0 ? "<="
			                : strncmp(s + 1, ">=", 2) == 0 ? ">="
			                                               : "?";
			d += strlen(strcpy(d, r));
			s += 2;
		} else if (*s == 'f' && s[1])
			s++;
		else if (*s == '&')
			*d++ = ZW; // Zero width: keeps "\&." from being punctuation.
		else
			*d++ = *s;
	}
	*d = '\0';
}

// Split a macro line (after the '.') into arguments, honouring "quotes".
static int
split(char *s, char **argv)
{
	int n = 0;

	while (*s && n < MAXARGS) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		if (*s == '"') {
			argv[n++] = ++s;
			while (*s && !(*s == '"' && s[1] != '"'))
				s++;
		} else {
			argv[n++] = s;
			while (*s && *s != ' ' && *s != '\t')
				s++;
		}
		if (*s)
			*s++ = '\0';
	}
	for (int i = 0; i < n; i++)
		unescape(argv[i]);
	return n;
}

// The macros that may be called inside a line.
static const char *const callable[] = {"Ar", "Cm", "Dq", "Dv", "Em", "Ev", "Fl", "Ic",
                                       "Li", "Nm", "Ns", "Op", "Pa", "Pq", "Ql", "Sq",
                                       "Sy", "Va", "Xr", "Pc", "Po", "Oo", "Oc", "Fn", NULL};

static int
iscallable(const char *s)
{
	for (int i = 0; callable[i]; i++)
		if (strcmp(s, callable[i]) == 0)
			return 1;
	return 0;
}

// How many arguments after argv[0] belong to it: up to the next callable
// macro.
static int
span(char **argv, int n)
{
	int k = 1;

	while (k < n && !iscallable(argv[k]))
		k++;
	return k - 1;
}

static int inline_(struct out *o, char **argv, int n);

// Words wrapped in open/close (for .Op .Pq .Ql .Dq .Sq): the rest of the
// line, macros included, goes inside; trailing punctuation stays out.
static void
enclose(struct out *o, char **argv, int n, const char *open, const char *close)
{
	int end = n;

	while (end > 0 && ispunct_(argv[end - 1]))
		end--;
	word(o, open);
	o->nospace = 1;
	for (int i = 0; i < end;)
		i += inline_(o, argv + i, end - i);
	o->nospace = 1;
	word(o, close);
	for (int i = end; i < n; i++)
		word(o, argv[i]);
}

// Render argv[0..n) starting with a callable macro or a plain word; returns
// how many arguments it consumed.
static int
inline_(struct out *o, char **argv, int n)
{
	const char *m = argv[0];
	int k = span(argv, n);

	if (!iscallable(m)) {
		word(o, m);
		return 1;
	}
	if (strcmp(m, "Op") == 0 || strcmp(m, "Pq") == 0 || strcmp(m, "Ql") == 0 ||
	    strcmp(m, "Dq") == 0 || strcmp(m, "Sq") == 0) {
		const char *open = m[0] == 'O' ? "[" : m[0] == 'P' ? "(" : m[0] == 'D' ? "\"" : "'";
		const char *close = m[0] == 'O'   ? "]"
		                    : m[0] == 'P' ? ")"
		                    : m[0] == 'D' ? "\""
		                                  : "'";

		enclose(o, argv + 1, n - 1, open, close);
		return n;
	}
	if (strcmp(m, "Ns") == 0) {
		o->nospace = 1;
		return 1;
	}
	if (strcmp(m, "Po") == 0 || strcmp(m, "Pc") == 0 || strcmp(m, "Oo") == 0 ||
	    strcmp(m, "Oc") == 0) {
		// Open and close a bracket over several lines or macros.
		if (m[1] == 'c')
			o->nospace = 1;
		word(o, m[0] == 'P' ? (m[1] == 'o' ? "(" : ")") : (m[1] == 'o' ? "[" : "]"));
		if (m[1] == 'o')
			o->nospace = 1;
		return 1;
	}
	if (strcmp(m, "Fl") == 0) {
		char buf[LINEMAX + 2];

		if (k == 0)
			word(o, "-");
		for (int i = 1; i <= k; i++) {
			if (ispunct_(argv[i])) {
				word(o, argv[i]);
				continue;
			}
			snprintf(buf, sizeof buf, "-%s", argv[i]);
			word(o, buf);
		}
		return k + 1;
	}
	if (strcmp(m, "Xr") == 0 && k >= 2) {
		char buf[LINEMAX * 2 + 4];

		snprintf(buf, sizeof buf, "%s(%s)", argv[1], argv[2]);
		word(o, buf);
		for (int i = 3; i <= k; i++)
			word(o, argv[i]);
		return k + 1;
	}
	if (strcmp(m, "Fn") == 0 && k >= 1) {
		// A function call: name(arg, ...); trailing punctuation stays out.
		char buf[LINEMAX * 2 + 4];
		int end = k;
		size_t len;

		while (end > 1 && ispunct_(argv[end]))
			end--;
		len = (size_t)snprintf(buf, sizeof buf, "%s(", argv[1]);
		for (int i = 2; i <= end && len < sizeof buf; i++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i > 2 ? ", " : "",
			                        argv[i]);
		if (len < sizeof buf)
			snprintf(buf + len, sizeof buf - len, ")");
		word(o, buf);
		for (int i = end + 1; i <= k; i++)
			word(o, argv[i]);
		return k + 1;
	}
	if (strcmp(m, "Nm") == 0) {
		if (k > 0 && !o->name[0])
			snprintf(o->name, sizeof o->name, "%s", argv[1]);
		if (k == 0 || ispunct_(argv[1]))
			word(o, o->name);
		for (int i = 1; i <= k; i++)
			word(o, argv[i]);
		return k + 1;
	}
	if (strcmp(m, "Ar") == 0 && k == 0) {
		word(o, "file");
		word(o, "...");
		return 1;
	}
	// Ar Cm Dv Em Ev Ic Li Pa Sy Va: the words as they are.
	for (int i = 1; i <= k; i++)
		word(o, argv[i]);
	return k + 1;
}

// A section heading.
static void
heading(struct out *o, char **argv, int n)
{
	flush(o);
	if (o->listdepth == 0)
		fputc('\n', o->f);
	o->indent = 0;
	for (int i = 0; i < n; i++)
		word(o, argv[i]);
	flush(o);
	o->blanked = 1;
	o->indent = INDENT;
	o->listdepth = 0;
	o->synopsis = n == 1 && strcmp(argv[0], "SYNOPSIS") == 0;
}

// The title line from .Dt NAME SECTION.
static void
title(struct out *o, char **argv, int n)
{
	char t[160];
	int pad;

	snprintf(t, sizeof t, "%s(%s)", n > 0 ? argv[0] : "?", n > 1 ? argv[1] : "?");
	pad = o->width - 2 * (int)strlen(t) - 7;
	if (pad < 2)
		pad = 2;
	fprintf(o->f, "%s%*s%s%*s%s\n", t, pad / 2, "", "Gremlin", pad - pad / 2, "", t);
}

// Handle one macro line; argv[0] is the macro name.
static void
macro(struct out *o, char **argv, int n)
{
	const char *m = argv[0];

	if (strcmp(m, "Dd") == 0 || strcmp(m, "Os") == 0 || strcmp(m, "\\\"") == 0 || m[0] == '\\')
		return;
	if (strcmp(m, "Dt") == 0)
		return title(o, argv + 1, n - 1);
	if (strcmp(m, "Sh") == 0 || strcmp(m, "Ss") == 0)
		return heading(o, argv + 1, n - 1);
	if (strcmp(m, "Pp") == 0 || strcmp(m, "Lp") == 0)
		return blank(o);
	if (strcmp(m, "Nd") == 0) {
		word(o, "-");
		for (int i = 1; i < n; i++)
			word(o, argv[i]);
		return;
	}
	if (strcmp(m, "Nm") == 0 && o->synopsis && o->len > 0)
		flush(o); // Each synopsis form starts a line.
	if (strcmp(m, "Bl") == 0) {
		flush(o);
		o->listdepth++;
		o->indent = INDENT + TAGINDENT * (o->listdepth - 1);
		return;
	}
	if (strcmp(m, "El") == 0) {
		flush(o);
		if (o->listdepth > 0) {
			o->listdepth--;
			o->indent = INDENT + TAGINDENT * o->listdepth;
		}
		return;
	}
	if (strcmp(m, "It") == 0) {
		blank(o); // Items are separated by an empty line, as in mandoc.
		if (o->listdepth == 0)
			o->listdepth = 1;
		o->indent = INDENT + TAGINDENT * (o->listdepth - 1);
		for (int i = 1; i < n;)
			i += inline_(o, argv + i, n - i);
		flush(o);
		o->indent += TAGINDENT;
		return;
	}
	if (strcmp(m, "Bd") == 0) {
		// 1: literal at the margin, 2: indented (-offset).
		blank(o);
		o->literal = 1;
		for (int i = 1; i < n; i++)
			if (strcmp(argv[i], "-offset") == 0)
				o->literal = 2;
		return;
	}
	if (strcmp(m, "Ed") == 0) {
		o->literal = 0;
		return;
	}
	if (strcmp(m, "Dl") == 0 || strcmp(m, "D1") == 0) {
		int save = o->indent;

		flush(o);
		o->indent += TAGINDENT;
		for (int i = 1; i < n;)
			i += inline_(o, argv + i, n - i);
		flush(o);
		o->indent = save;
		return;
	}
	if (!iscallable(m)) {
		if (o->err && o->unknown == 0)
			fprintf(o->err,
			        "man: macro .%s is not supported; its words are shown as text\n",
			        m);
		o->unknown++;
		for (int i = 1; i < n; i++)
			word(o, argv[i]);
		return;
	}
	for (int i = 0; i < n;)
		i += inline_(o, argv + i, n - i);
}

// One input line.
static void
line(struct out *o, char *s)
{
	char *argv[MAXARGS];

	if (strncmp(s, ".\\\"", 3) == 0 || strncmp(s, "'\\\"", 3) == 0)
		return;
	if (o->literal && strncmp(s, ".Ed", 3) != 0) {
		char *d = s;

		unescape(s);
		for (char *c = s; *c; c++) // Drop zero-width marks.
			if (*c != ZW)
				*d++ = *c;
		*d = '\0';
		flush(o);
		fprintf(o->f, "%*s%s\n", o->indent + (o->literal > 1 ? TAGINDENT : 0), "", s);
		return;
	}
	if (s[0] == '.') {
		int n = split(s + 1, argv);

		if (n > 0)
			macro(o, argv, n);
		return;
	}
	if (s[0] == '\0') {
		blank(o);
		return;
	}
	unescape(s);
	o->text = 1;
	for (char *w = strtok(s, " \t"); w; w = strtok(NULL, " \t"))
		word(o, w);
	o->text = 0;
}

int
mdoc_render(const char *src, size_t n, int width, FILE *f, FILE *err)
{
	static struct out o;
	static char buf[LINEMAX];
	size_t at = 0;

	memset(&o, 0, sizeof o);
	o.f = f;
	o.err = err;
	o.width = width;
	o.indent = INDENT;
	while (at < n) {
		const char *nl = memchr(src + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (src + at)) : n - at;

		if (len >= sizeof buf)
			len = sizeof buf - 1; // An over-long line is cut, not overrun.
		memcpy(buf, src + at, len);
		buf[len] = '\0';
		line(&o, buf);
		at += (nl ? (size_t)(nl - (src + at)) + 1 : n - at);
	}
	flush(&o);
	return o.unknown;
}
