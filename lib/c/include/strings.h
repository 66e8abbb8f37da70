// lib/c/include/strings.h: the BSD string names (declared in string.h).
#ifndef _STRINGS_H
#define _STRINGS_H

#include <string.h>

#endif
