#!/bin/sh
# bench/run.sh: build the release preset, generate national-scale rounds of
# the 2022 methodology (63 provinces, 705 districts, 10,599 communes, every
# input filled) and measure `dti score` end to end and step by step, on one
# core. Prints the machine and a Markdown table (the source of BENCHMARKS.md).
#
# The machine may be shared: each measure first waits for it to be idle, and
# the end-to-end measure is repeated (at most 3 times) until other processes
# used under 0.1 core meanwhile; the table shows that load.
#
# Environment (all optional):
#   DTI_BENCH_SIZES  units per round        (default "63 705 10599")
#   DTI_BENCH_SEED   generator seed         (default 2022)
#   DTI_BENCH_RUNS   timed runs per round   (default 10)
#   DTI_BENCH_CPU    core to pin to         (default 0)
set -eu

cd "$(dirname "$0")/.."
BUILD=build-release # the release preset's directory
DATA=bench/data # git-ignored
SIZES=${DTI_BENCH_SIZES:-"63 705 10599"}
SEED=${DTI_BENCH_SEED:-2022}
RUNS=${DTI_BENCH_RUNS:-10}
CPU=${DTI_BENCH_CPU:-0}

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/run.sh: $*"; exit 1; }
# busy CPU time of the whole machine, in seconds (all cores)
busy() { awk '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / 100 }' /proc/stat; }
now() { date +%s.%N; }
# wait (at most 5 minutes) for the machine to be at least 95 % idle
quiet() {
	i=0
	while [ $i -lt 300 ]; do
		[ "$(vmstat 1 2 | tail -1 | awk '{ print $15 }')" -ge 95 ] && return 0
		i=$((i + 2))
	done
	say "warning: the machine is not idle; measuring anyway"
}

if [ ! -x /usr/bin/time ]; then
	say "installing GNU time"
	apt-get install -y time >/dev/null || die "cannot install time"
fi
for p in hyperfine taskset jq awk; do
	command -v "$p" >/dev/null || die "$p is needed"
done

rev=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
git diff --quiet HEAD -- src CMakeLists.txt 2>/dev/null ||
	rev="$rev + uncommitted changes in src/"
say "building $BUILD (Release)"
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j"$(nproc)" \
	--target dti dti-bench-gen dti-bench-score >/dev/null
# measure copies, so that a rebuild meanwhile cannot change the programs
mkdir -p "$DATA/bin"
cp "$BUILD/dti" "$BUILD/bench/dti-bench-gen" "$BUILD/bench/dti-bench-score" \
	"$DATA/bin/"
DTI=$DATA/bin/dti
GEN=$DATA/bin/dti-bench-gen
BS=$DATA/bin/dti-bench-score

for n in $SIZES; do
	f=$DATA/round-$n.csv
	say "generating $f"
	"$GEN" "$n" "$SEED" >"$f"
	# the round must be accepted, and score without a warning
	"$DTI" score "$f" >/dev/null 2>"$DATA/round-$n.err" ||
		{ head -20 "$DATA/round-$n.err" >&2; die "$f is rejected"; }
	[ ! -s "$DATA/round-$n.err" ] || die "$f scores with warnings"
done

# --- the machine -----------------------------------------------------------
cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
echo "## Machine"
echo
hv=$(lscpu | sed -n 's/^Hypervisor vendor: *//p')
echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p')," \
	"$(nproc) cores online ($(lscpu | sed -n 's/^Thread(s) per core: *//p')" \
	"thread per core)${hv:+, a $hv virtual machine}"
echo "- Memory: $(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }')"
# shellcheck source=/dev/null
echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
echo "- Compiler: $("$cc" --version | head -1), CMAKE_BUILD_TYPE=Release" \
	"($(sed -n 's/^CMAKE_C_FLAGS_RELEASE:[A-Z]*=//p' "$BUILD/CMakeCache.txt"))"
