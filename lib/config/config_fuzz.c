// lib/config/config_fuzz.c: libFuzzer target for config_parse and
// manifest_parse: any input yields problems or a config, never a crash or a
// leak, and every problem has a message.
#include <stdlib.h>

#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *names[] = {"ethnode", "shell"};
	const struct config_strlist known = {names, 2};
	struct config_problems pr = {0};
	struct config c;
	struct config_snap m;

	config_parse("config.toml", (const char *)data, size, &c, &known, &pr);
	config_free(&c);
	manifest_parse("manifest.toml", (const char *)data, size, "shell", &m, &pr);
	config_snap_free(&m);
	for (size_t i = 0; i < pr.n; i++)
		if (pr.v[i].msg == NULL || pr.v[i].msg[0] == '\0')
			abort();
	config_problems_free(&pr);
	return 0;
}
