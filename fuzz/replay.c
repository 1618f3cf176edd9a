/*
 * replay.c: a main() for ordinary builds. It runs LLVMFuzzerTestOneInput
 * over every regular file of the corpus directories given as arguments,
 * so that the stored corpus is a test (under ASan in CI). It fails when a
 * directory cannot be read or holds no file.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Read the whole of ${path} into an exact-size buffer (so ASan sees overreads). */
static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data, *p;
	size_t size = 0, cap = 4096, n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	p = malloc(cap);
	if (p == NULL)
		abort();
	while ((n = fread(p + size, 1, cap - size, f)) > 0) {
		size += n;
		if (size == cap) {
			cap *= 2;
			p = realloc(p, cap);
			if (p == NULL)
				abort();
		}
	}
	if (ferror(f)) {
		perror(path);
		fclose(f);
		free(p);
		return -1;
	}
	fclose(f);
	data = malloc(size > 0 ? size : 1);
	if (data == NULL)
		abort();
	memcpy(data, p, size);
	free(p);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every file of ${dir} in name order; return how many, or -1. */
static long
run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	long ran = 0;

	if (d == NULL) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			if (names == NULL)
				abort();
		}
		names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (names[n] == NULL)
			abort();
		snprintf(names[n], strlen(dir) + strlen(e->d_name) + 2, "%s/%s",
		    dir, e->d_name);
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++) {
		struct stat st;

		if (ran >= 0 && stat(names[i], &st) == 0 &&
		    S_ISREG(st.st_mode)) {
			if (run_file(names[i]) < 0)
				ran = -1;
			else
				ran++;
		}
		free(names[i]);
	}
	free(names);
	return ran;
}

int
main(int argc, char **argv)
{
	long total = 0, n;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		n = run_dir(argv[i]);
		if (n < 0)
			return 1;
		if (n == 0) {
			fprintf(
			    stderr, "%s: no input in the corpus\n", argv[i]);
			return 1;
		}
		printf("%s: %ld inputs\n", argv[i], n);
		total += n;
	}
	printf("ran %ld inputs\n", total);
	return 0;
}
