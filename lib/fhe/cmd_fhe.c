// lib/fhe/cmd_fhe.c: the fhe host command: make parameters, generate keys,
// encrypt numbers, evaluate a small circuit file on ciphertexts, decrypt.
// See docs/man/fhe.1. Objects are files in the format of fhe_wire.h.
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhe/fhe.h"

static const char *prog = "fhe";

static void
usage(void)
{
	fprintf(stderr,
	        "usage: fhe params -s bfv|ckks -n N [-q bits,bits,...] [-t bits] [-insecure] -o "
	        "FILE\n"
	        "       fhe keygen -p PARAMS -o PREFIX [-r step,step,...]\n"
	        "       fhe encrypt -p PARAMS -k PREFIX.pk [-i VALUES] [-scale LOG2] -o FILE\n"
	        "       fhe eval -p PARAMS [-k PREFIX] -c CIRCUIT\n"
	        "       fhe decrypt -p PARAMS -k PREFIX.sk -i FILE [-count N] [-budget]\n");
	exit(2);
}

__attribute__((format(printf, 1, 2), noreturn)) static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(1);
}

// Options are "-name value" pairs (or bare flags listed in flags).
typedef struct Opts {
	int n;
	const char *name[16], *val[16];
} Opts;

// allowed lists the options with values, flags the bare ones, each as
// " name ".
static void
parse_opts(Opts *o, int argc, char **argv, const char *allowed, const char *flags)
{
	o->n = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		char key[40];

		if (a[0] != '-' || o->n == 16)
			die("unexpected argument \"%s\"", a);
		snprintf(key, sizeof key, " %s ", a + 1);
		if (strstr(allowed, key) == NULL && strstr(flags, key) == NULL)
			die("unknown option %s (see fhe(1))", a);
		o->name[o->n] = a + 1;
		if (strstr(flags, key) != NULL) {
			o->val[o->n++] = "1";
			continue;
		}
		if (i + 1 >= argc)
			die("option %s needs a value", a);
		o->val[o->n++] = argv[++i];
	}
}

static const char *
opt(const Opts *o, const char *name, const char *def)
{
	for (int i = 0; i < o->n; i++) {
		if (strcmp(o->name[i], name) == 0)
			return o->val[i];
	}
	return def;
}

static const char *
need(const Opts *o, const char *name)
{
	const char *v = opt(o, name, NULL);

	if (v == NULL)
		die("missing option -%s", name);
	return v;
}

static uint8_t *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	for (;;) {
		if (n == cap) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap + 1);
			if (buf == NULL)
				die("%s: out of memory", path);
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		die("%s: read error", path);
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

// Write a file; secret ones (mode 0600) are created readable by the owner only.
static void
write_file_mode(const char *path, const uint8_t *buf, size_t len, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	FILE *f;

	// An existing file keeps its mode on open; tighten it for secrets.
	if (fd >= 0 && mode == 0600 && fchmod(fd, 0600) != 0)
		die("%s: %s", path, strerror(errno));
	f = fd < 0 ? NULL : fdopen(fd, "wb");

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	if (fwrite(buf, 1, len, f) != len || fclose(f) != 0)
		die("%s: write error", path);
}

static void
write_file(const char *path, const uint8_t *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	if (fwrite(buf, 1, len, f) != len || fclose(f) != 0)
		die("%s: write error", path);
}

static void
check(int rc, const char *what)
{
	if (rc != 0)
		die("%s: %s", what, fhe_strerror(rc));
}

static fhe_ctx *
load_ctx(const char *path)
{
	size_t len;
	uint8_t *b = read_file(path, &len);
	fhe_params p;
	char err[256];
	fhe_ctx *c;

	if (fhe_load_params(b, len, &p, err, sizeof err) != 0)
		die("%s: %s", path, err);
	free(b);
	c = fhe_ctx_new(&p, err, sizeof err);
	if (c == NULL)
		die("%s: %s", path, err);
	return c;
}

// A comma-separated list of integers.
static size_t
int_list(const char *s, long *out, size_t max, const char *what)
{
	size_t n = 0;

	while (*s) {
		char *end;
		long v;

		errno = 0;
		v = strtol(s, &end, 10);
		if (end == s || errno != 0 || (*end != ',' && *end != 0) || n == max)
			die("%s: bad list \"%s\" (want numbers separated by commas)", what, s);
		out[n++] = v;
		s = *end ? end + 1 : end;
	}
	return n;
}

