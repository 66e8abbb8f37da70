// lib/config/config_test.c: tests of config_parse and manifest_parse: the
// values they read, and every kind of problem with its exact message and
// position, and several problems in one file.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "tap/tap.h"

#define RULE                                                                                       \
	"a lower-case letter or digit, then lower-case letters, digits, '-', '_' or '.'; no "      \
	"\"..\", no '.' at the end; at most 31 bytes"

// All problems as "FILE:LINE:COL: msg" lines, sorted.
static char *
render(struct config_problems *pr)
{
	static char out[8192];
	size_t o = 0;

	config_problems_sort(pr);
	out[0] = '\0';
	for (size_t i = 0; i < pr->n && o < sizeof out; i++)
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s:%u:%u: %s", i ? "\n" : "",
		                      pr->v[i].file, pr->v[i].line, pr->v[i].col, pr->v[i].msg);
	return out;
}

// The length of the first line of s, for test names.
static int
first_line(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl != NULL ? (int)(nl - s) : (int)strlen(s);
}

static const struct config_strlist *
known_snaps(void)
{
	static char *names[] = {"ethnode", "shell", "ml_worker"};
	static const struct config_strlist known = {names, 3};

	return &known;
}

// config.toml text doc must produce exactly the problems want.
static void
config_is(const char *doc, const char *want)
{
	struct config_problems pr = {0};
	struct config c;
	size_t n = config_parse("config.toml", doc, strlen(doc), &c, known_snaps(), &pr);
	const char *got = render(&pr);

	if (!tap_ok(strcmp(got, want) == 0 && n == pr.n, "config: %.*s%s", first_line(want), want,
	            strchr(want, '\n') ? " (and more)" : ""))
		tap_diag("got: %s", got);
	config_free(&c);
	config_problems_free(&pr);
}

static void
manifest_is(const char *doc, const char *want)
{
	struct config_problems pr = {0};
	struct config_snap m;
	const char *got;

	manifest_parse("manifest.toml", doc, strlen(doc), "ml_worker", &m, &pr);
	got = render(&pr);
	if (!tap_ok(strcmp(got, want) == 0, "manifest: %.*s%s", first_line(want), want,
	            strchr(want, '\n') ? " (and more)" : ""))
		tap_diag("got: %s", got);
	config_snap_free(&m);
	config_problems_free(&pr);
}

static const char good_config[] =
        "[system]\n"
        "hostname = \"gremlin-01\"\n"
        "timezone = \"Europe/Berlin\"\n"
        "boot_snaps = [\"ethnode\", \"extra\"]\n"
        "[network]\n"
        "dhcp = false\n"
        "address = \"10.0.2.15/24\"\n"
        "gateway = \"10.0.2.2\"\n"
        "dns = [\"10.0.2.3\", \"1.1.1.1\"]\n"
        "[ethereum]\n"
        "enabled = true\n"
        "provider = \"http://10.0.2.2:8545\"\n"
        "wallet_private_key = \"env:WALLET_KEY\"\n"
        "use_zksync = true\n"
        "chain_id = 300\n"
        "contracts.escrow = \"0x00000000000000000000000000000000000000aA\"\n"
        "[compute]\n"
        "allow_rented_devices = true\n"
        "default_encryption = \"homomorphic\"\n"
        "trusted_nodes = [\"0x0000000000000000000000000000000000000001\",\n"
        "  \"0x0000000000000000000000000000000000000002\",\n"
        "  \"0x0000000000000000000000000000000000000003\",\n"
        "  \"0x0000000000000000000000000000000000000004\"]\n"
        "fault_tolerance = 1\n"
        "[snaps.ethnode]\n"
        "syscalls = [\"read\", \"write\", \"exit\"]\n"
        "capabilities = [\"/mnt/eth\"]\n"
        "restart = \"on-failure\"\n"
        "memory = \"64M\"\n"
        "[snaps.extra]\n"
        "path = \"/writable/apps/extra\"\n"
        "entry = \"/bin/extra\"\n"
        "memory = 1048576\n";

