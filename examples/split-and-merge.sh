#!/usr/bin/env bash
# Splitting a study across machines: each part runs one shard of the replicates and writes
# a partial result; `hearsay merge` combines them into exactly what one run prints, byte
# for byte. Here the three shards run one after another; on a cluster each line is one
# task of a job array (`--shard auto` reads the task's index, see examples/cluster/).
# Run after `npm run build`:  bash examples/split-and-merge.sh
set -euo pipefail
cd "$(dirname "$0")/.."
hearsay() { node dist/cli/main.js "$@"; }
out=$(mktemp -d)
common=(--edges examples/networks/village.edges --probability 0.15 --tellers 3 --seed 1 --replicates 1000 --quiet)

hearsay spread "${common[@]}" --shard 0/3 > "$out/part-0.json"
hearsay spread "${common[@]}" --shard 1/3 > "$out/part-1.json"
hearsay spread "${common[@]}" --shard 2/3 > "$out/part-2.json"

echo "merged:"
hearsay merge "$out"/part-*.json --json
echo "one run:"
hearsay spread "${common[@]}" --json
