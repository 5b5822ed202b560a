# Shared by the benchmarks in this directory (sourced, not run). Each script sets ROOT and TIME first.

die() {
    echo "error: $*" >&2
    exit 1
}

positive_int() {
    [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1 takes a positive whole number, got '$2'"
}

# GNU time (for wall time and peak RSS, as "$TIME -f '%e %M'") and java must be there.
require_tools() {
    [[ -x "$TIME" ]] || die "$TIME is not installed; it measures wall time and peak RSS. Install GNU time (Debian/Ubuntu: apt-get install time)."
    "$TIME" -f '%e %M' -o /dev/null true 2>/dev/null \
        || die "$TIME does not accept -f/-o; GNU time is needed (Debian/Ubuntu: apt-get install time)."
    command -v java >/dev/null || die "java is not on PATH"
}

# The header's "machine:" line: CPU, cores, memory and kernel.
machine_line() {
    local cpu mem
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
    echo "machine:  ${cpu:-unknown cpu}, $(nproc) cores, ${mem:-? memory}, $(uname -sr)"
}

# The commit measured, and whether the working tree differs from it.
code_state() {
    local commit dirty=""
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")
    [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null || true)" ]] && dirty=" + uncommitted changes"
    echo "$commit$dirty"
}

calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
verdict() { awk "BEGIN { exit !($1) }" && echo "met" || echo "NOT met"; }
