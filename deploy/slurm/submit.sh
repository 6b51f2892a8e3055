#!/bin/sh
# Submits an orisim command to Slurm as N shards (a job array) and a merge job that runs when all
# of them have succeeded; OUT_ROOT must be on a file system every node sees. The merged output is
# OUT_ROOT/merged; the logs are OUT_ROOT/slurm-*.out. Prints the two job ids.
#
#   usage: deploy/slurm/submit.sh N OUT_ROOT COMMAND [ARGUMENTS…]
#   e.g.   deploy/slurm/submit.sh 16 /shared/orisim/acme run scenarios/acme.yaml -r 1000
# ORISIM says how the nodes start orisim (default: orisim on their PATH).
set -eu
if [ $# -lt 3 ]; then
  echo "usage: $0 N OUT_ROOT COMMAND [ARGUMENTS…]" >&2
  exit 2
fi
n=$1
root=$2
shift 2
ORISIM_DEPLOY=$(cd "$(dirname "$0")/.." && pwd)
export ORISIM_DEPLOY
mkdir -p "$root"
array=$(sbatch --parsable --job-name=orisim-shards --array="1-$n" --output="$root/slurm-shard-%a.out" \
  "$ORISIM_DEPLOY/slurm/orisim-shard.sbatch" "$n" "$root" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --job-name=orisim-merge --dependency="afterok:$array" --output="$root/slurm-merge.out" \
  "$ORISIM_DEPLOY/slurm/orisim-merge.sbatch" "$n" "$root" "$root/merged")
echo "shards: job $array (array 1-$n); merge: job ${merge%%;*}"