static void
default_bits(int scheme, unsigned logn, unsigned *bits, size_t *nb)
{
	static const unsigned bfv[4][16] = {
	        {36, 36, 37},
	        {43, 43, 44, 44, 44},
	        {48, 48, 48, 49, 49, 49, 49, 49, 49},
	        {55, 55, 55, 55, 55, 55, 55, 55, 55, 55, 55, 55, 55, 55, 55, 55}};
	static const size_t bfvn[4] = {3, 5, 9, 16};
	static const unsigned ckks[4][16] = {
	        {40, 29, 40},
	        {60, 40, 40, 60},
	        {60, 40, 40, 40, 40, 40, 40, 40, 60},
	        {60, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 60}};
	static const size_t ckksn[4] = {3, 4, 9, 16};
	size_t k = logn - 12;

	if (logn < 12 || logn > 15)
		die("no default coefficient modulus for N = %u: give -q", 1u << logn);
	*nb = scheme == FHE_BFV ? bfvn[k] : ckksn[k];
	memcpy(bits, scheme == FHE_BFV ? bfv[k] : ckks[k], *nb * sizeof(unsigned));
}

static int
cmd_params(int argc, char **argv)
{
	Opts o;
	const char *s, *q;
	unsigned logn = 0, bits[FHE_MAX_PRIMES];
	size_t nb = 0;
	long n, tb;
	int scheme;
	fhe_params p;
	uint64_t t = 0;
	uint8_t *buf;
	size_t len;
	char err[256];
	fhe_ctx *c;

	parse_opts(&o, argc, argv, " s n q t o ", " insecure ");
	s = need(&o, "s");
	scheme = strcmp(s, "bfv") == 0 ? FHE_BFV : strcmp(s, "ckks") == 0 ? FHE_CKKS : 0;
	if (scheme == 0)
		die("-s %s: scheme must be bfv or ckks", s);
	n = strtol(need(&o, "n"), NULL, 10);
	while (logn <= FHE_MAX_LOGN && (1L << logn) != n)
		logn++;
	if (logn > FHE_MAX_LOGN || logn < FHE_MIN_LOGN)
		die("-n %ld: N must be a power of two from 4 to 32768", n);
	q = opt(&o, "q", NULL);
	if (q != NULL) {
		long v[FHE_MAX_PRIMES];

		nb = int_list(q, v, FHE_MAX_PRIMES, "-q");
		for (size_t i = 0; i < nb; i++) {
			if (v[i] < 2 || v[i] > 60)
				die("-q: prime size %ld bits is outside 2..60", v[i]);
			bits[i] = (unsigned)v[i];
		}
	} else {
		default_bits(scheme, logn, bits, &nb);
	}
	if (scheme == FHE_BFV) {
		tb = strtol(opt(&o, "t", "20"), NULL, 10);
		if (tb < 2 || tb > 59 || (t = fhe_batching_prime(logn, (unsigned)tb)) == 0)
			die("-t %ld: no batching prime of that size for N = %ld", tb, n);
	}
	if (fhe_params_from_bits(&p, scheme, logn, bits, nb, t) != 0)
		die("-q: cannot find %zu distinct primes of these sizes = 1 mod 2N (need 2..%d "
		    "primes)",
		    nb, FHE_MAX_PRIMES);
	p.insecure = opt(&o, "insecure", NULL) != NULL;
	c = fhe_ctx_new(&p, err, sizeof err);
	if (c == NULL)
		die("%s", err);
	fhe_ctx_free(c);
	check(fhe_save_params(&p, &buf, &len), "params");
	write_file(need(&o, "o"), buf, len);
	free(buf);
	return 0;
}

static void
save_obj(const char *prefix, const char *ext, uint8_t *buf, size_t len)
{
	char path[4096];

	snprintf(path, sizeof path, "%s.%s", prefix, ext);
	write_file_mode(path, buf, len, strcmp(ext, "sk") == 0 ? 0600 : 0644);
	fhe_wipe(buf, len);
	free(buf);
}