static void
test_good_config(void)
{
	struct config_problems pr = {0};
	struct config c;
	size_t n = config_parse("config.toml", good_config, strlen(good_config), &c, known_snaps(),
	                        &pr);

	if (!tap_ok(n == 0 && pr.n == 0, "a good config.toml has no problems"))
		tap_diag("got: %s", render(&pr));
	tap_ok(strcmp(c.system.hostname, "gremlin-01") == 0 &&
	               strcmp(c.system.timezone, "Europe/Berlin") == 0 &&
	               c.system.boot_snaps.n == 2 && strcmp(c.system.boot_snaps.v[1], "extra") == 0,
	       "[system] read");
	tap_ok(c.network.dhcp == 0 && strcmp(c.network.address, "10.0.2.15/24") == 0 &&
	               strcmp(c.network.gateway, "10.0.2.2") == 0 && c.network.dns.n == 2,
	       "[network] read");
	tap_ok(c.ethereum.enabled == 1 && c.ethereum.use_zksync == 1 &&
	               c.ethereum.chain_id == 300 &&
	               c.ethereum.wallet_private_key.kind == SECRET_ENV &&
	               strcmp(c.ethereum.wallet_private_key.ref, "WALLET_KEY") == 0 &&
	               c.ethereum.contracts.n == 1 &&
	               strcmp(c.ethereum.contracts.v[0].name, "escrow") == 0,
	       "[ethereum] read, the key as a reference to env WALLET_KEY");
	tap_ok(c.compute.allow_rented_devices == 1 &&
	               c.compute.default_encryption == ENCRYPTION_HOMOMORPHIC &&
	               c.compute.trusted_nodes.n == 4 && c.compute.fault_tolerance == 1,
	       "[compute] read");
	tap_ok(c.nsnaps == 2 && strcmp(c.snaps[0].name, "ethnode") == 0 &&
	               c.snaps[0].syscall_mask ==
	                       ((1u << config_syscall("read")) | (1u << config_syscall("write")) |
	                        (1u << config_syscall("exit"))) &&
	               c.snaps[0].restart == RESTART_ON_FAILURE && c.snaps[0].memory == 64u << 20 &&
	               c.snaps[0].capabilities.n == 1 && c.snaps[0].line == 25 &&
	               c.snaps[1].memory == 1048576 &&
	               strcmp(c.snaps[1].path, "/writable/apps/extra") == 0,
	       "[snaps.*] read: syscall mask, restart, memory, capabilities");
	config_free(&c);
	config_problems_free(&pr);
}

