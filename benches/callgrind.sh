#!/bin/sh
# Instruction counts per decoded (or encoded) message, with valgrind's callgrind, for every
# kind of traffic and every library (see benches/callgrind.rs).
#
# Usage: benches/callgrind.sh            (from the repository root)
#   ITERATIONS=5      decodes of each corpus in the measured run (default 5)
#   KINDS="..."       kinds to measure (default: header_heavy literal_heavy commands session)
#   LIBRARIES="..."   libraries (default: ours peer imap-proto)
#   OP=decode|encode|encode-reused|encode-fragments
#                     what is counted (default decode); encode counts `encode_to_vec` (ours) and
#                     `encode(..).dump()` (peer) of values decoded once before the loop, also in
#                     the run with 0 iterations; encode-reused counts encoding into one buffer
#                     reused for every message; encode-fragments counts encoding to fragments
#                     and consuming them; imap-proto has no encoder and is skipped
#   SUBSET=accepted-by-all
#                     count on the inputs every library decoding the kind accepts (the
#                     like-for-like figure when a library rejects some inputs)
#   EXE=path          use this callgrind binary instead of building it with `cargo bench`
#
# Each (kind, library) runs twice under callgrind: with 0 iterations (corpus generation
# only) and with ITERATIONS; (Ir(N) - Ir(0)) / (N * messages) is printed as instructions per
# message, and (Ir(N) - Ir(0)) / (N * bytes) as instructions per byte.
set -eu

ITERATIONS=${ITERATIONS:-5}
OP=${OP:-decode}
KINDS=${KINDS:-"header_heavy literal_heavy commands session"}
LIBRARIES=${LIBRARIES:-"ours peer imap-proto"}
OUT=${OUT:-$(mktemp -d)}
SUFFIX=${SUBSET:+/$SUBSET}

if [ -z "${EXE:-}" ]; then
    EXE=$(cargo bench --bench callgrind --no-run --message-format=json 2>/dev/null \
        | grep -o '"executable":"[^"]*callgrind[^"]*"' | tail -n 1 | cut -d'"' -f4)
fi
[ -x "$EXE" ] || { echo "callgrind bench binary not found" >&2; exit 1; }

# The instruction total of one run: callgrind writes it on the `summary:` (or `totals:`) line.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$1" "$EXE" "$2$SUFFIX" "$3" "$4" "$OP" >"$1.stdout" 2>"$1.stderr"
    awk '/^(summary|totals):/ { print $2; exit }' "$1"
}

echo "OP=$OP"
printf '%-30s %-27s %8s %10s %12s %14s %10s\n' kind library messages bytes rejected instr/message instr/byte
for kind in $KINDS; do
    for library in $LIBRARIES; do
        if [ "$library" = imap-proto ] && { [ "$kind" = commands ] || [ "$kind" = session ]; }; then
            continue  # imap-proto has no command parser
        fi
        if [ "$library" = imap-proto ] && [ "$OP" != decode ]; then
            continue  # nor an encoder
        fi
        base=$(instructions "$OUT/$kind.$library.0" "$kind" "$library" 0)
        total=$(instructions "$OUT/$kind.$library.$ITERATIONS" "$kind" "$library" "$ITERATIONS")
        line=$(grep '^kind=' "$OUT/$kind.$library.$ITERATIONS.stdout")
        messages=$(echo "$line" | sed 's/.*messages=\([0-9]*\).*/\1/')
        bytes=$(echo "$line" | sed 's/.*bytes=\([0-9]*\).*/\1/')
        rejected=$(echo "$line" | sed 's/.*rejected=\([0-9]*\).*/\1/')
        name=$(echo "$line" | sed 's/.*library=\([^ ]*\).*/\1/')
        awk -v k="$kind$SUFFIX" -v l="$name" -v m="$messages" -v b="$bytes" -v r="$rejected" \
            -v base="$base" -v total="$total" -v n="$ITERATIONS" 'BEGIN {
                d = total - base
                printf "%-30s %-27s %8d %10d %12d %14.0f %10.1f\n", k, l, m, b, r, d / (n * m), d / (n * b)
            }'
    done
done
echo "(callgrind outputs in $OUT; a rejected count above 0 means that figure times failing decodes)"