static int
cmd_keygen(int argc, char **argv)
{
	Opts o;
	fhe_ctx *c;
	fhe_rng r;
	fhe_sk sk;
	fhe_pk pk;
	fhe_kswitch_key rk;
	fhe_galois_keys gk;
	long st[64];
	int steps[64];
	size_t ns;
	const char *prefix;
	uint8_t *buf;
	size_t len;

	parse_opts(&o, argc, argv, " p o r ", "");
	c = load_ctx(need(&o, "p"));
	prefix = need(&o, "o");
	ns = int_list(opt(&o, "r", "1,-1,0"), st, 64, "-r");
	for (size_t i = 0; i < ns; i++)
		steps[i] = (int)st[i];
	check(fhe_rng_init(&r), "random");
	check(fhe_keygen_secret(c, &r, &sk), "secret key");
	check(fhe_keygen_public(c, &r, &sk, &pk), "public key");
	check(fhe_keygen_relin(c, &r, &sk, &rk), "relinearisation key");
	check(fhe_keygen_galois(c, &r, &sk, steps, ns, &gk), "Galois keys");
	check(fhe_save_sk(c, &sk, &buf, &len), "save");
	save_obj(prefix, "sk", buf, len);
	check(fhe_save_pk(c, &pk, &buf, &len), "save");
	save_obj(prefix, "pk", buf, len);
	check(fhe_save_relin(c, &rk, &buf, &len), "save");
	save_obj(prefix, "rk", buf, len);
	check(fhe_save_galois(c, &gk, &buf, &len), "save");
	save_obj(prefix, "gk", buf, len);
	fhe_sk_free(c, &sk);
	fhe_pk_free(&pk);
	fhe_kswitch_free(&rk);
	fhe_galois_free(&gk);
	fhe_rng_wipe(&r);
	fhe_ctx_free(c);
	return 0;
}

// Numbers separated by white space or commas; say where a bad one is.
static double *
read_numbers(const char *path, size_t *count, size_t max)
{
	size_t len, n = 0, line = 1;
	char *text = (char *)read_file(path, &len), *p = text;
	double *v = malloc(max * sizeof(double));

	if (v == NULL)
		die("out of memory");
	while (*p) {
		char *end;

		if (*p == '\n')
			line++;
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',') {
			p++;
			continue;
		}
		if (n == max)
			die("%s:%zu: more than %zu values (the number of slots)", path, line, max);
		v[n++] = strtod(p, &end);
		if (end == p || !isfinite(v[n - 1]))
			die("%s:%zu: \"%.*s\" is not a number", path, line,
			    (int)strcspn(p, " \t\r\n,"), p);
		p = end;
	}
	free(text);
	*count = n;
	return v;
}

// Encode numbers read from `where`: integers modulo t for BFV, reals at
// `scale` over nlimb primes (0: all) for CKKS.
static void
encode_values(const fhe_ctx *c, const double *v, size_t nv, double scale, size_t nlimb, fhe_pt *pt,
              const char *where)
{
	uint64_t t = fhe_ctx_params(c)->t, *u;

	if (fhe_ctx_params(c)->scheme == FHE_CKKS) {
		check(fhe_ckks_encode(c, v, NULL, nv, scale, nlimb, pt), "encode");
		return;
	}
	u = malloc((nv ? nv : 1) * sizeof(uint64_t));
	if (u == NULL)
		die("out of memory");
	for (size_t i = 0; i < nv; i++) {
		double x = v[i];

		if (x != floor(x) || fabs(x) >= 9007199254740992.0)
			die("%s: value %zu (%g) is not an integer", where, i + 1, x);
		u[i] = (uint64_t)(((long long)fmod(x, (double)t) + (long long)t) % (long long)t);
	}
	check(fhe_bfv_encode(c, u, nv, pt), "encode");
	free(u);
}

static int
cmd_encrypt(int argc, char **argv)
{
	Opts o;
	fhe_ctx *c;
	fhe_pk pk = {0, 0};
	fhe_rng r;
	fhe_pt pt;
	fhe_ct ct;
	size_t len, nv, slots;
	uint8_t *buf;
	char err[256];
	const char *kp, *in;
	double *v;

	parse_opts(&o, argc, argv, " p k i o scale ", "");
	c = load_ctx(need(&o, "p"));
	kp = need(&o, "k");
	buf = read_file(kp, &len);
	if (fhe_load_pk(c, buf, len, &pk, err, sizeof err) != 0)
		die("%s: %s", kp, err);
	free(buf);
	slots = fhe_ctx_slots(c);
	in = opt(&o, "i", "/dev/stdin");
	v = read_numbers(in, &nv, slots);
	fhe_pt_init(&pt);
	fhe_ct_init(&ct);
	{
		long sb = strtol(opt(&o, "scale", "0"), NULL, 10);

		if (sb == 0)
			sb = fhe_ctx_n(c) == 4096 ? 29 : 40;
		if (sb < 1 || sb > 100)
			die("-scale %ld: log2 of the scale must be 1..100", sb);
		encode_values(c, v, nv, ldexp(1, (int)sb), 0, &pt, in);
	}
	check(fhe_rng_init(&r), "random");
	check(fhe_encrypt(c, &r, &pk, &pt, &ct), "encrypt");
	check(fhe_save_ct(c, &ct, &buf, &len), "save");
	write_file(need(&o, "o"), buf, len);
	free(buf);
	free(v);
	fhe_pt_free(&pt);
	fhe_ct_free(&ct);
	fhe_pk_free(&pk);
	fhe_rng_wipe(&r);
	fhe_ctx_free(c);
	return 0;
}

