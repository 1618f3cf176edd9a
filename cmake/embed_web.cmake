# embed_web.cmake: write a C file with the web interface's files: our own
# (web/src) and the pinned npm files (web/node_modules, installed by
# scripts/setup.sh with npm ci). One table of {path, type, bytes, length,
# sha256}; the assets live under /assets/<hash>/, <hash> taken from every
# file's SHA-256, so a changed file is a new address and each may be cached
# for good; index.html names that folder.
# cmake -DWEB=.../web -DOUTPUT=... -P embed_web.cmake
set(nm "${WEB}/node_modules")
# name in /assets/<hash>/ = file in node_modules
set(vendor
  "preact.js=preact/dist/preact.module.js"
  "hooks.js=preact/hooks/dist/hooks.module.js"
  "htm.js=htm/dist/htm.module.js"
  "chart.js=chart.js/dist/chart.umd.min.js")
foreach(v ${vendor})
  string(REPLACE "=" ";" pair "${v}")
  list(GET pair 1 rel)
  if(NOT EXISTS "${nm}/${rel}")
    message(FATAL_ERROR "web/node_modules/${rel} is missing: run scripts/setup.sh "
      "(it installs the pinned npm packages of web/package-lock.json with npm ci)")
  endif()
endforeach()

file(GLOB own RELATIVE "${WEB}/src" "${WEB}/src/*.js" "${WEB}/src/*.css"
  "${WEB}/src/*.svg")
list(SORT own)

function(type_of name out)
  if(name MATCHES "\\.js$")
    set(t "text/javascript; charset=utf-8")
  elseif(name MATCHES "\\.css$")
    set(t "text/css; charset=utf-8")
  elseif(name MATCHES "\\.svg$")
    set(t "image/svg+xml")
  elseif(name MATCHES "\\.html$")
    set(t "text/html; charset=utf-8")
  else()
    message(FATAL_ERROR "web: no content type for ${name}")
  endif()
  set(${out} "${t}" PARENT_SCOPE)
endfunction()

# Each asset's text (as it will be served) into a staging folder.
set(stage "${OUTPUT}.d")
file(REMOVE_RECURSE "${stage}")
file(MAKE_DIRECTORY "${stage}")
set(names "")
foreach(v ${vendor})
  string(REPLACE "=" ";" pair "${v}")
  list(GET pair 0 name)
  list(GET pair 1 rel)
  file(READ "${nm}/${rel}" text)
  # no browser import map under our CSP: the one bare import, made relative
  string(REPLACE "from\"preact\"" "from\"./preact.js\"" text "${text}")
  # the maps are not shipped
  string(REGEX REPLACE "\n//# sourceMappingURL=[^\n]*" "\n" text "${text}")
  file(WRITE "${stage}/${name}" "${text}")
  list(APPEND names "${name}")
endforeach()
foreach(name ${own})
  file(COPY_FILE "${WEB}/src/${name}" "${stage}/${name}")
  list(APPEND names "${name}")
endforeach()

set(all "")
foreach(name ${names})
  file(SHA256 "${stage}/${name}" h)
  string(APPEND all "${name}:${h}\n")
endforeach()
string(SHA256 tree "${all}")
string(SUBSTRING "${tree}" 0 12 tree)
file(READ "${WEB}/index.html" html)
string(REPLACE "@ASSETS@" "/assets/${tree}" html "${html}")
file(WRITE "${stage}/index.html" "${html}")

set(c "/* Generated from web/ by cmake/embed_web.cmake: do not edit. */\n")
string(APPEND c "#include \"api/api_web.h\"\n\n")
set(table "")
set(i 0)
foreach(name index.html ${names})
  file(READ "${stage}/${name}" hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR len "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
  file(SHA256 "${stage}/${name}" h)
  type_of("${name}" t)
  string(APPEND c "static const unsigned char f${i}[] = {\n${bytes}0x00};\n")
  if(name STREQUAL "index.html")
    set(path "/index.html")
  else()
    set(path "/assets/${tree}/${name}")
  endif()
  string(APPEND table "\t{ \"${path}\", \"${t}\", f${i}, ${len}, \"${h}\" },\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND c "\nconst struct web_asset web_assets[] = {\n${table}};\n")
string(APPEND c "const size_t web_assets_n = ${i};\n")
string(APPEND c "const char web_assets_dir[] = \"/assets/${tree}/\";\n")
file(WRITE "${OUTPUT}.tmp" "${c}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
file(REMOVE_RECURSE "${stage}")
