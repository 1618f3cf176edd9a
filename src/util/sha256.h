/* sha256.h: SHA-256 of a buffer as lower-case hex (libsodium). */
#ifndef DTI_SHA256_H
#define DTI_SHA256_H

#include <stddef.h>

/* sha256_hex(data, len, out): 64 hex digits and a NUL into ${out}. */
void sha256_hex(const void *, size_t, char[65]);

#endif
