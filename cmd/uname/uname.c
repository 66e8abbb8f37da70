// cmd/uname/uname.c: print system information. -a: everything; -s (default),
// -n, -r, -v, -m: one field each, in that order.
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int
main(int argc, char **argv)
{
	struct utsname u;
	const char *fields[5];
	int want[5] = {0}, i, any = 0, first = 1;

	for (i = 1; i < argc; i++) {
		const char *o = strchr("snrvm", argv[i][1]);
		if (strcmp(argv[i], "-a") == 0) {
			for (int k = 0; k < 5; k++)
				want[k] = 1;
		} else if (argv[i][0] == '-' && argv[i][1] && argv[i][2] == '\0' && o) {
			want[o - "snrvm"] = 1;
		} else {
			fprintf(stderr, "usage: uname [-asnrvm]\n");
			return 2;
		}
	}
	if (uname(&u) < 0) {
		perror("uname");
		return 1;
	}
	fields[0] = u.sysname;
	fields[1] = u.nodename;
	fields[2] = u.release;
	fields[3] = u.version;
	fields[4] = u.machine;
	for (i = 0; i < 5; i++)
		any |= want[i];
	if (!any)
		want[0] = 1;
	for (i = 0; i < 5; i++)
		if (want[i]) {
			printf("%s%s", first ? "" : " ", fields[i]);
			first = 0;
		}
	printf("\n");
	return 0;
}
