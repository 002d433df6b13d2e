#!/usr/bin/env bash
# Measures aptly-doctor against the least work any checker must do (the
# floor) and against ajv-cli, on generated corpora, and prints a table of
# medians against the project's targets. See bench/README.md.
#
#   bash bench/run.sh                  # full corpora (several minutes)
#   BENCH_QUICK=1 bash bench/run.sh    # scaled down, for a smoke run
#   BENCH_JOBS=N                       # the doctor's --jobs and the floor's workers (default: CPUs)
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=bench/out
QUICK=${BENCH_QUICK:-0}
JOBS=${BENCH_JOBS:-$(nproc)}
mkdir -p "$OUT"

if [[ $QUICK == 1 ]]; then
	PAYLOADS=1000 CURLS=200 LINES=100000 HAR_ENTRIES=200 HAR_MB=5 SOURCES=2000 REPO_FILES=3000
	CARDS_MB=20 SCALE=500,1000,5000
	FOLDER_RUNS=3 SMALL_ROUNDS=3 SMALL_RUNS=20 BIG_RUNS=2
else
	PAYLOADS=10000 CURLS=1000 LINES=1000000 HAR_ENTRIES=2000 HAR_MB=50 SOURCES=20000 REPO_FILES=3000
	CARDS_MB=200 SCALE=500,5000,50000
	FOLDER_RUNS=5 SMALL_ROUNDS=10 SMALL_RUNS=40 BIG_RUNS=3
fi

say() { printf '== %s\n' "$*" >&2; }

# apt_need installs a Debian package when its command is missing, refreshing
# the package lists only when the first attempt fails.
apt_need() {
	local cmd=$1 pkg=$2
	if [[ -x $cmd ]] || command -v "$cmd" >/dev/null 2>&1; then
		return 0
	fi
	say "installing $pkg"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq "$pkg" >/dev/null ||
		{ apt-get update -qq && apt-get install -y -qq "$pkg" >/dev/null; }
}
apt_need hyperfine hyperfine
apt_need /usr/bin/time time

say "building into $OUT"
# Built as the README installs it: static (CGO_ENABLED=0). The doctor uses
# cgo for nothing; only net would pick libc's resolver, and a binary linked
# against libc starts about half a millisecond later (the dynamic loader,
# libc's init and pthread-made threads), a sixth of a one-file check.
CGO_ENABLED=0 go build -o "$OUT/aptly-doctor" .
# The tools are a module of their own (bench/go.mod), built from there.
(cd bench && go build -o "../$OUT/floor" ./floor && go build -o "../$OUT/gen" ./gen && go build -o "../$OUT/report" ./report)

say "generating corpora ($PAYLOADS payloads, $CURLS curl files, $LINES batch lines, $CARDS_MB MB of exported cards, $HAR_ENTRIES HAR entries, folders of $SCALE payloads)"
"$OUT/gen" -out "$OUT" -payloads "$PAYLOADS" -curls "$CURLS" -batch-lines "$LINES" -cards-mb "$CARDS_MB" \
	-har-entries "$HAR_ENTRIES" -har-mb "$HAR_MB" -sources "$SOURCES" -repo-files "$REPO_FILES" -scale "$SCALE"

AJV=$OUT/node_modules/.bin/ajv
rm -f "$OUT/ajv-missing.txt"
if [[ ! -x $AJV ]]; then
	say "installing ajv-cli into $OUT/node_modules"
	if ! command -v npm >/dev/null 2>&1; then
		echo "npm is not installed" >"$OUT/ajv-missing.txt"
	elif ! npm install --prefix "$OUT" --no-audit --no-fund ajv-cli ajv-formats >"$OUT/npm.log" 2>&1; then
		echo "npm install failed (see $OUT/npm.log)" >"$OUT/ajv-missing.txt"
	fi
fi

DOCTOR=$OUT/aptly-doctor
CHECK="$DOCTOR check --quiet --jobs $JOBS"
# The doctor exits 1 on findings and ajv-cli on invalid files: -i keeps
# those runs; the report flags any other exit code.
HF=(hyperfine -N -i --style basic)

