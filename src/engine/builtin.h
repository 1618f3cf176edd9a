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

/* The organisation of Ninh Thuận (data/ninh-thuan.yaml). */
extern const char builtin_org_text[];
extern const size_t builtin_org_len;
extern const char builtin_org_name[];

/* The illustrative demo round (examples/demo-ninh-thuan.csv). */
extern const char builtin_demo_text[];
extern const size_t builtin_demo_len;
extern const char builtin_demo_name[];

/* The OpenAPI description of the server (docs/openapi.json). */
extern const char builtin_openapi_text[];
extern const size_t builtin_openapi_len;
extern const char builtin_openapi_name[];

/* Plan 4233/KH-UBND: its tasks and targets (plans/ninh-thuan-4233-2022.yaml). */
extern const char builtin_plan_text[];
extern const size_t builtin_plan_len;
extern const char builtin_plan_name[];

#endif
