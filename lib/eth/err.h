// lib/eth/err.h: how lib/eth reports why something failed.
//
// Functions that can fail on user input take `char *err`: NULL, or a buffer
// of ETH_ERRLEN bytes that receives one line saying what failed, where and why
// (e.g. "tx field 3 (gasLimit): integer has a leading zero byte").
#ifndef ETH_ERR_H
#define ETH_ERR_H

enum { ETH_ERRLEN = 200 };

// Format into err if it is not NULL. Always returns -1, so callers can write
// `return eth_err(err, "...")`.
__attribute__((format(printf, 2, 3))) int eth_err(char *err, const char *fmt, ...);

#endif
