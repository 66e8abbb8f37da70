// lib/c/include/math.h: a small libm (lib/c/math/): fabs, floor, ceil,
// trunc, round, sqrt (sqrtsd), fmod, frexp, ldexp, modf, exp, log, log2,
// log10, pow, and the classification macros. exp, log and pow are accurate
// to about one unit in the last place, not correctly rounded. ld.c adds
// sinl, cosl, sincosl (x87), hypot, fmax, fmin, lround and llround; no double trigonometric
// functions yet.
#ifndef _MATH_H
#define _MATH_H

#define HUGE_VAL (__builtin_huge_val())
#define HUGE_VALF (__builtin_huge_valf())
#define INFINITY (__builtin_inff())
#define NAN (__builtin_nanf(""))
#define M_E 2.7182818284590452354
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846

#define isnan(x) __builtin_isnan(x)
#define isinf(x) __builtin_isinf(x)
#define isfinite(x) __builtin_isfinite(x)
#define signbit(x) __builtin_signbit(x)
#define fpclassify(x) __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, x)
#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4

double fabs(double x);
double floor(double x);
double ceil(double x);
double trunc(double x);
double round(double x);
double sqrt(double x);
float sqrtf(float x);
double fmod(double x, double y);
double frexp(double x, int *e);
double ldexp(double x, int e);
double modf(double x, double *ip);
double exp(double x);
double log(double x);
double log2(double x);
double log10(double x);
double pow(double x, double y);
long double sinl(long double x);
long double cosl(long double x);
// A GNU extension compilers call for a sinl and a cosl of one argument.
void sincosl(long double x, long double *s, long double *c);
double hypot(double x, double y);
double fmax(double x, double y);
double fmin(double x, double y);
long lround(double x);
long long llround(double x);

#endif
