// cmd/env/env.c: print the environment, or run a command in a changed one.
// env [-i] [-u name] [name=value ...] [command [arg ...]]
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

// Whether entry (NAME=value) has the given name (up to '=' or the end).
static int
named(const char *entry, const char *name, size_t len)
{
	return strncmp(entry, name, len) == 0 && entry[len] == '=';
}

// Remove every entry called name (len bytes) from env[0..*n).
static void
unset(char **env, int *n, const char *name, size_t len)
{
	int j = 0;

	for (int i = 0; i < *n; i++)
		if (!named(env[i], name, len))
			env[j++] = env[i];
	*n = j;
	env[j] = NULL;
}

// Set an entry (NAME=value): in the place of one of the same name, or at
// the end.
static void
set(char **env, int *n, char *entry)
{
	size_t len = (size_t)(strchr(entry, '=') - entry);

	for (int i = 0; i < *n; i++) {
		if (named(env[i], entry, len)) {
			env[i] = entry;
			return;
		}
	}
	env[(*n)++] = entry;
	env[*n] = NULL;
}

// Run argv[0] with env: directly if it names a path, else from each
// directory of PATH (the new environment's, or /bin). Returns only on
// failure, with the status to exit with.
static int
run(char **argv, char **env)
{
	const char *path = "/bin";
	char buf[1024];
	int status = 127;

	if (strchr(argv[0], '/')) {
		execve(argv[0], argv, env);
		fprintf(stderr, "env: %s: %s\n", argv[0], strerror(errno));
		return errno == ENOENT ? 127 : 126;
	}
	for (int i = 0; env[i]; i++)
		if (named(env[i], "PATH", 4))
			path = env[i] + 5;
	for (const char *p = path;; p++) {
		size_t len = strcspn(p, ":");

		snprintf(buf, sizeof buf, "%.*s%s%s", (int)len, len ? p : ".", "/", argv[0]);
		execve(buf, argv, env);
		if (errno != ENOENT && errno != ENOTDIR)
			status = 126;
		p += len;
		if (*p == '\0')
			break;
	}
	fprintf(stderr, "env: %s: %s\n", argv[0],
	        status == 127 ? "not found in PATH" : "found but cannot be run");
	return status;
}

int
main(int argc, char **argv)
{
	int n = 0, i = 1, keep = 1;
	char **env;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-i") == 0 || strcmp(argv[i], "-") == 0)
			keep = 0;
		else if (strcmp(argv[i], "-u") == 0 && i + 1 < argc)
			i++; // Applied below, once the environment is copied.
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr,
			        "usage: env [-i] [-u name] [name=value ...] [command [arg ...]]\n");
			return 125;
		}
	}
	for (int k = 0; keep && environ && environ[k]; k++)
		n++;
	env = calloc((size_t)(n + argc + 1), sizeof *env);
	if (!env) {
		fprintf(stderr, "env: out of memory\n");
		return 125;
	}
	for (int k = 0; k < n; k++)
		env[k] = environ[k];
	for (int k = 1; k < i; k++)
		if (strcmp(argv[k], "-u") == 0) {
			k++;
			unset(env, &n, argv[k], strlen(argv[k]));
		}
	for (; i < argc && strchr(argv[i], '=') && argv[i][0] != '='; i++)
		set(env, &n, argv[i]);
	if (i < argc) {
		int status = run(argv + i, env);

		free(env);
		return status;
	}
	for (int k = 0; k < n; k++)
		puts(env[k]);
	free(env);
	return fflush(stdout) == 0 ? 0 : 1;
}