static int
cmd_decrypt(int argc, char **argv)
{
	Opts o;
	fhe_ctx *c;
	fhe_sk sk = {0};
	fhe_pt pt;
	fhe_ct ct;
	size_t len, count, slots;
	uint8_t *buf;
	char err[256];
	const char *kp, *in;

	parse_opts(&o, argc, argv, " p k i count ", " budget ");
	c = load_ctx(need(&o, "p"));
	kp = need(&o, "k");
	buf = read_file(kp, &len);
	if (fhe_load_sk(c, buf, len, &sk, err, sizeof err) != 0)
		die("%s: %s", kp, err);
	fhe_wipe(buf, len);
	free(buf);
	in = need(&o, "i");
	buf = read_file(in, &len);
	fhe_ct_init(&ct);
	fhe_pt_init(&pt);
	if (fhe_load_ct(c, buf, len, &ct, err, sizeof err) != 0)
		die("%s: %s", in, err);
	free(buf);
	slots = fhe_ctx_slots(c);
	count = (size_t)strtoul(opt(&o, "count", "0"), NULL, 10);
	if (count == 0 || count > slots)
		count = slots;
	if (opt(&o, "budget", NULL) != NULL) {
		if (fhe_ctx_params(c)->scheme != FHE_BFV)
			die("-budget: the noise budget is defined for BFV only");
		printf("# noise budget %d bits\n", fhe_noise_budget(c, &sk, &ct));
	}
	check(fhe_decrypt(c, &sk, &ct, &pt), "decrypt");
	if (fhe_ctx_params(c)->scheme == FHE_BFV) {
		uint64_t *v = malloc(slots * sizeof(uint64_t));

		check(fhe_bfv_decode(c, &pt, v), "decode");
		for (size_t i = 0; i < count; i++)
			printf("%llu\n", (unsigned long long)v[i]);
		free(v);
	} else {
		double *re = malloc(slots * sizeof(double));

		check(fhe_ckks_decode(c, &pt, re, NULL), "decode");
		for (size_t i = 0; i < count; i++)
			printf("%.10g\n", re[i]);
		free(re);
	}
	fhe_sk_free(c, &sk);
	fhe_pt_free(&pt);
	fhe_ct_free(&ct);
	fhe_ctx_free(c);
	return 0;
}

// The circuit interpreter: named ciphertext variables.
#define MAXVARS 64
typedef struct Circ {
	const fhe_ctx *c;
	const char *path;
	size_t line;
	int nv;
	char name[MAXVARS][32];
	fhe_ct ct[MAXVARS];
	fhe_kswitch_key rk;
	fhe_galois_keys gk;
	int have_rk, have_gk;
} Circ;

__attribute__((format(printf, 2, 3), noreturn)) static void
cdie(const Circ *k, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s:%zu: ", prog, k->path, k->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(1);
}

static fhe_ct *
var(Circ *k, const char *name, int create)
{
	for (int i = 0; i < k->nv; i++) {
		if (strcmp(k->name[i], name) == 0)
			return &k->ct[i];
	}
	if (!create)
		cdie(k, "\"%s\" is not defined", name);
	if (k->nv == MAXVARS || strlen(name) >= 32)
		cdie(k, "too many variables or name \"%s\" too long", name);
	snprintf(k->name[k->nv], 32, "%s", name);
	fhe_ct_init(&k->ct[k->nv]);
	return &k->ct[k->nv++];
}

