/*
 * builtin.h: methodologies compiled into the program (generated at build
 * time from methodologies/), so that dti works from any directory.
 */
#ifndef DTI_BUILTIN_H
#define DTI_BUILTIN_H

#include <stddef.h>

/* The 2022 provincial DTI methodology (methodologies/dti-2022-province.yaml). */
extern const char builtin_method_text[];
extern const size_t builtin_method_len;
extern const char builtin_method_name[];

#endif