folder=(-n doctor "$CHECK $OUT/payloads" -n floor "$OUT/floor -jobs $JOBS $OUT/payloads")
if [[ ! -f $OUT/ajv-missing.txt ]]; then
	# ajv-cli aborts at the first file JSON.parse rejects, so both it and the
	# doctor are also timed on the files it can read.
	folder+=(-n ajv "$AJV validate --spec=draft2020 --allow-union-types -c ajv-formats -s schemas/card-legacy.schema.json -d \"$OUT/payloads-parseable/*.json\" --errors=line"
		-n doctor-parseable "$CHECK $OUT/payloads-parseable")
fi
say "folder: doctor vs floor vs ajv-cli"
"${HF[@]}" --warmup 1 --runs "$FOLDER_RUNS" --export-json "$OUT/hf-folder.json" "${folder[@]}"

say "folders of payloads in 20 subfolders, $SCALE files: doctor vs floor"
for n in ${SCALE//,/ }; do
	"${HF[@]}" --warmup 1 --runs "$FOLDER_RUNS" --export-json "$OUT/hf-scale-$n.json" \
		-n doctor "$CHECK $OUT/scale/$n" -n floor "$OUT/floor -jobs $JOBS $OUT/scale/$n"
done

say "one small payload, end to end, against a bare Go program that reads and decodes it ($SMALL_ROUNDS rounds)"
# A start takes about 2 ms, and on a shared VM the same binary moves by a
# third from one minute to the next: the two are timed in rounds that
# alternate which goes first, and the report takes the median of the
# per-round ratios.
rm -f "$OUT"/hf-small*.json
small=(-n small "$CHECK $OUT/payloads/card-00000.json")
floor1=(-n floor "$OUT/floor -jobs 1 $OUT/payloads/card-00000.json")
for ((i = 1; i <= SMALL_ROUNDS; i++)); do
	if ((i % 2)); then pair=("${small[@]}" "${floor1[@]}"); else pair=("${floor1[@]}" "${small[@]}"); fi
	"${HF[@]}" --warmup 5 --runs "$SMALL_RUNS" --export-json "$OUT/hf-small-$i.json" "${pair[@]}" >/dev/null
done

say "curl files"
"${HF[@]}" --warmup 1 --runs "$FOLDER_RUNS" --export-json "$OUT/hf-curl.json" \
	-n curl "$CHECK $OUT/curls"

say "source code: a tree that never mentions Aptly, and a repository"
"${HF[@]}" --warmup 1 --runs "$FOLDER_RUNS" --export-json "$OUT/hf-sources.json" \
	-n doctor "$CHECK $OUT/_sources" -n floor "$OUT/floor -any -jobs $JOBS $OUT/_sources"
"${HF[@]}" --warmup 1 --runs "$FOLDER_RUNS" --export-json "$OUT/hf-repo.json" \
	-n repo "$CHECK $OUT/_repo"

say "NDJSON batch"
"${HF[@]}" --warmup 1 --runs "$BIG_RUNS" --export-json "$OUT/hf-batch.json" \
	-n batch "$CHECK $OUT/batch/cards.ndjson"
/usr/bin/time -v -o "$OUT/time-batch.txt" $CHECK "$OUT/batch/cards.ndjson" >/dev/null || true

say "NDJSON export of whole cards: doctor vs a one-thread bufio.Scanner + json.Unmarshal loop"
"${HF[@]}" --warmup 1 --runs "$BIG_RUNS" --export-json "$OUT/hf-export.json" \
	-n doctor "$CHECK $OUT/export/cards.ndjson" -n floor "$OUT/floor -ndjson $OUT/export/cards.ndjson"
/usr/bin/time -v -o "$OUT/time-export.txt" $CHECK "$OUT/export/cards.ndjson" >/dev/null || true

say "HAR export"
"${HF[@]}" --warmup 1 --runs "$BIG_RUNS" --export-json "$OUT/hf-har.json" \
	-n har "$CHECK --max-size 128MiB $OUT/har/session.har"
/usr/bin/time -v -o "$OUT/time-har.txt" $CHECK --max-size 128MiB "$OUT/har/session.har" >/dev/null || true

quick=false
[[ $QUICK == 1 ]] && quick=true
echo
"$OUT/report" -out "$OUT" -quick="$quick" -scale "$SCALE"
echo
echo "written to $OUT/results.md"
