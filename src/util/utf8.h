/* utf8.h: UTF-8 validation (RFC 3629: no overlongs, no surrogates). */
#ifndef DTI_UTF8_H
#define DTI_UTF8_H

#include <stddef.h>

/* utf8_valid(s, n): 1 when the ${n} bytes at ${s} are valid UTF-8. */
int utf8_valid(const char *, size_t);

#endif