static void
crc(const Circ *k, int rc, const char *op)
{
	if (rc != 0)
		cdie(k, "%s: %s", op, fhe_strerror(rc));
}

// "X = addp Y FILE" and "X = mulp Y FILE": Y plus or times the plaintext
// of the numbers in FILE. For CKKS, addp encodes at Y's scale and mulp at the
// value of Y's last prime, so that a rescale afterwards restores Y's scale.
static void
plain_op(Circ *k, const char *op, fhe_ct *dst, const fhe_ct *a, char **w, int nw)
{
	const fhe_ctx *c = k->c;
	double *v, scale = a->scale;
	size_t nv;
	fhe_pt pt;

	if (nw != 5)
		cdie(k, "%s takes an operand and a file of numbers", op);
	if (a->nlimb == 0)
		cdie(k, "%s: \"%s\" holds no ciphertext", op, w[3]);
	v = read_numbers(w[4], &nv, fhe_ctx_slots(c));
	if (op[0] == 'm')
		scale = (double)fhe_ctx_params(c)->primes[a->nlimb - 1];
	fhe_pt_init(&pt);
	encode_values(c, v, nv, scale, a->nlimb, &pt, w[4]);
	crc(k, op[0] == 'a' ? fhe_add_plain(c, dst, a, &pt) : fhe_mul_plain(c, dst, a, &pt), op);
	fhe_pt_free(&pt);
	free(v);
}

// One statement: "load X FILE", "save X FILE", or "X = OP ARGS".
static void
statement(Circ *k, char **w, int nw)
{
	const fhe_ctx *c = k->c;
	fhe_ct *dst, *a, *b;
	const char *op;
	char key[48];

	if (strcmp(w[0], "load") == 0 || strcmp(w[0], "save") == 0) {
		uint8_t *buf;
		size_t len;
		char err[256];

		if (nw != 3)
			cdie(k, "%s takes a variable and a file name", w[0]);
		if (w[0][0] == 's') {
			crc(k, fhe_save_ct(c, var(k, w[1], 0), &buf, &len), "save");
			write_file(w[2], buf, len);
		} else {
			buf = read_file(w[2], &len);
			if (fhe_load_ct(c, buf, len, var(k, w[1], 1), err, sizeof err) != 0)
				cdie(k, "%s: %s", w[2], err);
		}
		free(buf);
		return;
	}
	if (nw < 4 || strcmp(w[1], "=") != 0)
		cdie(k, "expected \"load X FILE\", \"save X FILE\" or \"X = OP ARGS\"");
	op = w[2];
	snprintf(key, sizeof key, " %s ", op);
	if (strstr(" add sub mul square neg copy relin rescale rotate conj drop addp mulp ", key) ==
	    NULL)
		cdie(k,
		     "unknown operation \"%s\" (add sub mul square neg copy relin rescale rotate "
		     "conj drop addp mulp)",
		     op);
	a = var(k, w[3], 0);
	dst = var(k, w[0], 1);
	if (strcmp(op, "add") == 0 || strcmp(op, "sub") == 0 || strcmp(op, "mul") == 0) {
		if (nw != 5)
			cdie(k, "%s takes two operands", op);
		b = var(k, w[4], 0);
		crc(k,
		    op[0] == 'a'   ? fhe_add(c, dst, a, b)
		    : op[0] == 's' ? fhe_sub(c, dst, a, b)
		                   : fhe_mul(c, dst, a, b),
		    op);
		return;
	}
	if (strcmp(op, "addp") == 0 || strcmp(op, "mulp") == 0) {
		plain_op(k, op, dst, a, w, nw);
		return;
	}
	if (nw != 4 && strcmp(op, "rotate") != 0 && strcmp(op, "drop") != 0)
		cdie(k, "%s takes one operand", op);
	if (strcmp(op, "square") == 0) {
		crc(k, fhe_mul(c, dst, a, a), op);
	} else if (strcmp(op, "neg") == 0) {
		crc(k, fhe_negate(c, dst, a), op);
	} else if (strcmp(op, "copy") == 0) {
		crc(k, fhe_ct_copy(c, dst, a), op);
	} else if (strcmp(op, "relin") == 0) {
		if (!k->have_rk)
			cdie(k, "relin needs the relinearisation key (-k PREFIX)");
		crc(k, fhe_ct_copy(c, dst, a), op);
		crc(k, fhe_relin(c, dst, &k->rk), op);
	} else if (strcmp(op, "rescale") == 0) {
		crc(k, fhe_ct_copy(c, dst, a), op);
		crc(k, fhe_rescale(c, dst), op);
	} else if (strcmp(op, "rotate") == 0 || strcmp(op, "conj") == 0) {
		long steps = 0;
		char *end;

		if (op[0] == 'r') {
			if (nw != 5)
				cdie(k, "rotate takes an operand and a step count");
			steps = strtol(w[4], &end, 10);
			if (*end != 0 || steps < -32768 || steps > 32768)
				cdie(k, "rotate: \"%s\" is not a step count", w[4]);
		}
		if (!k->have_gk)
			cdie(k, "%s needs Galois keys (-k PREFIX)", op);
		crc(k, fhe_ct_copy(c, dst, a), op);
		crc(k,
		    op[0] == 'r' ? fhe_rotate(c, dst, (int)steps, &k->gk)
		                 : fhe_conjugate(c, dst, &k->gk),
		    op);
	} else if (strcmp(op, "drop") == 0) {
		fhe_ct *ref;

		if (nw != 5)
			cdie(k, "drop takes an operand and a variable whose level to match");
		ref = var(k, w[4], 0);
		crc(k, fhe_ct_copy(c, dst, a), op);
		crc(k, fhe_drop_level(c, dst, ref->nlimb), op);
	} else {
		cdie(k,
		     "unknown operation \"%s\" (add sub mul square neg copy relin rescale "
		     "rotate conj drop)",
		     op);
	}
}

