// lib/fhe/fhe_wire.h: the serialized form of lib/fhe objects, version 1.
// Defined here and nowhere else. All integers are little-endian.
//
// Every object starts with a 24-byte header:
//
//	offset  size  field
//	0       4     magic "GFHE"
//	4       2     version (FHE_WIRE_VERSION)
//	6       2     kind (FHE_WIRE_*)
//	8       8     parameter hash: FNV-1a-64 of the parameter body below
//	16      8     body length in bytes (the object is exactly 24 + this)
//
// Bodies (N = 2^logn, L = number of data primes, polynomials as N u64
// residues per prime, limb after limb, in NTT form except where noted):
//
//	PARAMS     u8 scheme (1 BFV, 2 CKKS), u8 insecure (0/1), u8 logn,
//	           u8 nprimes, u32 zero, u64 t, u64 primes[nprimes]
//	SECRET     the secret key over all L+1 primes
//	PUBLIC     p0, p1 over the L data primes
//	RELIN      u32 0, u32 zero, then L pairs (b_i, a_i) over L+1 primes
//	GALOIS     u32 count, u32 zero, then count times:
//	           u32 Galois element, u32 zero, L pairs (b_i, a_i) over L+1 primes
//	PLAIN      u32 nlimb, u32 zero, f64 scale, then BFV: N coefficients
//	           modulo t (coefficient form, nlimb 0); CKKS: nlimb limbs
//	CIPHER     u32 size (2 or 3), u32 nlimb, f64 scale, size polynomials
//	           over nlimb primes
//
// The parameter hash detects objects made for other parameters; it is not an
// authenticator. Every residue must be below its modulus.
#ifndef FHE_FHE_WIRE_H
#define FHE_FHE_WIRE_H

#define FHE_WIRE_MAGIC "GFHE"
#define FHE_WIRE_VERSION 1
#define FHE_WIRE_HEADER 24

enum {
	FHE_WIRE_PARAMS = 1,
	FHE_WIRE_SECRET = 2,
	FHE_WIRE_PUBLIC = 3,
	FHE_WIRE_RELIN = 4,
	FHE_WIRE_GALOIS = 5,
	FHE_WIRE_PLAIN = 6,
	FHE_WIRE_CIPHER = 7,
};

#endif
