#!/bin/sh
# bench/http/run.sh: requests per second and latency of `dti serve` on
# loopback, measured with wrk, beside nginx serving a static file of the
# same byte size in the same run; then a soak of mixed requests while the
# server's resident memory is sampled.
#
# Cases, each at 1, 50 and 200 connections (wrk -t1 for one connection,
# -t2 otherwise; a short warm-up run first, not counted), each measured 3
# times, the cases alternating; the summary takes each one's median run:
#   read    GET /api/v1/periods/2022/scores (computed on every request)
#   write   PUT /api/v1/periods/2022/values/{unit}/{3.3.a|1.4}, a draft
#   static  nginx, GET /score.json: a saved copy of the score response
#
# The server is the release build, `dti serve --threads 2 --log FILE
# --max-per-ip 1024` (all of wrk's connections come from one address; the
# access log goes to a file, as in production), on a fresh `dti init --demo`
# database; the coordinator `sotttt` signs in with curl. nginx runs as the
# current user from bench/http/nginx.conf, every path in the run's temp dir.
# Only 127.0.0.1 is ever addressed. wrk, the server and nginx share the
# machine's cores: the tables show the CPU time each side used.
#
# Needs: wrk, nginx, curl (Debian: apt-get install -y wrk nginx curl).
#
# Environment (all optional):
#   DTI_HTTP_DURATION  seconds of each measured run          (default 15)
#   DTI_HTTP_WARMUP    seconds of the warm-up before each     (default 3)
#   DTI_HTTP_CONNS     connection counts                      (default "1 50 200")
#   DTI_HTTP_CASES     cases to run                           (default "read write static")
#   DTI_HTTP_SOAK      seconds of the mixed soak, 0 for none  (default 300)
#   DTI_HTTP_SOAK_CONNS connections of the soak               (default 50)
#   DTI_HTTP_REPEAT    measured runs of each case and count   (default 3)
#   DTI_HTTP_THREADS   dti serve --threads                    (default 2)
#   DTI_HTTP_PORT      dti serve port; nginx uses PORT+1      (default 18080)
#   DTI_HTTP_IDLE_WAIT seconds to wait for an idle machine    (default 60)
#   DTI_HTTP_NOBUILD   1: use build-release/dti as it is
#   DTI_HTTP_DTI       another dti binary to measure (no build then)
#   DTI_HTTP_KEEP      1: keep the temp dir (logs, database)
#   DTI_HTTP_OUT       a directory to copy the raw results into
set -eu

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
HERE=$ROOT/bench/http
BUILD=$ROOT/build-release
DTI=${DTI_HTTP_DTI:-$BUILD/dti}
DUR=${DTI_HTTP_DURATION:-15}
WARM=${DTI_HTTP_WARMUP:-3}
CONNS=${DTI_HTTP_CONNS:-"1 50 200"}
CASES=${DTI_HTTP_CASES:-"read write static"}
SOAK=${DTI_HTTP_SOAK:-300}
SOAK_CONNS=${DTI_HTTP_SOAK_CONNS:-50}
REPEAT=${DTI_HTTP_REPEAT:-3}
THREADS=${DTI_HTTP_THREADS:-2}
PORT=${DTI_HTTP_PORT:-18080}
NGPORT=$((PORT + 1))
IDLE_WAIT=${DTI_HTTP_IDLE_WAIT:-60}
PERIOD=2022
UNIT=tinh-doi-chieu-2 # a comparison province of the demo round
HZ=$(getconf CLK_TCK)

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/http/run.sh: $*"; exit 1; }

for t in wrk nginx curl awk; do
	command -v $t >/dev/null 2>&1 ||
	    die "$t is missing (apt-get install -y wrk nginx curl)"
done

if [ "${DTI_HTTP_NOBUILD:-0}" != 1 ] && [ -z "${DTI_HTTP_DTI:-}" ]; then
	say "== build ($BUILD, Release)"
	cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build "$BUILD" -j2 --target dti >/dev/null
fi
[ -x "$DTI" ] || die "$DTI is missing"
# what was measured, taken now: the tree may change while the run goes on
TREE=$(git describe --always --dirty 2>/dev/null || echo '?')
if [ -n "${DTI_HTTP_DTI:-}" ]; then
	WHAT="$DTI (given by DTI_HTTP_DTI)"
elif [ "${DTI_HTTP_NOBUILD:-0}" = 1 ]; then
	WHAT="$DTI as found (not rebuilt; the tree is $TREE)"
else
	WHAT="$DTI, built from $TREE at $(date -u +%Y-%m-%dT%H:%MZ)"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dti-http.XXXXXX")
