/* sha256.h: SHA-256 of a buffer as lower-case hex (libsodium). */
#ifndef DTI_SHA256_H
#define DTI_SHA256_H

#include <stddef.h>
#include <stdio.h>

#include <sodium.h>

/* sha256_hex(data, len, out): 64 hex digits and a NUL into ${out}. */
void sha256_hex(const void *, size_t, char[65]);

/*
 * A file that arrives in pieces, written to an unlinked temporary file
 * and hashed as it arrives, so that it is never held in memory.
 */
struct sha256_file {
	FILE *shf_f; /* the temporary file; NULL until opened */
	size_t shf_len; /* bytes written */
	crypto_hash_sha256_state shf_st; /* the hash so far */
};
/* sha256_file_open(sf): an empty one; -1 when no temporary file. */
int sha256_file_open(struct sha256_file *);
/* sha256_file_write(sf, data, n): append ${n} bytes; -1 on a write error. */
int sha256_file_write(struct sha256_file *, const void *, size_t);
/*
 * sha256_file_end(sf, out): the hash of all bytes written, as hex, into
 * ${out}; the file is flushed and rewound for reading. -1 on an error.
 */
int sha256_file_end(struct sha256_file *, char[65]);
/*
 * sha256_stream(f, len, out): the hash of the first ${len} bytes of
 * ${f}, read in pieces from its start; -1 when it is shorter.
 */
int sha256_stream(FILE *, size_t, char[65]);
/* sha256_file_close(sf): remove it (nothing when never opened). */
void sha256_file_close(struct sha256_file *);

#endif
