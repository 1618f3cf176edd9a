/* sha256.c: content hashes for stored files and methodologies. */
#include "util/sha256.h"

#include <sodium.h>

void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int
sha256_file_open(struct sha256_file *sf)
{
	sf->shf_len = 0;
	crypto_hash_sha256_init(&sf->shf_st);
	sf->shf_f = tmpfile(); /* unlinked: gone when closed or on a crash */
	return sf->shf_f != NULL ? 0 : -1;
}

int
sha256_file_write(struct sha256_file *sf, const void *data, size_t n)
{
	if (n == 0)
		return 0;
	if (fwrite(data, 1, n, sf->shf_f) != n)
		return -1;
	crypto_hash_sha256_update(&sf->shf_st, data, n);
	sf->shf_len += n;
	return 0;
}

int
sha256_file_end(struct sha256_file *sf, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_final(&sf->shf_st, h);
	sodium_bin2hex(out, 65, h, sizeof(h));
	if (fflush(sf->shf_f) != 0 || fseek(sf->shf_f, 0, SEEK_SET) != 0)
		return -1;
	return 0;
}

void
sha256_file_close(struct sha256_file *sf)
{
	if (sf->shf_f != NULL)
		fclose(sf->shf_f);
	sf->shf_f = NULL;
}

int
sha256_stream(FILE *f, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES], chunk[64 << 10];
	crypto_hash_sha256_state st;
	size_t n;

	if (fseek(f, 0, SEEK_SET) != 0)
		return -1;
	crypto_hash_sha256_init(&st);
	while (len > 0) {
		n = fread(
		    chunk, 1, len < sizeof(chunk) ? len : sizeof(chunk), f);
		if (n == 0)
			return -1;
		crypto_hash_sha256_update(&st, chunk, n);
		len -= n;
	}
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof(h));
	return 0;
}
