#!/usr/bin/env bash
# Splitting a study across machines: each part runs a range of replicates and writes a
# partial result; `hearsay merge` combines them into exactly what one run would print.
# Here the three parts run one after another; on a cluster each line would be one job of
# a job array (the range from the array index), on CI one entry of a matrix.
# Run after `npm run build`:  bash examples/split-and-merge.sh
set -euo pipefail
cd "$(dirname "$0")/.."
hearsay() { node dist/cli/main.js "$@"; }
out=$(mktemp -d)
common=(--edges examples/networks/village.edges --probability 0.15 --tellers 3 --seed 1 --quiet)

hearsay spread "${common[@]}" --replicates 0:400    --partial > "$out/part-0.json"
hearsay spread "${common[@]}" --replicates 400:800  --partial > "$out/part-1.json"
hearsay spread "${common[@]}" --replicates 800:1000 --partial > "$out/part-2.json"

echo "merged:"
hearsay merge "$out"/part-*.json --json | sed 's/"msPerReplicate":[0-9.]*/"msPerReplicate":…/'
echo "one run:"
hearsay spread "${common[@]}" --replicates 1000 --json | sed 's/"msPerReplicate":[0-9.]*/"msPerReplicate":…/'
