// cmd/sh/jobs.c: waiting for children, turning what wait returns into a
// shell status (128+N for a process killed by signal or note N), and the
// table of background jobs for "wait" and "$!".
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "sh.h"

#define MAXJOBS 64

struct job {
	pid_t pid;
	int done, status, reported;
};

static struct job jobs[MAXJOBS];
static int njobs;

// The shell status of a wait status; *sig gets the signal (0: exited).
static int
decode(int st, int *sig)
{
	*sig = 0;
#ifdef WIFSIGNALED
	if (WIFSIGNALED(st)) {
		*sig = WTERMSIG(st);
		return 128 + *sig;
	}
	return WEXITSTATUS(st);
#else
	// Gremlin's waitpid gives the status itself (exit code, or 128+note).
	if (st > 128)
		*sig = st - 128;
	return st;
#endif
}

static void
say_killed(int sig)
{
	const char *name = intr_signame(sig);

	if (name)
		sh_error("terminated by signal %d (%s)", sig, name);
	else
		sh_error("terminated by signal %d", sig);
}

// Wait for pid; in the foreground of an interactive shell, say when it
// was killed (not for an interrupt the user typed, nor a broken pipe).
int
job_wait(pid_t pid, int foreground)
{
	int st, sig, status;

	for (;;) {
		pid_t r = waitpid(pid, &st, 0);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return 127;
	}
	status = decode(st, &sig);
	// (After an interrupt, run.c starts a new line for the prompt.)
	if (sig && foreground && sh.interactive && sig != 2 && sig != 13)
		say_killed(sig);
	return status;
}

void
job_add(pid_t pid)
{
	if (njobs == MAXJOBS) {
		// Forget the oldest finished job to make room.
		int i;

		for (i = 0; i < njobs && !jobs[i].done; i++)
			;
		if (i == njobs)
			i = 0;
		memmove(&jobs[i], &jobs[i + 1], (size_t)(njobs - i - 1) * sizeof jobs[0]);
		njobs--;
	}
	jobs[njobs++] = (struct job){.pid = pid};
	sh.lastbg = pid;
	if (sh.interactive) {
		char msg[64];

		snprintf(msg, sizeof msg, "[%d] %ld\n", njobs, (long)pid);
		fd_puts(2, msg);
	}
}

static struct job *
find(pid_t pid)
{
	for (int i = 0; i < njobs; i++)
		if (jobs[i].pid == pid)
			return &jobs[i];
	return NULL;
}

// wait PID: its status, or 127 if it is not a child of this shell.
int
job_wait_one(pid_t pid)
{
	struct job *j = find(pid);

	if (!j)
		return 127;
	if (!j->done) {
		j->status = job_wait(pid, 0);
		j->done = 1;
	}
	j->reported = 1;
	return j->status;
}

// wait: every background job; returns 0 (or 130 when interrupted).
int
job_wait_all(void)
{
	for (int i = 0; i < njobs; i++) {
		if (intr_pending())
			return 130;
		job_wait_one(jobs[i].pid);
	}
	njobs = 0;
	return 0;
}

// Before a prompt: say which background jobs have finished.
void
job_report(void)
{
	int w = 0;

	for (int i = 0; i < njobs; i++) {
		struct job *j = &jobs[i];
		int st, sig;

		if (!j->done && waitpid(j->pid, &st, WNOHANG) == j->pid) {
			j->done = 1;
			j->status = decode(st, &sig);
		}
		if (j->done && !j->reported) {
			char msg[80];

			snprintf(msg, sizeof msg, "[%d] done (status %d) %ld\n", i + 1, j->status,
			         (long)j->pid);
			fd_puts(2, msg);
			j->reported = 1;
		}
		if (!j->done || !j->reported)
			jobs[w++] = *j;
	}
	njobs = w;
}