echo "- Tools: $(cmake --version | head -1), $(hyperfine --version)," \
	"GNU time $(dpkg-query -W -f '${Version}' time 2>/dev/null || echo '?')"
echo "- Source: commit $rev"
idle=$(vmstat 1 2 | tail -1 | awk '{ print $15 }')
echo "- Pinned to core $CPU with taskset; $RUNS timed runs per measure;" \
	"CPU idle just before the runs: $idle %"
echo

# --- measure ---------------------------------------------------------------
if [ "$idle" -lt 90 ]; then
	say "warning: the CPU is only $idle % idle: other processes compete"
fi
TAB=$DATA/results.tsv
: >"$TAB"
for n in $SIZES; do
	f=$DATA/round-$n.csv
	rows=$(($(wc -l <"$f") - 1))
	bytes=$(stat -c %s "$f")

	# up to 3 attempts: keep the one with the least load from other processes
	best=""
	for attempt in 1 2 3; do
		say "hyperfine: $n units (attempt $attempt)"
		quiet
		b0=$(busy)
		w0=$(now)
		taskset -c "$CPU" hyperfine -N --warmup 2 --runs "$RUNS" \
			--output=null --export-json "$DATA/hyperfine-$n.try.json" \
			"$DTI score -q $f" >&2
		b1=$(busy)
		w1=$(now)
		# CPU used by other processes meanwhile, in cores
		own=$(jq ".results[0].user + .results[0].system" \
			"$DATA/hyperfine-$n.try.json")
		o=$(awk -v b="$b1" -v a="$b0" -v w1="$w1" -v w0="$w0" \
			-v own="$own" -v k=$((RUNS + 2)) 'BEGIN {
			o = (b - a - own * k) / (w1 - w0)
			printf "%.2f", o < 0 ? 0 : o }')
		say "other load: $o cores"
		if [ -z "$best" ] || awk -v o="$o" -v b="$best" \
			'BEGIN { exit !(o < b) }'; then
			best=$o
			mv "$DATA/hyperfine-$n.try.json" "$DATA/hyperfine-$n.json"
		fi
		awk -v o="$best" 'BEGIN { exit !(o < 0.1) }' && break
	done
	rm -f "$DATA/hyperfine-$n.try.json"
	other=$best
	J=$DATA/hyperfine-$n.json
	mean=$(jq '.results[0].mean * 1000' "$J")
	sd=$(jq '.results[0].stddev * 1000' "$J")
	min=$(jq '.results[0].min * 1000' "$J")
	median=$(jq '.results[0].median * 1000' "$J")

	say "/usr/bin/time: $n units"
	quiet
	rss=0
	wall=""
	i=0
	while [ $i -lt 5 ]; do
		taskset -c "$CPU" /usr/bin/time -f '%e s %M KB' -o "$DATA/time-$n.txt" \
			"$DTI" score -q "$f" >/dev/null
		read -r w _ m _ <"$DATA/time-$n.txt"
		[ "$m" -gt "$rss" ] && rss=$m
		wall="$wall $w"
		i=$((i + 1))
	done

	say "dti-bench-score: $n units"
	quiet
	taskset -c "$CPU" "$BS" "$f" "$RUNS" >"$DATA/steps-$n.txt"
	med() { awk -v k="$1" '$1 == k { print $6 }' "$DATA/steps-$n.txt"; }
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
		"$n" "$rows" "$bytes" "$mean" "$sd" "$min" "$rss" \
		"$(echo "$wall" | tr ' ' '\n' | sed '/^$/d' | sort -n | sed -n 3p)" \
		"$(med round_csv_read)" "$(med score_round)" \
		"$(med score_write)" \
		"$(awk '/^peak RSS/ { print $3 }' "$DATA/steps-$n.txt")" \
		"$median" "$other" >>"$TAB"
done

