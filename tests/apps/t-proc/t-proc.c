// tests/apps/t-proc/t-proc.c: with the capability /proc/self, its /proc
// holds only that directory, which is its own process (bound when snaprun
// built the namespace: snaprun became this program, same pid); other
// processes' directories, init's included, cannot be named.
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../hostile.h"

int
main(void)
{
	char buf[1024], want[64];
	struct stat st;
	ssize_t n;
	int fd = open("/proc/self/status", O_RDONLY);

	n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	buf[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof want, "pid %d\n", getpid());
	check(n > 0 && strncmp(buf, want, strlen(want)) == 0 && strstr(buf, "\nsnap t-proc\n"),
	      "/proc/self is its own process (pid %d)", getpid());
	check(stat("/proc/1/status", &st) < 0 && errno == ENOENT, "init's /proc/1 does not exist");
	check(stat("/proc/2", &st) < 0 && errno == ENOENT,
	      "another process's /proc does not exist");
	DIR *d = opendir("/proc");
	struct dirent *e;
	int others = 0, self = 0;

	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, "self") == 0)
			self = 1;
		else if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			others++;
	}
	if (d)
		closedir(d);
	check(d && self && others == 0, "/proc lists only self (%d others)", others);
	return hostile_failed;
}
