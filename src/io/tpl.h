/*
 * tpl.h: a small template filler for the XML parts of documents dti
 * writes (templates/docx/): {{name}} is replaced by the value escaped
 * for XML text and attributes, {{{name}}} by the value as it is (XML
 * made from other templates). Nothing else is special.
 */
#ifndef DTI_TPL_H
#define DTI_TPL_H

#include <stddef.h>

#include "util/buf.h"

struct tpl_var {
	const char *tv_name;
	const char *tv_value; /* NULL: "" */
};

/*
 * tpl_fill(out, tpl, vars, n): append ${tpl} filled from the ${n}
 * ${vars} to ${out}; 0, or -1 when it names a variable not given or a
 * "{{" is not closed (a fault of the template, not of the data).
 */
int tpl_fill(struct buf *, const char *, const struct tpl_var *, size_t);
/* tpl_escape(out, s): ${s} escaped for XML (&, <, >, ", '). */
void tpl_escape(struct buf *, const char *);

#endif