static void
test_config_problems(void)
{
	config_is("a = 1\nb = 2\n      a = 3\n",
	          "config.toml:3:7: duplicate key \"a\" (first defined at 1:1)");
	config_is("[sytem]\n", "config.toml:1:2: unknown key \"sytem\" in the top level");
	config_is("system = 1\n", "config.toml:1:10: system must be a table, not an integer");
	config_is("[system]\nname = 'x'\n", "config.toml:2:1: unknown key \"name\" in [system]");
	config_is("[system]\nhostname = \"-bad\"\n",
	          "config.toml:2:12: system.hostname \"-bad\" is not a valid host name (letters, "
	          "digits "
	          "and '-' in labels of at most 63, separated by '.')");
	config_is("[system]\nhostname = 5\n",
	          "config.toml:2:12: system.hostname must be a string, not an integer");
	config_is("[system]\ntimezone = \"../etc\"\n",
	          "config.toml:2:12: system.timezone \"../etc\" is not a time zone name (such as "
	          "\"UTC\" or \"Europe/Berlin\")");
	config_is("[system]\nboot_snaps = \"ethnode\"\n",
	          "config.toml:2:14: system.boot_snaps must be an array, not a string");
	config_is("[system]\nboot_snaps = [\"ethnode\", 1, \"Bad\", \"ethnode\", \"nosuch\"]\n",
	          "config.toml:2:26: system.boot_snaps[1] must be a string, not an integer\n"
	          "config.toml:2:29: invalid snap name \"Bad\" in system.boot_snaps (" RULE ")\n"
	          "config.toml:2:36: snap \"ethnode\" is listed twice in system.boot_snaps\n"
	          "config.toml:2:47: unknown snap \"nosuch\" in system.boot_snaps");
	config_is(
	        "[network]\ndhcp = 1\naddress = \"10.0.2.15\"\ngateway = \"10.0.2.256\"\n"
	        "dns = [\"1.1.1.01\"]\n",
	        "config.toml:2:8: network.dhcp must be a boolean, not an integer\n"
	        "config.toml:3:11: network.address: \"10.0.2.15\" is not an IPv4 address with a "
	        "prefix length (such as \"10.0.2.15/24\")\n"
	        "config.toml:4:11: network.gateway: \"10.0.2.256\" is not an IPv4 address (such as "
	        "\"10.0.2.2\")\n"
	        "config.toml:5:8: network.dns: \"1.1.1.01\" is not an IPv4 address (such as "
	        "\"10.0.2.2\")");
	// Found by config_fuzz: a long run of digits overflowed the IPv4 parser.
	config_is("[network]\ngateway = \"1333333333333333333333.0.2.15\"\n",
	          "config.toml:2:11: network.gateway: \"1333333333333333333333.0.2.15\" is not an "
	          "IPv4 address (such as \"10.0.2.2\")");
	config_is("[ethereum]\nprovider = \"ftp://x\"\n",
	          "config.toml:2:12: ethereum.provider must be an http:// or https:// URL, not "
	          "\"ftp://x\"");
	config_is("[ethereum]\nwallet_private_key = "
	          "\"4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\"\n",
	          "config.toml:2:22: ethereum.wallet_private_key must not hold the secret itself: "
	          "write \"env:NAME\" (a boot environment variable) or \"keystore:PATH\" (an "
	          "encrypted keystore)");
	config_is("[ethereum]\nwallet_private_key = \"env:1X\"\n",
	          "config.toml:2:22: ethereum.wallet_private_key: \"env:\" must be followed by a "
	          "variable name (letters, digits, '_')");
	config_is("[ethereum]\nwallet_private_key = \"keystore:wallet.json\"\n",
	          "config.toml:2:22: ethereum.wallet_private_key: \"keystore:\" must be followed "
	          "by an "
	          "absolute path");
	config_is("[ethereum]\nchain_id = 0\n",
	          "config.toml:2:12: ethereum.chain_id must be a positive integer");
	config_is("[ethereum]\nchain_id = \"1\"\n",
	          "config.toml:2:12: ethereum.chain_id must be an integer, not a string");
	config_is("[ethereum]\ncontracts = [\"0x\"]\n",
	          "config.toml:2:13: ethereum.contracts must be a table, not an array");
	config_is("[ethereum.contracts]\n\"bad name\" = "
	          "\"0x0000000000000000000000000000000000000001\"\n"
	          "escrow = \"0x12\"\n",
	          "config.toml:2:1: invalid contract name \"bad name\" in ethereum.contracts\n"
	          "config.toml:3:10: ethereum.contracts.escrow: \"0x12\" is not an address (0x and "
	          "40 "
	          "hexadecimal digits)");
	config_is(
	        "[ethereum]\nenabled = true\nprovider = \"https://rpc.example\"\n",
	        "config.toml:1:2: ethereum.wallet_private_key is required when ethereum.enabled = "
	        "true\n"
	        "config.toml:1:2: ethereum.chain_id is required when ethereum.enabled = true");
	config_is("[compute]\ndefault_encryption = \"rot13\"\n",
	          "config.toml:2:22: compute.default_encryption must be \"homomorphic\" or "
	          "\"none\", not "
	          "\"rot13\"");
	config_is(
	        "[compute]\ntrusted_nodes = [\"0x0000000000000000000000000000000000000001\"]\n"
	        "fault_tolerance = 1\n",
	        "config.toml:2:17: compute.trusted_nodes has 1 node; fault_tolerance = 1 needs at "
	        "least 4 (3f+1)");
	config_is("[compute]\nfault_tolerance = -1\n",
	          "config.toml:2:19: compute.fault_tolerance must be between 0 and 1000 (f in 3f+1 "
	          "replicas)");
	config_is("[snaps.Eth]\n[snaps]\nx = 1\n",
	          "config.toml:1:8: invalid snap name \"Eth\" in [snaps] (" RULE ")\n"
	          "config.toml:3:5: snaps.x must be a table, not an integer");
	config_is("[snaps.ethnode]\nsyscalls = [\"read\",\n    \"sendfile\"]\n",
	          "config.toml:3:5: unknown syscall \"sendfile\" in snaps.ethnode.syscalls");
	config_is("[snaps.ethnode]\npath = \"apps/x\"\nentry = \"/bin/../x\"\nmemory = \"64Q\"\n"
	          "capabilities = [\"dev/fhe0\"]\nrestart = \"sometimes\"\nuser = \"root\"\n",
	          "config.toml:2:8: snaps.ethnode.path must be an absolute path, not \"apps/x\"\n"
	          "config.toml:3:9: snaps.ethnode.entry must not contain \"..\" parts, not "
	          "\"/bin/../x\"\n"
	          "config.toml:4:10: snaps.ethnode.memory must be a positive size such as \"64M\", "
	          "\"512K\", \"1G\" or a number of bytes\n"
	          "config.toml:5:17: capability \"dev/fhe0\" in snaps.ethnode.capabilities must be "
	          "an "
	          "absolute path\n"
	          "config.toml:6:11: snaps.ethnode.restart must be \"always\", \"on-failure\" or "
	          "\"never\", not \"sometimes\"\n"
	          "config.toml:7:1: unknown key \"user\" in [snaps.ethnode]");
	config_is("[snaps.ethnode]\nmemory = 1.5\n", "config.toml:2:10: snaps.ethnode.memory must "
	                                             "be a size (a string such as \"64M\" or "
	                                             "an integer), not a float");
	config_is("[system]\nhostname = \"a\\u0000b\"\n",
	          "config.toml:2:12: system.hostname must not contain NUL characters");
}

