#!/usr/bin/env bash
# Benchmark of the quality metrics function's computation (dev.mlops.functions.metrics): records per second
# and peak memory on generated capture and ground-truth files of 10 MB and 1 GB, beside the throughput of
# parsing the same bytes with Jackson alone. Prints figures to compare; it is not a test and `mvn verify`
# never runs it. See bench/METRICS.md.
#
#   bench/metrics.sh [--small BYTES] [--large BYTES] [--heap SIZE] [--keep DIR]
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/metrics.sh [--small BYTES] [--large BYTES] [--heap SIZE] [--keep DIR]

  --small BYTES  capture bytes of the small data set (default 10000000, 10 MB)
  --large BYTES  capture bytes of the large data set (default 1000000000, 1 GB)
  --heap SIZE    maximum heap of every measured JVM (default 512m)
  --keep DIR     generate the data under DIR and keep it (default: a temporary directory, removed at exit)

Builds the test classes (./mvnw -q test-compile), generates both data sets, then runs each case in its own
JVM under GNU time: bare Jackson parse and the metrics computation, for the small set, the large set, and
the large set with only as many labels as the small one. Each JVM warms up on the small set, then makes
at least 3 passes (and 2 s) over its data. Reports records/s of the fastest and the median pass, records
per CPU second, and peak RSS.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TIME=/usr/bin/time
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
MAIN=dev.mlops.functions.metrics.MetricsBench

SMALL=10000000
LARGE=1000000000
HEAP=512m
KEEP=""

# Target: the metrics computation reaches at least this fraction of the bare-parse throughput.
TARGET_RATIO=0.5
# Target: peak RSS of the large run with the small run's number of labels within this factor of the small run.
TARGET_RSS_GROWTH=1.25

