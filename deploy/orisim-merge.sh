#!/bin/sh
# The merge step after every shard of orisim-shard.sh has finished: combines OUT_ROOT/shard-1-of-N …
# OUT_ROOT/shard-N-of-N into OUT, the folder the command writes on one machine. A missing, failed
# or mismatched shard stops it with exit 2 and a message naming the shard.
#
#   usage: orisim-merge.sh N OUT_ROOT OUT
set -eu
if [ $# -ne 3 ]; then
  echo "usage: $0 N OUT_ROOT OUT" >&2
  exit 2
fi
n=$1
root=$2
out=$3
shift 3
i=1
while [ "$i" -le "$n" ]; do
  set -- "$@" "$root/shard-$i-of-$n"
  i=$((i + 1))
done
exec ${ORISIM:-orisim} merge "$out" "$@"
