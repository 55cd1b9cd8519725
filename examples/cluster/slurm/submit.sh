#!/bin/bash
# Submits a scenario's comparison as an array of SHARDS tasks, then its merge, which runs
# only if every task succeeded (--dependency=afterok). Prints the two job ids.
#
#   examples/cluster/slurm/submit.sh SCENARIO SHARDS [hearsay compare flags…]
#   e.g. submit.sh examples/scenarios/bad-day.yaml 8 --format json
#
# HEARSAY_COMMAND=run (or sweep) submits run-array.sbatch instead: shards of the whole
# run (the merge then writes the report's files to $PARTS/<array job id>/report/) or of a
# sweep's steps.
#
# HEARSAY and PARTS (see compare-array.sbatch) are passed on through the environment:
# no --export list (an explicit list makes slurmd rebuild a login environment for every
# task, seconds each).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scenario=${1:?usage: submit.sh SCENARIO SHARDS [hearsay compare flags]}
shards=${2:?usage: submit.sh SCENARIO SHARDS [hearsay compare flags]}
shift 2
script=compare-array.sbatch
[ "${HEARSAY_COMMAND:-compare}" = compare ] || script=run-array.sbatch
array=$(sbatch --parsable --array="0-$((shards - 1))" "$here/$script" "$scenario" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" "$here/merge.sbatch" "$array")
merge=${merge%%;*}
echo "array $array merge $merge result ${PARTS:-hearsay-parts}/$array/result"
