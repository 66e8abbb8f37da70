// lib/eth/err.c: error messages for lib/eth (see err.h).
#include <stdarg.h>
#include <stdio.h>

#include "eth/err.h"

int
eth_err(char *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err, ETH_ERRLEN, fmt, ap);
	va_end(ap);
	return -1;
}
