# embed.cmake: write a C file holding the bytes of INPUT as SYMBOL.
# cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -DNAME=... -P embed.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"/* Generated from ${NAME} by cmake/embed.cmake: do not edit. */\n"
"#include <stddef.h>\n"
"const char ${SYMBOL}_text[] = {\n${bytes}0x00};\n"
"const size_t ${SYMBOL}_len = ${len};\n"
"const char ${SYMBOL}_name[] = \"${NAME}\";\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