// Snap names may hold '.' (tor.d) and are at most 31 bytes: the kernel's
// SNAPNAME_LEN with its NUL.
static void
test_snap_names(void)
{
	static const char *const good[] = {"tor.d",
	                                   "devfs.d",
	                                   "a",
	                                   "0",
	                                   "a-b_c.d9",
	                                   "a.b.c",
	                                   "abcdefghijklmnopqrstuvwxyz01234"};
	static const char *const bad[] = {
	        "tor..d", "tor.", ".tor", "-a", "_a",
	        "Tor",    "a/b",  "a b",  "",   "abcdefghijklmnopqrstuvwxyz012345"};
	char doc[128], want[512];

	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		snprintf(doc, sizeof doc, "[system]\nboot_snaps = [\"%s\"]\n[snaps.\"%s\"]\n",
		         good[i], good[i]);
		config_is(doc, "");
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(doc, sizeof doc, "[system]\nboot_snaps = [\"%s\"]\n", bad[i]);
		snprintf(want, sizeof want,
		         "config.toml:2:15: invalid snap name \"%s\" in system.boot_snaps (" RULE
		         ")",
		         bad[i]);
		config_is(doc, want);
	}
	config_is("[snaps.tor.d]\nentry = \"/bin/tor\"\n",
	          "config.toml:1:12: unknown key \"d\" in [snaps.tor] (a snap name with '.' is "
	          "quoted: [snaps.\"tor.d\"])");
}

// processes: an integer 1..4096, in [snaps.NAME] and in a manifest.
static void
test_processes(void)
{
	const char *doc = "[snaps.a]\nprocesses = 1\n[snaps.b]\nprocesses = 4096\n";
	struct config_problems pr = {0};
	struct config c;
	struct config_snap m;

	config_parse("config.toml", doc, strlen(doc), &c, NULL, &pr);
	tap_ok(pr.n == 0 && c.nsnaps == 2 && c.snaps[0].processes == 1 &&
	               c.snaps[1].processes == 4096,
	       "[snaps.NAME] processes 1 and 4096 read");
	config_free(&c);
	doc = "name = \"ml_worker\"\nentry = \"/bin/x\"\nprocesses = 16\n";
	manifest_parse("manifest.toml", doc, strlen(doc), "ml_worker", &m, &pr);
	tap_ok(pr.n == 0 && m.processes == 16, "manifest processes = 16 read");
	config_snap_free(&m);
	config_problems_free(&pr);
	config_is("[snaps.a]\nprocesses = 0\n[snaps.b]\nprocesses = 4097\n[snaps.c]\nprocesses = "
	          "\"8\"\n",
	          "config.toml:2:13: snaps.a.processes must be between 1 and 4096 (the most "
	          "processes the snap may have at once), not 0\n"
	          "config.toml:4:13: snaps.b.processes must be between 1 and 4096 (the most "
	          "processes the snap may have at once), not 4097\n"
	          "config.toml:6:13: snaps.c.processes must be an integer, not a string");
	manifest_is("name = \"ml_worker\"\nentry = \"/bin/x\"\nprocesses = -3\n",
	            "manifest.toml:3:13: processes must be between 1 and 4096 (the most processes "
	            "the snap may have at once), not -3");
}

