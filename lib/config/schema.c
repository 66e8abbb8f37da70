// lib/config/schema.c: the schema of config.toml and manifest.toml (which
// keys each table has and how each value is checked), the checks that span
// several keys (boot_snaps against the known snaps, what ethereum.enabled
// requires, trusted_nodes against fault_tolerance), and freeing the result.
// docs/config.md describes the same schema for people.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/check.h"

#define IN(sec, m) (offsetof(struct config, sec.m) - offsetof(struct config, sec))
#define SNAP(m) offsetof(struct config_snap, m)

static const struct field system_fields[] = {
        {"hostname", ck_hostname, IN(system, hostname)},
        {"timezone", ck_timezone, IN(system, timezone)},
        {"boot_snaps", ck_snap_names, IN(system, boot_snaps)},
        {NULL, NULL, 0},
};

static const struct field network_fields[] = {
        {"dhcp", ck_bool, IN(network, dhcp)},
        {"address", ck_ipv4_cidr, IN(network, address)},
        {"gateway", ck_ipv4, IN(network, gateway)},
        {"dns", ck_ipv4_list, IN(network, dns)},
        {NULL, NULL, 0},
};

static const struct field ethereum_fields[] = {
        {"enabled", ck_bool, IN(ethereum, enabled)},
        {"provider", ck_url, IN(ethereum, provider)},
        {"wallet_private_key", ck_secret, IN(ethereum, wallet_private_key)},
        {"use_zksync", ck_bool, IN(ethereum, use_zksync)},
        {"chain_id", ck_chain_id, IN(ethereum, chain_id)},
        {"contracts", ck_contracts, IN(ethereum, contracts)},
        {NULL, NULL, 0},
};

static const struct field compute_fields[] = {
        {"allow_rented_devices", ck_bool, IN(compute, allow_rented_devices)},
        {"default_encryption", ck_encryption, IN(compute, default_encryption)},
        {"trusted_nodes", ck_addresses, IN(compute, trusted_nodes)},
        {"fault_tolerance", ck_fault_tolerance, IN(compute, fault_tolerance)},
        {NULL, NULL, 0},
};

// [snaps.NAME] in config.toml: overrides of the snap's manifest.
static const struct field override_fields[] = {
        {"path", ck_abs_path, SNAP(path)},
        {"entry", ck_abs_path, SNAP(entry)},
        {"syscalls", ck_syscalls, 0},
        {"capabilities", ck_paths, SNAP(capabilities)},
        {"restart", ck_restart, SNAP(restart)},
        {"memory", ck_memory, SNAP(memory)},
        {"processes", ck_processes, SNAP(processes)},
        {NULL, NULL, 0},
};

static const struct field manifest_fields[] = {
        {"name", ck_snap_name, SNAP(name)},
        {"entry", ck_abs_path, SNAP(entry)},
        {"compute", ck_bool, SNAP(compute)},
        {"encryption", ck_encryption, SNAP(encryption)},
        {"syscalls", ck_syscalls, 0},
        {"capabilities", ck_paths, SNAP(capabilities)},
        {"ethereum", ck_bool, SNAP(ethereum)},
        {"restart", ck_restart, SNAP(restart)},
        {"memory", ck_memory, SNAP(memory)},
        {"processes", ck_processes, SNAP(processes)},
        {"environment", ck_environment, SNAP(environment)},
        {NULL, NULL, 0},
};

static void
section(struct ctx *C, const toml_node *v, const char *path, void *out, const struct field *fields)
{
	char where[64];

	if (!want_type(C, v, path, TOML_TABLE))
		return;
	snprintf(where, sizeof where, "[%s]", path);
	check_table(C, v, path, where, fields, out);
}

static void
ck_system(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	section(C, v, path, out, system_fields);
}

static void
ck_network(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	section(C, v, path, out, network_fields);
}

static void
ck_ethereum(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	section(C, v, path, out, ethereum_fields);
}

static void
ck_compute(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	section(C, v, path, out, compute_fields);
}

static void
snap_init(struct config_snap *s)
{
	memset(s, 0, sizeof *s);
	s->compute = -1;
	s->ethereum = -1;
}

// [snaps]: one table per snap, named by a valid snap name.
static void
ck_snaps(struct ctx *C, const toml_node *v, const char *path, void *out)
{
	struct config *c = out;
	size_t n = toml_len(v);

	if (!want_type(C, v, path, TOML_TABLE))
		return;
	c->snaps = calloc(n ? n : 1, sizeof *c->snaps);
	if (c->snaps == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		const toml_node *m = toml_at(v, i);
		const char *name = toml_key(m, NULL);
		struct config_snap *s = &c->snaps[c->nsnaps];
		char sub[128], where[140];

		if (!valid_snap_name(name)) {
			bad_key(C, m, "invalid snap name \"%s\" in [snaps] (%s)", name,
			        SNAP_NAME_RULE);
			continue;
		}
		snprintf(sub, sizeof sub, "snaps.%s", name);
		if (!want_type(C, m, sub, TOML_TABLE))
			continue;
		snap_init(s);
		s->name = dupstr(name);
		s->line = toml_key_line(m);
		s->col = toml_key_col(m);
		c->nsnaps++;
		snprintf(where, sizeof where, "[%s]", sub);
		check_table(C, m, sub, where, override_fields, s);
	}
}

static const struct field top_fields[] = {
        {"system", ck_system, offsetof(struct config, system)},
        {"network", ck_network, offsetof(struct config, network)},
        {"ethereum", ck_ethereum, offsetof(struct config, ethereum)},
        {"compute", ck_compute, offsetof(struct config, compute)},
        {"snaps", ck_snaps, 0},
        {NULL, NULL, 0},
};

