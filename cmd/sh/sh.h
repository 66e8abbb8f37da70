// cmd/sh/sh.h: the shell's shared types and every cross-file function,
// grouped by the file that defines it. docs/sh.md describes the language.
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>

// util.c: memory, growable strings and string vectors, error messages.
struct buf {
	char *s;
	size_t len, cap;
};
struct strv {
	char **v; // always NULL-terminated once anything was pushed
	int n, cap;
};
struct arena {
	struct ablock *blocks;
	struct arena *next;
	int keep; // a function definition points into it: never freed
};
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void buf_putc(struct buf *b, int c);
void buf_putn(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
char *buf_take(struct buf *b);
void buf_free(struct buf *b);
void strv_push(struct strv *v, char *s);
void strv_free(struct strv *v);
struct arena *arena_new(void);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fd_puts(int fd, const char *s);
int is_name(const char *s, size_t n);
int parse_int(const char *s, long *out);

// input.c: where commands come from (a string, a file, standard input,
// the line editor), one line at a time.
struct input {
	char *buf;
	size_t len, pos, cap;
	int fd;          // -1: the buffer is everything
	int interactive; // prompt and edit with the line editor
	int eof;         // no more input
	int cont;        // the next line continues a command (PS2)
	int cancel;      // Ctrl-C discarded the command being typed
	const char *name;
};
void input_string(struct input *in, const char *s, const char *name);
int input_file(struct input *in, const char *path);
void input_fd(struct input *in, int fd, int interactive);
int input_more(struct input *in);
void input_discard(struct input *in);
void input_free(struct input *in);

// lex.c: tokens.
enum tok {
	T_EOF,
	T_WORD,
	T_NL,
	T_SEMI,
	T_DSEMI,
	T_AMP,
	T_AND,
	T_PIPE,
	T_OR,
	T_LPAREN,
	T_RPAREN,
	T_LESS,
	T_GREAT,
	T_DGREAT,
	T_LESSAND,
	T_GREATAND,
	T_LESSGREAT,
	T_CLOBBER,
	T_DLESS,
	T_DLESSDASH,
	T_ERROR,
};
struct lexer {
	struct input *in;
	struct arena *arena;
	int line;                   // line of the next character
	int tok;                    // current token (valid when have != 0)
	int have;                   // a token has been read ahead
	char *word;                 // T_WORD text, raw (quotes kept)
	int ionum;                  // digits before a redirection operator, or -1
	int tok_line;               // line the current token starts on
	struct redir *heredocs[16]; // here-documents whose text follows the line
	int nheredocs;
	int depth; // nesting of quotes and substitutions being scanned
	char err[200];
};
int lex_next(struct lexer *L);
struct casetrack {
	char w[6];
	int len, cases;
	int later; // not at the start of a command
};
void case_feed(struct casetrack *t, int c);
const char *tok_text(int tok);

// parse.c: the syntax tree.
enum node_type {
	N_SIMPLE,
	N_PIPE,
	N_AND,
	N_OR,
	N_SEQ,
	N_BG,
	N_NOT,
	N_SUBSHELL,
	N_GROUP,
	N_IF,
	N_WHILE,
	N_UNTIL,
	N_FOR,
	N_CASE,
	N_FUNC,
};
enum redir_op { R_IN, R_OUT, R_APPEND, R_DUPIN, R_DUPOUT, R_RDWR, R_HEREDOC };
struct redir {
	int fd, op, line;
	char *word;     // the target; for a here-document, its delimiter
	char *body;     // R_HEREDOC: the text (raw; expanded unless quoted)
	int quoted;     // R_HEREDOC: the delimiter was quoted, no expansion
	int strip_tabs; // R_HEREDOC: <<- removes leading tabs
	struct redir *next;
};
struct caseitem {
	char **pats;
	int npats;
	struct node *body;
	struct caseitem *next;
};
struct node {
	int type, line;
	struct node *a, *b, *c; // children (see parse.c for each type)
	char **words;           // simple: arguments; for: the list; case: [0] subject
	int nwords;
	char **assigns;
	int nassigns;
	struct redir *redirs;
	char *name; // for: variable; func: name
	int has_in; // for: an "in" list was given
	struct caseitem *items;
};
struct parser {
	struct lexer lx;
	int err;
	int depth; // nesting of compound commands being parsed
};
// Limits that keep deep nesting from exhausting the stack.
#define MAX_LEX_NESTING 100
#define MAX_PARSE_NESTING 200
#define MAX_CALL_NESTING 256
// Parse one complete command: 1 and *out (NULL for an empty line), 0 at
// end of input, -1 on a syntax error (message in p->lx.err).
int parse_line(struct parser *p, struct node **out);

// expand.c: word expansion.
int expand_words(char **words, int n, struct strv *out);
char *expand_string(const char *word); // no splitting, no globbing; NULL on error
char *expand_pattern(const char *word);
char *expand_heredoc(const char *body);

// arith.c: $((...)).
int arith_eval(const char *expr, long *out, char *err, size_t errlen);

// glob.c: pattern matching and pathname expansion.
int pat_match(const char *pat, const char *s);
int pat_has_magic(const char *pat);
int glob_expand(const char *pat, struct strv *out);

// vars.c: shell variables and the environment.
const char *var_get(const char *name);
void var_set(const char *name, const char *val, int export);
void var_unset(const char *name);
void var_export(const char *name);
char **var_environ(void);
void var_init(char **envp);
void var_print(int exported);
struct varsave;
struct varsave *var_save(const char *name, struct varsave *next);
void var_restore(struct varsave *s);

// func.c: shell functions.
void func_define(const char *name, struct node *body);
struct node *func_find(const char *name);
int func_call(struct node *body, char **argv, int argc, int flags);
void pos_set(char **v, int n); // replace $1... with copies of v

// exec.c: running the tree. EV_EXIT: this is a forked child that ends
// after the node (so a program may replace it); EV_TESTED: a condition,
// where set -e does not apply. J_*: the jump being unwound (sh.jump).
enum { EV_EXIT = 1, EV_TESTED = 2 };
enum { J_NONE, J_BREAK, J_CONTINUE, J_RETURN, J_INTR };
int exec_node(struct node *n, int flags);
int exec_program(char **argv);
pid_t sh_fork(int background);

// path.c: finding and starting programs.
void exec_external(char **argv) __attribute__((noreturn));
char *path_find(const char *name);

// run.c: the read-parse-run loop.
int run_source(struct input *in);
int run_string(const char *s, const char *name);

// redir.c: redirections.
struct fdsave;
int redir_apply(struct redir *r, struct fdsave **save);
void redir_restore(struct fdsave *s);
void redir_keep(struct fdsave *s);
void redir_child(void);

// builtins.c, test.c, printf.c: commands run inside the shell.
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_find(const char *name, int *special);
int builtin_test(int argc, char **argv);
int builtin_printf(int argc, char **argv);
void builtin_help(void);

// jobs.c: child processes, their status, background jobs.
int job_wait(pid_t pid, int foreground);
void job_add(pid_t pid);
int job_wait_all(void);
int job_wait_one(pid_t pid);
void job_report(void);

// hist.c: command history.
void hist_init(void);
void hist_add(const char *line);
int hist_count(void);
const char *hist_get(int i);

// edit.c: the line editor. Returns a malloc'd line without its newline,
// NULL at end of input (Ctrl-D), or "" with *cancel set on Ctrl-C.
char *edit_line(const char *prompt, int *cancel);

// tty.c: the terminal's raw mode (the only file that knows termios).
int tty_raw(int fd);
void tty_restore(int fd);

// intr.c: interrupts (Ctrl-C) and how children start (the only file that
// knows signals; on Gremlin it becomes notes).
void intr_init(int interactive);
void intr_child(int background);
int intr_pending(void);
void intr_clear(void);
const char *intr_signame(int sig);

// main.c: the shell's global state.
struct shell {
	int status;      // $?
	int interactive; // reading commands from a terminal
	int opt_e, opt_x;
	pid_t pid, rootpid, lastbg; // $$, the process that is the shell, $!
	int jump, jumpn;            // pending jump; its loop count, or return's status
	int loops;                  // depth of loops being run
	int funcs;                  // depth of function calls
	int subst_status;           // status of the last $(...) (for "x=$(cmd)")
	int keep_redirs;            // set by "exec" without a command
	int sourcing;               // depth of "." files being read (return ends one)
	struct varsave *locals;     // the running function's "local" variables
	char *arg0;
	char **pos; // $1... (malloc'd strings)
	int npos;
	char *self; // path that runs this shell again (for scripts without #!)
};
extern struct shell sh;
void sh_exit(int status) __attribute__((noreturn));

#endif
