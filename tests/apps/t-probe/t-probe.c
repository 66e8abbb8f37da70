// tests/apps/t-probe/t-probe.c: from inside a sandbox with no
// capabilities, check that only the snap's own tree, /tmp and /data are
// there, that nothing else can be reached (other paths, '#' names, ..,
// /proc, /dev/cons) and that the namespace is sealed.
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../hostile.h"

// The names in directory path, sorted, space-separated.
static void
listing(const char *path, char *out, size_t n)
{
	char names[32][64];
	int k = 0;
	DIR *d = opendir(path);
	struct dirent *e;

	out[0] = '\0';
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && k < 32)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			snprintf(names[k++], sizeof names[0], "%.63s", e->d_name);
	closedir(d);
	qsort(names, (size_t)k, sizeof names[0], (int (*)(const void *, const void *))strcmp);
	for (int i = 0; i < k; i++) {
		strncat(out, i ? " " : "", n - strlen(out) - 1);
		strncat(out, names[i], n - strlen(out) - 1);
	}
}

static int
gone(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 && errno == ENOENT;
}

int
main(void)
{
	char buf[512], cwd[256];
	int fd;

	listing("/", buf, sizeof buf);
	check(strcmp(buf, "bin data manifest.toml tmp") == 0,
	      "/ holds only its tree, /tmp and /data (got '%s')", buf);
	static const char *const outside[] = {
	        "/base",          "/writable", "/dev",  "/dev/cons", "/proc",
	        "/proc/1/status", "/srv",      "/apps", "/mnt",      "/net"};
	for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++)
		check(gone(outside[i]), "%s does not exist", outside[i]);
	check(open("#c/cons", O_RDWR) < 0 && errhas("RFNOMNT"), "'#c/cons' is refused (sealed)");
	check(open("#b/bin/sh", O_RDONLY) < 0, "'#b' is refused (sealed)");
	check(bind("/tmp", "/data", MREPL) < 0 && errno == EPERM, "bind after sealing is EPERM");
	check(unmount(NULL, "/data") < 0 && errno == EPERM, "unmount after sealing is EPERM");
	check(chdir("/data") == 0 && chdir("../../../..") == 0 && getcwd(cwd, sizeof cwd) &&
	              strcmp(cwd, "/") == 0,
	      ".. stops at its own root (cwd '%s')", cwd);
	listing(".", buf, sizeof buf);
	check(strcmp(buf, "bin data manifest.toml tmp") == 0,
	      "after .. it still sees only its own root");
	fd = open("/tmp/x", O_RDWR | O_CREAT, 0644);
	check(fd >= 0 && write(fd, "tmp", 3) == 3 && pread(fd, buf, 3, 0) == 3 &&
	              memcmp(buf, "tmp", 3) == 0,
	      "its private /tmp is writable");
	close(fd);
	fd = open("/data/state", O_RDWR | O_CREAT, 0644);
	check(fd >= 0 && write(fd, "data", 4) == 4, "its /data is writable");
	close(fd);
	check(open("/bin/t-probe", O_WRONLY) < 0, "its tree (/bin) is read-only");
	check(remove("/bin/t-probe") < 0, "its tree cannot lose files");
	check(getenv("SNAP") && strcmp(getenv("SNAP"), "t-probe") == 0, "SNAP is its name");
	check(getenv("GREETING") && strcmp(getenv("GREETING"), "hello from the manifest") == 0,
	      "the manifest's environment is set");
	check(getenv("HOME") && strcmp(getenv("HOME"), "/data") == 0, "HOME is /data");
	return hostile_failed;
}
