// lib/c/test/rename.h: forced into the host build of lib/c/string/string.c
// and its test, so Gremlin's string functions get names of their own
// (gr_memcpy, ...) and do not replace the host C library's.
#define memcpy gr_memcpy
#define memmove gr_memmove
#define memset gr_memset
#define memcmp gr_memcmp
#define memchr gr_memchr
#define bcmp gr_bcmp
#define memrchr gr_memrchr
#define strlen gr_strlen
#define strnlen gr_strnlen
#define strcmp gr_strcmp
#define strncmp gr_strncmp
#define strcpy gr_strcpy
#define strncpy gr_strncpy
#define strcat gr_strcat
#define strncat gr_strncat
#define strlcpy gr_strlcpy
#define strlcat gr_strlcat
#define strchr gr_strchr
#define strrchr gr_strrchr
#define strstr gr_strstr
#define strspn gr_strspn
#define strcspn gr_strcspn
#define strpbrk gr_strpbrk
#define strtok_r gr_strtok_r
#define strtok gr_strtok
#define strcasecmp gr_strcasecmp
#define strncasecmp gr_strncasecmp
#define strdup gr_strdup
#define strndup gr_strndup
#define strerror gr_strerror

// Not every host C library declares these.
#include <stddef.h>
size_t gr_strlcpy(char *restrict dst, const char *restrict src, size_t n);
size_t gr_strlcat(char *restrict dst, const char *restrict src, size_t n);
void *gr_memrchr(const void *s, int c, size_t n);
int gr_bcmp(const void *a, const void *b, size_t n);
