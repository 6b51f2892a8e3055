#!/bin/sh
# One shard of an orisim command, as one task of a batch system: works out which shard this task
# is, then runs the command with --shard I/N into OUT_ROOT/shard-I-of-N (a shard folder).
#
#   usage: orisim-shard.sh N OUT_ROOT COMMAND [ARGUMENTS…]
#   e.g.   orisim-shard.sh 8 /data/acme run scenarios/acme.yaml --replications 1000 --seed 42
#
# The shard index I comes from the batch system:
#   Slurm job array (sbatch --array=1-N)      SLURM_ARRAY_TASK_ID   1 … N
#   Kubernetes Indexed Job (completions: N)   JOB_COMPLETION_INDEX  0 … N-1 (so I is one more)
#   anything else                             SHARD_INDEX           1 … N
# ORISIM says how to start orisim (default: orisim; e.g. ORISIM="node /opt/orisim/dist/bin/orisim.js").
# Every task must get the same N, OUT_ROOT, COMMAND and ARGUMENTS: orisim merge refuses shards of
# different runs. Then: orisim-merge.sh N OUT_ROOT OUT.
set -eu
if [ $# -lt 3 ]; then
  echo "usage: $0 N OUT_ROOT COMMAND [ARGUMENTS…]" >&2
  exit 2
fi
n=$1
root=$2
shift 2
if [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  i=$SLURM_ARRAY_TASK_ID
elif [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
  i=$((JOB_COMPLETION_INDEX + 1))
elif [ -n "${SHARD_INDEX:-}" ]; then
  i=$SHARD_INDEX
else
  echo "$0: no shard index: set SLURM_ARRAY_TASK_ID (Slurm), JOB_COMPLETION_INDEX (Kubernetes) or SHARD_INDEX (1…N)" >&2
  exit 2
fi
mkdir -p "$root"
# ORISIM is split into words on purpose ("node dist/bin/orisim.js").
exec ${ORISIM:-orisim} "$@" --shard "$i/$n" --out "$root/shard-$i-of-$n" --quiet