parse_args() {
    while (($# > 0)); do
        case "$1" in
            --small) (($# >= 2)) || die "--small needs a value"; positive_int "$1" "$2"; SMALL=$2; shift 2 ;;
            --large) (($# >= 2)) || die "--large needs a value"; positive_int "$1" "$2"; LARGE=$2; shift 2 ;;
            --heap) (($# >= 2)) || die "--heap needs a value"; [[ "$2" =~ ^[1-9][0-9]*[mMgG]$ ]] || die "--heap takes e.g. 512m, got '$2'"; HEAP=$2; shift 2 ;;
            --keep) (($# >= 2)) || die "--keep needs a directory"; KEEP=$2; shift 2 ;;
            -h | --help) usage; exit 0 ;;
            *) usage >&2; die "unknown option '$1'" ;;
        esac
    done
    ((SMALL < LARGE)) || die "--small ($SMALL) must be smaller than --large ($LARGE)"
}

# --- scratch space -----------------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mlops-metrics-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/data"
TIME_FILE="$WORK/time.txt"
ERR_FILE="$WORK/stderr.txt"
OUT_FILE="$WORK/stdout.txt"

# The test class path: the benchmark main lives in src/test/java and uses the main classes unchanged.
build_classpath() {
    echo "building the test classes (./mvnw -q test-compile) ..." >&2
    (cd "$ROOT" && ./mvnw -q test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >"$WORK/build.txt" 2>&1) \
        || { tail -n 40 "$WORK/build.txt" >&2; die "the build failed"; }
    CLASSPATH_ARG="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")"
}

# Every measured JVM: the serial collector, which JVM ergonomics pick on machines with fewer than 2 CPUs
# or less than 1792 MB of memory (as in a Lambda function with less memory than that), a small initial heap
# so the heap grows only as the program needs it, and a fixed maximum.
JVM_FLAGS=()
set_jvm_flags() {
    JVM_FLAGS=(-XX:+UseSerialGC -Xms16m "-Xmx$HEAP")
}

# run_java OUT ARGS...: one JVM under GNU time, stdout to OUT; sets LAST_SECONDS and LAST_KIB.
LAST_SECONDS=""
LAST_KIB=""
run_java() {
    local out=$1
    shift
    local status=0
    "$TIME" -f '%e %M' -o "$TIME_FILE" java "${JVM_FLAGS[@]}" -cp "$CLASSPATH_ARG" "$MAIN" "$@" >"$out" 2>"$ERR_FILE" || status=$?
    if ((status != 0)); then
        {
            echo
            echo "error: benchmark aborted: java $MAIN $* exited with status $status"
            cat "$ERR_FILE"
            tail -n 20 "$out"
        } >&2
        exit 1
    fi
    read -r LAST_SECONDS LAST_KIB < <(tail -n 1 "$TIME_FILE")
}

# field NAME FILE: the value of NAME=... on the first line of FILE that has it.
field() {
    sed -n "s/.*[[:space:]]$1=\\([^[:space:]]*\\).*/\\1/p" "$2" | head -n 1
}

declare -A GEN_CAPTURE GEN_LABELS GEN_LABEL_BYTES GEN_REQUESTS
generate() {
    local id=$1 bytes=$2 sample=$3
    printf '  %-8s %s capture bytes ... ' "$id" "$bytes" >&2
    run_java "$OUT_FILE" generate "$DATA/$id" "$bytes" "$sample"
    GEN_REQUESTS[$id]=$(field requests "$OUT_FILE")
    GEN_CAPTURE[$id]=$(field capture_bytes "$OUT_FILE")
    GEN_LABELS[$id]=$(field labels "$OUT_FILE")
    GEN_LABEL_BYTES[$id]=$(field label_bytes "$OUT_FILE")
    echo "${LAST_SECONDS} s" >&2
}

CASE_IDS=()
declare -A CASE_LABEL CASE_LABELS CASE_RECORDS CASE_BYTES PARSE_RPS PARSE_MED PARSE_MBS PARSE_MIB PARSE_CPU \
    METRICS_RPS METRICS_MED METRICS_MBS METRICS_MIB METRICS_CPU DETAIL
# measure ID LABEL DATASET GROUND_TRUTH_PREFIX LABEL_COUNT: bare parse, then the metrics computation,
# each in a fresh JVM that first warms up on the small data set.
measure() {
    local id=$1 label=$2 dataset=$3 prefix=$4 labels=$5
    printf '  %-36s' "$label" >&2
    run_java "$OUT_FILE" parse "$DATA/$dataset" "$DATA/small" "$prefix"
    PARSE_RPS[$id]=$(field records_per_s "$OUT_FILE")
    PARSE_MBS[$id]=$(field mb_per_s "$OUT_FILE")
    PARSE_CPU[$id]=$(field records_per_cpu_s "$OUT_FILE")
    PARSE_MED[$id]=$(field median_records_per_s "$OUT_FILE")
    PARSE_MIB[$id]=$(awk -v k="$LAST_KIB" 'BEGIN { printf "%.0f", k / 1024 }')
    printf ' parse %s s' "$LAST_SECONDS" >&2
    run_java "$OUT_FILE" metrics "$DATA/$dataset" "$DATA/small" "$prefix"
    METRICS_RPS[$id]=$(field records_per_s "$OUT_FILE")
    METRICS_MBS[$id]=$(field mb_per_s "$OUT_FILE")
    METRICS_CPU[$id]=$(field records_per_cpu_s "$OUT_FILE")
    METRICS_MED[$id]=$(field median_records_per_s "$OUT_FILE")
    CASE_RECORDS[$id]=$(field records "$OUT_FILE")
    CASE_BYTES[$id]=$(field bytes "$OUT_FILE")
    METRICS_MIB[$id]=$(awk -v k="$LAST_KIB" 'BEGIN { printf "%.0f", k / 1024 }')
    DETAIL[$id]=$(sed -n 's/^detail //p' "$OUT_FILE")
    printf ', metrics %s s\n' "$LAST_SECONDS" >&2
    CASE_IDS+=("$id")
    CASE_LABEL[$id]=$label
    CASE_LABELS[$id]=$labels
}

print_header() {
    echo "mlops quality metrics benchmark   $(date -u '+%Y-%m-%d %H:%M UTC')"
    machine_line
    echo "java:     $(java -version 2>&1 | head -n 1); flags ${JVM_FLAGS[*]}"
    echo "code:     $(code_state)"
    echo "load avg: $LOAD_AT_START (1/5/15 min, when the script started)"
    echo "data:     small ${GEN_CAPTURE[small]} capture bytes + ${GEN_LABEL_BYTES[small]} label bytes (${GEN_REQUESTS[small]} requests x 2 variants, ${GEN_LABELS[small]} labels)"
    echo "          large ${GEN_CAPTURE[large]} capture bytes + ${GEN_LABEL_BYTES[large]} label bytes (${GEN_REQUESTS[large]} requests x 2 variants, ${GEN_LABELS[large]} labels)"
}

print_table() {
    echo
    echo "throughput (records/s of the fastest pass, the median pass in brackets; one JVM per mode and case)"
    printf '%-36s %9s %8s %21s %21s %6s %8s %9s\n' "case" "records" "MB" "bare parse rec/s" "metrics rec/s" \
        "ratio" "(median)" "cpu ratio"
    local id
    for id in "${CASE_IDS[@]}"; do
        printf '%-36s %9s %8s %10s (%8s) %10s (%8s) %6s %8s %9s\n' "${CASE_LABEL[$id]}" "${CASE_RECORDS[$id]}" \
            "$(calc "${CASE_BYTES[$id]} / 1000000")" "${PARSE_RPS[$id]}" "${PARSE_MED[$id]}" "${METRICS_RPS[$id]}" \
            "${METRICS_MED[$id]}" "$(calc "${METRICS_RPS[$id]} / ${PARSE_RPS[$id]}")" \
            "($(calc "${METRICS_MED[$id]} / ${PARSE_MED[$id]}"))" "$(calc "${METRICS_CPU[$id]} / ${PARSE_CPU[$id]}")"
    done
    echo
    echo "memory (peak RSS of the whole JVM process, GNU time %M)"
    printf '%-36s %9s %14s %14s\n' "case" "labels" "bare parse RSS" "metrics RSS"
    for id in "${CASE_IDS[@]}"; do
        printf '%-36s %9s %10s MiB %10s MiB\n' "${CASE_LABEL[$id]}" "${CASE_LABELS[$id]}" "${PARSE_MIB[$id]}" "${METRICS_MIB[$id]}"
    done
    echo
    echo "what the metrics computation found (last pass of each case)"
    for id in "${CASE_IDS[@]}"; do
        printf '  %-36s %s\n' "${CASE_LABEL[$id]}:" "${DETAIL[$id]}"
    done
}

print_targets() {
    echo
    echo "targets"
    local id
    for id in "${CASE_IDS[@]}"; do
        local ratio
        ratio=$(calc "${METRICS_RPS[$id]} / ${PARSE_RPS[$id]}")
        printf '  %-72s %-7s %s\n' "metrics >= ${TARGET_RATIO}x bare parse (fastest passes), ${CASE_LABEL[$id]}:" "${ratio}x" "$(verdict "$ratio >= $TARGET_RATIO")"
    done
    local growth all
    growth=$(calc "${METRICS_MIB[large_sample]} / ${METRICS_MIB[small]}")
    all=$(calc "${METRICS_MIB[large]} / ${METRICS_MIB[small]}")
    printf '  %-72s %-7s %s\n' "metrics peak RSS, large capture / small capture, same labels, < ${TARGET_RSS_GROWTH}x:" "${growth}x" \
        "$(verdict "$growth < $TARGET_RSS_GROWTH")"
    printf '  %-72s %-7s %s\n' "(for reference) metrics peak RSS, large with all its labels / small:" "${all}x" "not a target: labels are held"
}

main() {
    LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
    parse_args "$@"
    require_tools
    if [[ -n "$KEEP" ]]; then
        mkdir -p "$KEEP"
        DATA="$(cd "$KEEP" && pwd)"
    fi
    build_classpath
    set_jvm_flags

    echo "generating (in $DATA):" >&2
    generate small "$SMALL" 0
    generate large "$LARGE" "${GEN_LABELS[small]}"

    echo "measuring (one JVM per run; each warms up on the small set first):" >&2
    measure small "small: ${SMALL} B capture" small ground-truth "${GEN_LABELS[small]}"
    measure large "large: ${LARGE} B capture" large ground-truth "${GEN_LABELS[large]}"
    measure large_sample "large capture, small's label count" large ground-truth-sample "${GEN_LABELS[small]}"

    print_header
    print_table
    print_targets
}

main "$@"