SRV_PID=
cleanup() {
	# only the processes this script started, by their ids
	[ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null && wait "$SRV_PID" 2>/dev/null
	[ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null
	sleep 0.5
	if [ "${DTI_HTTP_KEEP:-0}" = 1 ]; then
		say "kept $TMP"
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# CPU seconds (user + system) of a process and its direct children
cpu_of() {
	for p in $1 $(cat /proc/$1/task/*/children 2>/dev/null); do
		cat /proc/$p/stat 2>/dev/null
	done | awk -v hz="$HZ" '{ sub(/^.*\) /, ""); t += $12 + $13 }
	    END { printf "%.2f", t / hz }'
}
# busy CPU seconds of the whole machine, all cores
busy() { awk '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / 100 }' /proc/stat; }
# CPU seconds used so far by this shell's finished children (wrk, curl);
# `times` runs in this shell (not in a $(...) subshell, which has its own)
kids() {
	times >"$TMP/times.$$"
	awk 'NR == 2 { gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 }' "$TMP/times.$$"
}
# wait (at most IDLE_WAIT seconds) for the machine to be 90 % idle
quiet() {
	i=0
	while [ $i -lt "$IDLE_WAIT" ]; do
		[ "$(vmstat 1 2 | tail -1 | awk '{ print $15 }')" -ge 90 ] && return 0
		i=$((i + 2))
	done
	say "   (the machine is not idle: measuring anyway)"
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' /proc/$SRV_PID/status; }

say "== database and server ($TMP)"
"$DTI" init --demo --db "$TMP/dti.db" >"$TMP/init.txt" 2>&1 ||
    die "dti init failed: $(cat "$TMP/init.txt")"
PW=$(awk '$1 == "sotttt" { print $NF }' "$TMP/init.txt")
[ -n "$PW" ] || die "no password for sotttt in dti init's output"
# every wrk connection comes from 127.0.0.1: lift the per-address cap (32)
# as a deployment behind a reverse proxy would
"$DTI" serve --listen 127.0.0.1:$PORT --db "$TMP/dti.db" \
    --threads "$THREADS" --log "$TMP/access.log" --max-per-ip 1024 \
    2>"$TMP/serve.err" &
SRV_PID=$!
i=0
until curl -sf -o /dev/null http://127.0.0.1:$PORT/api/v1/health; do
	i=$((i + 1))
	[ $i -lt 50 ] || die "dti serve did not start: $(cat "$TMP/serve.err")"
	sleep 0.1
done

curl -sf -D "$TMP/login.h" -o "$TMP/login.json" \
    -H 'Content-Type: application/json' \
    -d "{\"login\":\"sotttt\",\"password\":\"$PW\"}" \
    http://127.0.0.1:$PORT/api/v1/session || die "login failed"
COOKIE=$(sed -n 's/^[Ss]et-[Cc]ookie: dti_session=\([0-9a-f]*\);.*/\1/p' "$TMP/login.h")
CSRF=$(sed -n 's/.*"csrf":"\([0-9a-f]*\)".*/\1/p' "$TMP/login.json")
[ -n "$COOKIE" ] && [ -n "$CSRF" ] || die "no cookie or csrf token after login"

# The demo round is approved; reopen two inputs of one comparison province
# (led by so-tttt) so that the coordinator can rewrite them as drafts.
curl -sf -o /dev/null -b "dti_session=$COOKIE" -H "X-CSRF-Token: $CSRF" \
    -H 'Content-Type: application/json' \
    -d "{\"unit\":\"$UNIT\",\"inputs\":\"3.3.a,1.4\",\"reason\":\"benchmark\"}" \
    http://127.0.0.1:$PORT/api/v1/periods/$PERIOD/reopen-values ||
    die "reopen-values failed"
code=$(curl -s -o "$TMP/put.json" -w '%{http_code}' -X PUT \
    -b "dti_session=$COOKIE" -H "X-CSRF-Token: $CSRF" \
    -H 'Content-Type: application/json' -d '{"value":"90000"}' \
    http://127.0.0.1:$PORT/api/v1/periods/$PERIOD/values/$UNIT/3.3.a)
[ "$code" = 200 ] || die "a test write answered $code: $(cat "$TMP/put.json")"

mkdir -p "$TMP/www"
curl -sf -b "dti_session=$COOKIE" -o "$TMP/www/score.json" \
    http://127.0.0.1:$PORT/api/v1/periods/$PERIOD/scores || die "score read failed"
SIZE=$(wc -c <"$TMP/www/score.json")

say "== nginx on 127.0.0.1:$NGPORT (score.json, $SIZE bytes)"
sed -e "s|@PREFIX@|$TMP|g" -e "s|@PORT@|$NGPORT|g" \
    -e "s|@USER@|$(id -un)|g" -e "s|@GROUP@|$(id -gn)|g" \
    "$HERE/nginx.conf" >"$TMP/nginx.conf"
nginx -p "$TMP" -c "$TMP/nginx.conf" -e "$TMP/nginx-error.log" 2>"$TMP/nginx.err" ||
    die "nginx did not start: $(cat "$TMP/nginx.err")"
i=0
while [ ! -s "$TMP/nginx.pid" ]; do
	i=$((i + 1))
	[ $i -lt 50 ] || die "nginx wrote no pid file"
	sleep 0.1
done
NG_SIZE=$(curl -sf -o /dev/null -w '%{size_download}' http://127.0.0.1:$NGPORT/score.json) ||
    die "nginx does not serve score.json"
[ "$NG_SIZE" = "$SIZE" ] || die "nginx serves $NG_SIZE bytes, not $SIZE"

export DTI_HTTP_LUA="$HERE" DTI_PERIOD="$PERIOD" DTI_UNIT="$UNIT" \
    DTI_COOKIE="$COOKIE" DTI_CSRF="$CSRF"

RES=$TMP/results.tsv
printf 'case\tconns\treq_s\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tnon2xx\tsock_err\trequests\tserver_cpu_s\twrk_cpu_s\tother_cpu_s\tseconds\tover_2s\trun\n' >"$RES"

# run CASE CONNS SECONDS [RUN]: with a run number, the result is recorded
run() {
	case $1 in
	read) url=http://127.0.0.1:$PORT/api/v1/periods/$PERIOD/scores
		script=read.lua pid=$SRV_PID ;;
	write) url=http://127.0.0.1:$PORT/ script=write.lua pid=$SRV_PID ;;
	static) url=http://127.0.0.1:$NGPORT/score.json script=static.lua
		pid=$(cat "$TMP/nginx.pid") ;;
	mixed) url=http://127.0.0.1:$PORT/ script=mixed.lua pid=$SRV_PID ;;
	esac
	th=2
	[ "$2" -lt 2 ] && th=1
	kids >"$TMP/k0"
	c0=$(cpu_of "$pid") b0=$(busy) k0=$(cat "$TMP/k0")
	out=$TMP/wrk-$1-$2-${4:-warm}.txt
	wrk -t$th -c"$2" -d"$3"s --latency --timeout 10s -s "$HERE/$script" \
	    "$url" >"$out" 2>&1 || die "wrk failed: $(cat "$out")"
	c1=$(cpu_of "$pid") b1=$(busy)
	kids >"$TMP/k1"
	k1=$(cat "$TMP/k1")
	[ $# -ge 4 ] || return 0
	grep '^RESULT' "$out" | tr ' ' '\n' | awk -F= \
	    -v c="$1" -v n="$2" -v rep="$4" -v c0="$c0" -v c1="$c1" -v k0="$k0" \
	    -v k1="$k1" -v b0="$b0" -v b1="$b1" '
	    NF == 2 { v[$1] = $2 }
	    END {
		srv = c1 - c0; wrk = k1 - k0
		o = b1 - b0 - srv - wrk; if (o < 0) o = 0
		printf "%s\t%s\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%s\n",
		    c, n, v["rps"], v["p50_us"] / 1000, v["p90_us"] / 1000,
		    v["p99_us"] / 1000, v["max_us"] / 1000, v["status"],
		    v["connect"] + v["read"] + v["write"] + v["timeout"],
		    v["requests"], srv, wrk, o, v["seconds"], v["slow"], rep
	    }' >>"$RES"
	tail -1 "$RES" >&2
}

# connection counts in turn; at each, the cases alternate, REPEAT times,
# so that a change in the machine's load meanwhile touches them alike
for n in $CONNS; do
	r=1
	while [ $r -le "$REPEAT" ]; do
		for c in $CASES; do
			say "== $c, $n connections, run $r/$REPEAT (${WARM}s warm-up, ${DUR}s)"
			quiet
			run "$c" "$n" "$WARM"
			run "$c" "$n" "$DUR" "$r"
		done
		r=$((r + 1))
	done
done

SOAKF=$TMP/soak.tsv
if [ "$SOAK" -gt 0 ]; then
	say "== soak: mixed requests, $SOAK_CONNS connections, ${SOAK}s; RSS every 10 s"
	quiet
	printf 's\trss_kb\trequests_logged\n' >"$SOAKF"
	# restart the peak (VmHWM) count so that it covers the soak only
	echo 5 >/proc/$SRV_PID/clear_refs 2>/dev/null ||
	    say "   (cannot reset VmHWM: the peak covers the whole run)"
	printf '0\t%s\t%s\n' "$(rss_kb)" "$(wc -l <"$TMP/access.log")" >>"$SOAKF"
	run mixed "$SOAK_CONNS" "$SOAK" soak &
	RUN_PID=$!
	t=0
	while [ $t -lt "$SOAK" ]; do
		sleep 10
		t=$((t + 10))
		printf '%s\t%s\t%s\n' $t "$(rss_kb)" "$(wc -l <"$TMP/access.log")" >>"$SOAKF"
	done
	wait $RUN_PID || die "the soak failed"
	sleep 2
	printf 'after\t%s\t%s\n' "$(rss_kb)" "$(wc -l <"$TMP/access.log")" >>"$SOAKF"
	awk '/^VmHWM:/ { print "peak RSS during the soak (VmHWM): " $2 " kB" }' /proc/$SRV_PID/status >>"$TMP/soak-peak.txt"
fi

# ---- report --------------------------------------------------------------
echo "## Machine"
echo
echo "- dti: $WHAT"
echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
echo "- memory: $(free -m | awk '/^Mem:/ { print $2 }') MiB; kernel $(uname -r)"
echo "- $(dpkg-query -W -f='libmicrohttpd12 ${Version}, ' libmicrohttpd12 2>/dev/null)$(nginx -v 2>&1 | sed 's/.*\///;s/^/nginx /'), $(wrk -v 2>&1 | head -1 | awk '{ print "wrk " $2 }')"
echo "- response: $SIZE bytes (score read and nginx's copy)"
echo
# rows of the results as a Markdown table
table() {
	echo "| case | conns | run | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors | over 2 s | server CPU s | µs server CPU / req | wrk CPU s | other CPU s |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f | %s | %s |\n",
	    $1, $2, $16, $3, $4, $5, $6, $7, $8, $9, $15, $11,
	    ($10 > 0 ? $11 * 1e6 / $10 : 0), $12, $13 }'
}
# of each case and count, the run with the median req/s
tail -n +2 "$RES" | sort -t"$(printf '\t')" -k1,1 -k2,2n -k3,3n | awk -F'\t' '
    { k = $1 "\t" $2; n[k]++; row[k, n[k]] = $0; if (!(k in seen)) { seen[k] = 1; order[++m] = k } }
    END { for (i = 1; i <= m; i++) { k = order[i]; print row[k, int((n[k] + 1) / 2)] } }' >"$TMP/median.tsv"
echo "## Median runs (${DUR} s each, after a ${WARM} s warm-up; the median of $REPEAT by req/s)"
echo
table <"$TMP/median.tsv"
echo
echo "## Score read / nginx static, median runs"
echo
echo "req/s of the score read over nginx's:"
echo
awk -F'\t' '$1 == "read" { r[$2] = $3 } $1 == "static" { s[$2] = $3 }
    END { for (n in r) if (s[n] > 0) printf "- %s connections: %.0f / %.0f = %.2f\n", n, r[n], s[n], r[n] / s[n] }' "$TMP/median.tsv" | sort -t' ' -k2 -n
echo
echo "Server CPU per request, nginx static / score read (1.00: as cheap as nginx):"
echo
awk -F'\t' '$1 == "read" && $10 > 0 { r[$2] = $11 / $10 } $1 == "static" && $10 > 0 { s[$2] = $11 / $10 }
    END { for (n in r) if (r[n] > 0) printf "- %s connections: %.0f µs / %.0f µs = %.2f\n", n, s[n] * 1e6, r[n] * 1e6, s[n] / r[n] }' "$TMP/median.tsv" | sort -t' ' -k2 -n
echo
echo "## All runs"
echo
tail -n +2 "$RES" | table
if [ -s "$SOAKF" ]; then
	echo
	echo "## Soak: RSS of dti serve (kB) every 10 s"
	echo
	echo "| s | RSS kB | requests logged |"
	echo "| ---: | ---: | ---: |"
	awk -F'\t' 'NR > 1 { printf "| %s | %s | %s |\n", $1, $2, $3 }' "$SOAKF"
	echo
	cat "$TMP/soak-peak.txt"
fi
if [ -n "${DTI_HTTP_OUT:-}" ]; then
	mkdir -p "$DTI_HTTP_OUT"
	cp "$RES" "$TMP/median.tsv" "$TMP"/wrk-*.txt "$DTI_HTTP_OUT"/
	if [ -s "$SOAKF" ]; then cp "$SOAKF" "$DTI_HTTP_OUT"/; fi
fi