# --- report ----------------------------------------------------------------
awk -F '\t' '
function mib(kb) { return sprintf("%.1f MiB", kb / 1024) }
function grp(x,   s, o) {
	s = sprintf("%d", x)
	o = ""
	while (length(s) > 3) {
		o = "," substr(s, length(s) - 2) o
		s = substr(s, 1, length(s) - 3)
	}
	return s o
}
{
	n[NR] = $1; rows[NR] = $2; bytes[NR] = $3; mean[NR] = $4; sd[NR] = $5
	mn[NR] = $6; rss[NR] = $7; wall[NR] = $8; rd[NR] = $9; sc[NR] = $10
	wr[NR] = $11; brss[NR] = $12; med[NR] = $13; oth[NR] = $14
}
END {
	print "## Results"
	print ""
	print "| Units | Input rows | File size | End to end (hyperfine, mean ± sd) | End to end min / median | End to end (GNU time, median of 5) | Peak RSS (end to end) | Read + check (in process) | Scoring step alone | Output writing alone | Other load during the runs |"
	print "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for (i = 1; i <= NR; i++)
		printf "| %s | %s | %.1f MiB | %.1f ± %.1f ms | %.1f / %.1f ms | %s s | %s | %.1f ms | %.2f ms | %.1f ms | %.2f cores |\n", \
		    grp(n[i]), grp(rows[i]), bytes[i] / 1048576, mean[i], sd[i], \
		    mn[i], med[i], wall[i], mib(rss[i]), rd[i], sc[i], wr[i], oth[i]
	print ""
	print "In-process steps are medians of dti-bench-score (its own peak RSS, with the round and the scores held together: " 
	for (i = 1; i <= NR; i++)
		printf "%s%s units %s", (i > 1 ? ", " : ""), grp(n[i]), mib(brss[i])
	print ")."
	print ""
	print "## Cost per unit"
	print ""
	print "| Units | End to end per unit | Marginal end to end per unit | Scoring step per unit | Output writing per unit | Peak RSS per unit (marginal) |"
	print "|---:|---:|---:|---:|---:|---:|"
	for (i = 1; i <= NR; i++) {
		if (i > 1) {
			dn = n[i] - n[i - 1]
			marg = sprintf("%.1f µs", (mean[i] - mean[i - 1]) * 1000 / dn)
			mrss = sprintf("%.2f KiB", (rss[i] - rss[i - 1]) / dn)
		} else {
			marg = "—"; mrss = "—"
		}
		printf "| %s | %.1f µs | %s | %.2f µs | %.1f µs | %s |\n", grp(n[i]), \
		    mean[i] * 1000 / n[i], marg, sc[i] * 1000 / n[i], \
		    wr[i] * 1000 / n[i], mrss
	}
	print ""
	print "## Goals"
	print ""
	L = NR
	printf "- %s units end to end in under 1 s: %.0f ms mean (min %.0f ms): **%s**\n", \
	    grp(n[L]), mean[L], mn[L], (mean[L] < 1000 ? "met" : "NOT met")
	printf "- %s units in under 200 MB: peak RSS %s (%.0f MB): **%s**\n", \
	    grp(n[L]), mib(rss[L]), rss[L] * 1.024 / 1000, \
	    (rss[L] * 1024 < 200e6 ? "met" : "NOT met")
	if (NR >= 3) {
		s1 = (mean[L - 1] - mean[L - 2]) / (n[L - 1] - n[L - 2])
		s2 = (mean[L] - mean[L - 1]) / (n[L] - n[L - 1])
		r = s2 / s1
		printf "- linear growth: marginal cost per unit %.1f µs (%s to %s units) and %.1f µs (%s to %s units), ratio %.2f: **%s**\n", \
		    s1 * 1000, grp(n[L - 2]), grp(n[L - 1]), s2 * 1000, \
		    grp(n[L - 1]), grp(n[L]), r, \
		    (r > 0.75 && r < 1.25 ? "met" : "NOT met")
	}
}' "$TAB"