static void
load_eval_keys(Circ *k, const char *prefix)
{
	char path[4096], err[256];
	uint8_t *buf;
	size_t len;
	FILE *f;

	snprintf(path, sizeof path, "%s.rk", prefix);
	if ((f = fopen(path, "rb")) != NULL) {
		fclose(f);
		buf = read_file(path, &len);
		if (fhe_load_relin(k->c, buf, len, &k->rk, err, sizeof err) != 0)
			die("%s: %s", path, err);
		free(buf);
		k->have_rk = 1;
	}
	snprintf(path, sizeof path, "%s.gk", prefix);
	if ((f = fopen(path, "rb")) != NULL) {
		fclose(f);
		buf = read_file(path, &len);
		if (fhe_load_galois(k->c, buf, len, &k->gk, err, sizeof err) != 0)
			die("%s: %s", path, err);
		free(buf);
		k->have_gk = 1;
	}
}

static int
cmd_eval(int argc, char **argv)
{
	Opts o;
	Circ *k = calloc(1, sizeof *k);
	size_t len;
	char *text, *line, *save = NULL;

	if (k == NULL)
		die("out of memory");
	parse_opts(&o, argc, argv, " p k c ", "");
	k->c = load_ctx(need(&o, "p"));
	if (opt(&o, "k", NULL) != NULL)
		load_eval_keys(k, opt(&o, "k", NULL));
	k->path = need(&o, "c");
	text = (char *)read_file(k->path, &len);
	for (line = text; line != NULL; line = save) {
		char *nl = strchr(line, '\n'), *w[8], *tok, *ts = NULL;
		int nw = 0;

		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = 0;
		k->line++;
		if (strchr(line, '#'))
			*strchr(line, '#') = 0;
		for (tok = strtok_r(line, " \t\r", &ts); tok; tok = strtok_r(NULL, " \t\r", &ts)) {
			if (nw == 8)
				cdie(k, "too many words");
			w[nw++] = tok;
		}
		if (nw > 0)
			statement(k, w, nw);
	}
	free(text);
	for (int i = 0; i < k->nv; i++)
		fhe_ct_free(&k->ct[i]);
	if (k->have_rk)
		fhe_kswitch_free(&k->rk);
	if (k->have_gk)
		fhe_galois_free(&k->gk);
	fhe_ctx_free((fhe_ctx *)k->c);
	free(k);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "params") == 0)
		return cmd_params(argc - 2, argv + 2);
	if (strcmp(argv[1], "keygen") == 0)
		return cmd_keygen(argc - 2, argv + 2);
	if (strcmp(argv[1], "encrypt") == 0)
		return cmd_encrypt(argc - 2, argv + 2);
	if (strcmp(argv[1], "eval") == 0)
		return cmd_eval(argc - 2, argv + 2);
	if (strcmp(argv[1], "decrypt") == 0)
		return cmd_decrypt(argc - 2, argv + 2);
	usage();
}
