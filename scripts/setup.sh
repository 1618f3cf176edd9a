#!/usr/bin/env bash
# setup.sh: install the Debian 12 packages dti needs, when missing.
# Used by scripts/run and scripts/test; safe to run again.
set -euo pipefail

packages=(
	build-essential cmake pkg-config   # compiler and build
	libyaml-dev                        # methodology files (YAML)
	libcsv-dev                         # round files (RFC 4180 CSV)
	libsqlite3-dev                     # the embedded database
	libsodium-dev                      # Argon2id passwords, tokens, SHA-256
	libjansson-dev                     # JSON of the API
	libmicrohttpd-dev                  # the HTTP server
	libxlsxwriter-dev                  # work sheets officials fill in Excel (dti template)
	libzip-dev libexpat1-dev           # reading them back: the zip, then its XML (no hand-written unzip)
	python3                            # test helpers (generators, checks)
	libcmocka-dev                      # unit tests
	clang-format cppcheck              # style and static checks (run as tests)
	libreoffice-calc-nogui python3-uno # tests: a work sheet filled in LibreOffice, headless (db.cli.xlsx)
	libcairo2-dev libpango1.0-dev fonts-liberation # reports: PDF pages and charts, Liberation Serif/Sans (dti report)
	libreoffice-writer-nogui poppler-utils # tests: reports read back (DOCX to text; pdftotext, pdftoppm)
	chromium                           # the web interface's browser tests (headless)
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The web interface: Node.js and npm (Debian's, unless a node is already
# there), then the pinned npm packages of web/package-lock.json (Preact,
# htm, Chart.js; playwright-core and axe-core for the browser tests), again
# only when the lockfile changed. No package script runs.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "setup: installing nodejs npm"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm
fi
web="$(cd "$(dirname "$0")/.." && pwd)/web"
stamp="$web/node_modules/.dti-lock.sha256"
want="$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	echo "setup: npm ci in web/"
	(cd "$web" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
	echo "$want" >"$stamp"
fi
