#!/usr/bin/env bash
# hdfs-layout.sh LAYOUT: brings the HDFS directories LAYOUT lists ("path owner group mode" a line, mode octal) to
# that owner, group and mode, creating the missing ones. Every `hdfs dfs` starts a JVM, so it lists all of them in
# one call and changes what differs in one mkdir, one chown per owner:group and one chmod per mode. It prints
# "changed: <path> (<what>)" for each change and nothing else on standard output; exit 1 on any failure.
# Environment: HDFS_COMMAND (default hdfs), KINIT_COMMAND (run first when set).
set -euo pipefail
layout="$1"
read -r -a hdfs <<< "${HDFS_COMMAND:-hdfs}"
if [ -n "${KINIT_COMMAND:-}" ]; then
  read -r -a kinit <<< "$KINIT_COMMAND"
  "${kinit[@]}" >&2
fi

declare -A want_owner want_group want_mode have_owner have_group have_mode
paths=()
while read -r path owner group mode; do
  if [ -z "${path:-}" ] || [[ "$path" == \#* ]]; then continue; fi
  if [[ "$path" != /* ]] || [ -z "${mode:-}" ] || ! [[ "$mode" =~ ^[0-7]{3,4}$ ]]; then
    echo "hdfs-layout: bad line (want: /absolute/path owner group octal-mode): $path $owner $group $mode" >&2
    exit 1
  fi
  paths+=("$path")
  want_owner[$path]=$owner
  want_group[$path]=$group
  want_mode[$path]=$(printf '%04o' "$((8#$mode))")
done < "$layout"
[ "${#paths[@]}" -gt 0 ] || exit 0

# "drwxr-x---" (or with a trailing + for an ACL, t/T for the sticky bit) to "0750"
octal() {
  local s=$1 sticky=0 digits="" i d c
  for i in 1 4 7; do
    d=0
    [ "${s:i:1}" = r ] && d=$((d + 4))
    [ "${s:i+1:1}" = w ] && d=$((d + 2))
    c="${s:i+2:1}"
    case "$c" in x) d=$((d + 1)) ;; t) d=$((d + 1)); sticky=1 ;; T) sticky=1 ;; esac
    digits="$digits$d"
  done
  echo "$sticky$digits"
}

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
# one line per existing path: permissions, replication (-), owner, group, size, date, time, path; a missing path
# is an "ls: `<path>': No such file or directory" and exit 1, any other "ls:" line (or none at all) a failure
status=0
listing=$("${hdfs[@]}" dfs -ls -d "${paths[@]}" 2> "$errors") || status=$?
if [ "$status" -ne 0 ]; then
  if ! grep -q '^ls: ' "$errors" || grep '^ls: ' "$errors" | grep -qv 'No such file or directory'; then
    cat "$errors" >&2
    exit 1
  fi
fi
while read -r perms _ owner group _ _ _ path; do
  [ -n "${path:-}" ] || continue
  if [[ "$perms" != d* ]]; then
    echo "hdfs-layout: $path exists and is not a directory" >&2
    exit 1
  fi
  have_owner[$path]=$owner
  have_group[$path]=$group
  have_mode[$path]=$(octal "$perms")
done <<< "$listing"

missing=()
declare -A chown_paths chmod_paths
for path in "${paths[@]}"; do
  if [ -z "${have_mode[$path]:-}" ]; then
    missing+=("$path")
    chown_paths["${want_owner[$path]}:${want_group[$path]}"]+="$path "
    chmod_paths["${want_mode[$path]}"]+="$path "
    echo "changed: $path (created ${want_owner[$path]}:${want_group[$path]} ${want_mode[$path]})"
    continue
  fi
  if [ "${have_owner[$path]}:${have_group[$path]}" != "${want_owner[$path]}:${want_group[$path]}" ]; then
    chown_paths["${want_owner[$path]}:${want_group[$path]}"]+="$path "
    echo "changed: $path (owner ${have_owner[$path]}:${have_group[$path]} -> ${want_owner[$path]}:${want_group[$path]})"
  fi
  if [ "${have_mode[$path]}" != "${want_mode[$path]}" ]; then
    chmod_paths["${want_mode[$path]}"]+="$path "
    echo "changed: $path (mode ${have_mode[$path]} -> ${want_mode[$path]})"
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  "${hdfs[@]}" dfs -mkdir -p "${missing[@]}" >&2
fi
for who in "${!chown_paths[@]}"; do
  read -r -a targets <<< "${chown_paths[$who]}"
  "${hdfs[@]}" dfs -chown "$who" "${targets[@]}" >&2
done
for mode in "${!chmod_paths[@]}"; do
  read -r -a targets <<< "${chmod_paths[$mode]}"
  "${hdfs[@]}" dfs -chmod "$mode" "${targets[@]}" >&2
done