static void
test_unknown_not_checked(void)
{
	const char *doc = "[system]\nboot_snaps = [\"anything\"]\n";
	struct config_problems pr = {0};
	struct config c;

	tap_ok(config_parse("config.toml", doc, strlen(doc), &c, NULL, &pr) == 0,
	       "without known snaps boot_snaps names are not looked up");
	config_free(&c);
	config_problems_free(&pr);
}

static void
test_manifest(void)
{
	const char *doc =
	        "name = \"ml_worker\"\nentry = \"/bin/infer\"\ncompute = true\n"
	        "encryption = \"homomorphic\"\nsyscalls = [\"read\", \"write\", \"mmap\", "
	        "\"execve\"]\ncapabilities = [\"/dev/fhe0\", \"/mnt/data\"]\n"
	        "ethereum = true\nenvironment = { MODEL = \"/data/model.bin\" }\n";
	struct config_problems pr = {0};
	struct config_snap m;

	manifest_parse("manifest.toml", doc, strlen(doc), "ml_worker", &m, &pr);
	tap_ok(pr.n == 0 && strcmp(m.name, "ml_worker") == 0 &&
	               strcmp(m.entry, "/bin/infer") == 0 && m.compute == 1 && m.ethereum == 1 &&
	               m.encryption == ENCRYPTION_HOMOMORPHIC && m.syscalls.n == 4 &&
	               (m.syscall_mask & (1u << config_syscall("execve"))) &&
	               m.capabilities.n == 2 && m.environment.n == 1 &&
	               strcmp(m.environment.v[0].value, "/data/model.bin") == 0 &&
	               m.restart == RESTART_UNSET && m.memory == 0,
	       "DESIGN section 5's example manifest reads back");
	config_snap_free(&m);
	config_problems_free(&pr);

	manifest_is("", "manifest.toml:1:1: the manifest must set \"name\"\n"
	                "manifest.toml:1:1: the manifest must set \"entry\"");
	manifest_is("name = \"other\"\nentry = \"/bin/x\"\n",
	            "manifest.toml:1:8: name \"other\" differs from the snap's directory "
	            "\"ml_worker\"");
	manifest_is(
	        "name = \"ml_worker\"\nentry = \"/bin/x\"\ncompute = \"yes\"\n"
	        "encryption = \"aes\"\nenvironment = { 9X = \"a\", OK = 1 }\nicon = \"x.png\"\n",
	        "manifest.toml:3:11: compute must be a boolean, not a string\n"
	        "manifest.toml:4:14: encryption must be \"homomorphic\" or \"none\", not \"aes\"\n"
	        "manifest.toml:5:17: invalid environment variable name \"9X\" in environment\n"
	        "manifest.toml:5:32: environment.OK must be a string, not an integer\n"
	        "manifest.toml:6:1: unknown key \"icon\" in the manifest");
	manifest_is("name = \"ml_worker\"\nentry = \"/bin/x\"\nsyscalls = [\"read\", \"read\", "
	            "\"sendfile\"]\n",
	            "manifest.toml:3:21: syscall \"read\" is listed twice in syscalls\n"
	            "manifest.toml:3:29: unknown syscall \"sendfile\" in syscalls");
	manifest_is("name = \"ml_worker\"\nentry = [\n",
	            "manifest.toml:3:1: expected a value, found end of input");
}

int
main(void)
{
	test_good_config();
	test_config_problems();
	test_unknown_not_checked();
	test_snap_names();
	test_processes();
	test_manifest();
	return tap_done();
}
