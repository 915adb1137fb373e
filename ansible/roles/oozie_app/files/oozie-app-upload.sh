#!/usr/bin/env bash
# oozie-app-upload.sh STAGE HDFS_PATH: puts the staged Oozie application (STAGE/*, with the jobs jar in lib/) at
# HDFS_PATH when it differs from what is there, judged by a digest of the staged files that the upload leaves at
# HDFS_PATH/_DIGEST. Jars in HDFS_PATH/lib that the stage does not hold (an older jobs jar) are removed, so the
# launcher never sees two. Prints "uploaded <digest>" or "unchanged <digest>"; exit 1 on any failure.
# Environment: HDFS_COMMAND (default hdfs), KINIT_COMMAND (run first when set).
set -euo pipefail
stage="$1"
target="$2"
read -r -a hdfs <<< "${HDFS_COMMAND:-hdfs}"
if [ -n "${KINIT_COMMAND:-}" ]; then
  read -r -a kinit <<< "$KINIT_COMMAND"
  "${kinit[@]}" >&2
fi

cd "$stage"
digest=$(find . -type f ! -name _DIGEST -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
set +e
current=$("${hdfs[@]}" dfs -cat "$target/_DIGEST" 2> /dev/null)
set -e
if [ "$current" = "$digest" ]; then
  echo "unchanged $digest"
  exit 0
fi

"${hdfs[@]}" dfs -mkdir -p "$target/lib" >&2
# the digest goes first: an upload that fails half way leaves a digest that matches nothing, so the next run
# uploads again
"${hdfs[@]}" dfs -rm -f "$target/_DIGEST" >&2
mapfile -t entries < <(find . -mindepth 1 -maxdepth 1 ! -name _DIGEST | sort)
"${hdfs[@]}" dfs -put -f "${entries[@]}" "$target/" >&2
listing=$("${hdfs[@]}" dfs -ls "$target/lib")
stale=()
while read -r perms _ _ _ _ _ _ path; do
  if [ -n "${path:-}" ] && [[ "$perms" == -* ]] && [ ! -e "lib/$(basename "$path")" ]; then stale+=("$path"); fi
done <<< "$listing"
if [ "${#stale[@]}" -gt 0 ]; then
  "${hdfs[@]}" dfs -rm -f -skipTrash "${stale[@]}" >&2
fi
printf '%s' "$digest" > _DIGEST
"${hdfs[@]}" dfs -put -f _DIGEST "$target/_DIGEST" >&2
echo "uploaded $digest"