static int
in_list(const struct config_strlist *l, const char *s)
{
	for (size_t i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

static int
is_snap(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->nsnaps; i++)
		if (strcmp(c->snaps[i].name, name) == 0)
			return 1;
	return 0;
}

// Every snap started at boot must exist: as a [snaps.NAME] table or among
// the known snaps (the manifests in /apps). Without a list of known snaps
// this cannot be decided, and is not checked.
static void
check_boot_snaps(struct ctx *C, const toml_node *root, const struct config *c,
                 const struct config_strlist *known)
{
	const toml_node *list = toml_path(root, "system.boot_snaps");

	if (known == NULL)
		return;
	for (size_t i = 0; i < toml_len(list) && toml_type(list) == TOML_ARRAY; i++) {
		const toml_node *e = toml_at(list, i);
		const char *s;

		if (toml_string(e, &s, NULL) < 0 || !valid_snap_name(s))
			continue;
		if (!is_snap(c, s) && !in_list(known, s))
			bad(C, e, "unknown snap \"%s\" in system.boot_snaps", s);
	}
}

static void
check_ethereum(struct ctx *C, const toml_node *root, const struct config *c)
{
	static const char *const needed[] = {"provider", "wallet_private_key", "chain_id"};
	const toml_node *eth = toml_get(root, "ethereum");

	if (c->ethereum.enabled != 1)
		return;
	for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
		if (toml_get(eth, needed[i]) == NULL)
			bad_key(C, eth, "ethereum.%s is required when ethereum.enabled = true",
			        needed[i]);
}

// A trusted cluster tolerating f faults needs 3f+1 members.
static void
check_compute(struct ctx *C, const toml_node *root, const struct config *c)
{
	const toml_node *nodes = toml_path(root, "compute.trusted_nodes");
	int64_t f = c->compute.fault_tolerance;

	if (nodes == NULL || c->compute.trusted_nodes.n == 0 || f < 0)
		return;
	if ((int64_t)c->compute.trusted_nodes.n < 3 * f + 1)
		bad(C, nodes,
		    "compute.trusted_nodes has %zu node%s; fault_tolerance = %lld needs at least "
		    "%lld (3f+1)",
		    c->compute.trusted_nodes.n, c->compute.trusted_nodes.n == 1 ? "" : "s",
		    (long long)f, (long long)(3 * f + 1));
}

// Parse the TOML, or report why not. Returns the root or NULL.
static toml_node *
load(struct ctx *C, const char *buf, size_t len)
{
	struct toml_error err;
	toml_node *root = toml_parse(buf, len, &err);

	if (root == NULL) {
		config_problem(C->pr, C->file, err.line, err.col, "%s", err.msg);
		C->count++;
	}
	return root;
}

size_t
config_parse(const char *file, const char *buf, size_t len, struct config *c,
             const struct config_strlist *known, struct config_problems *pr)
{
	struct ctx C = {file, pr, 0};
	toml_node *root;

	memset(c, 0, sizeof *c);
	c->network.dhcp = -1;
	c->ethereum.enabled = c->ethereum.use_zksync = -1;
	c->compute.allow_rented_devices = -1;
	c->compute.fault_tolerance = -1;
	root = load(&C, buf, len);
	if (root == NULL)
		return C.count;
	check_table(&C, root, "", "the top level", top_fields, c);
	check_boot_snaps(&C, root, c, known);
	check_ethereum(&C, root, c);
	check_compute(&C, root, c);
	toml_free(root);
	return C.count;
}

// The manifest's name must be the name of the directory it is in.
static void
check_name(struct ctx *C, const toml_node *root, const struct config_snap *m, const char *dir)
{
	const toml_node *name = toml_get(root, "name");

	if (dir != NULL && m->name != NULL && strcmp(m->name, dir) != 0)
		bad(C, name, "name \"%s\" differs from the snap's directory \"%s\"", m->name, dir);
}

size_t
manifest_parse(const char *file, const char *buf, size_t len, const char *dir,
               struct config_snap *m, struct config_problems *pr)
{
	static const char *const needed[] = {"name", "entry"};
	struct ctx C = {file, pr, 0};
	toml_node *root;

	snap_init(m);
	root = load(&C, buf, len);
	if (root == NULL)
		return C.count;
	m->line = m->col = 1;
	check_table(&C, root, "", "the manifest", manifest_fields, m);
	for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
		if (toml_get(root, needed[i]) == NULL)
			bad(&C, root, "the manifest must set \"%s\"", needed[i]);
	check_name(&C, root, m, dir);
	toml_free(root);
	return C.count;
}

void
config_snap_free(struct config_snap *s)
{
	free(s->name);
	free(s->path);
	free(s->entry);
	config_strlist_free(&s->syscalls);
	config_strlist_free(&s->capabilities);
	pairs_free(&s->environment);
	memset(s, 0, sizeof *s);
}

void
config_free(struct config *c)
{
	free(c->system.hostname);
	free(c->system.timezone);
	config_strlist_free(&c->system.boot_snaps);
	free(c->network.address);
	free(c->network.gateway);
	config_strlist_free(&c->network.dns);
	free(c->ethereum.provider);
	free(c->ethereum.wallet_private_key.ref);
	pairs_free(&c->ethereum.contracts);
	config_strlist_free(&c->compute.trusted_nodes);
	for (size_t i = 0; i < c->nsnaps; i++)
		config_snap_free(&c->snaps[i]);
	free(c->snaps);
	memset(c, 0, sizeof *c);
}
