#!/usr/bin/env bash
# Did the test run change the machine outside its temp area?
#
#   scripts/machine-check.sh snapshot <file>   before the tests
#   scripts/machine-check.sh compare <file>    after them: exit 1 and the
#                                              list of what changed
#
# Two kinds of places:
# - strict: every entry (new, gone or changed: type, mode, owner, size of
#   files, mtime, link target) of /etc, /usr/local, npm's global tree
#   (/usr/lib/node_modules, /usr/bin), the top of /, /usr, /opt and /home,
#   and the files and links at the top of /root. A probe created and
#   removed in a directory changes its mtime, so it shows too.
# - kept: entries that existed before must be there after, unchanged;
#   new ones are fine (the temp area, device nodes that loop mounts add):
#   /dev (type, mode, owner, major/minor; not times, which ttys change)
#   and what other users own at the top of /tmp.
# /dev/null and /dev/zero are checked by name as well: character devices
# 1,3 and 1,5, mode 666. Left out on purpose: /proc, /sys, /run, /var,
# /tmp's own entries, /root's directories (npm's cache in /root/.npm, the
# build cache in /root/.cache are written by design), and atime.
# Takes about a second (a few thousand stat calls).
set -uo pipefail

# MACHINE_CHECK_ROOT: a tree to look at instead of / (the script's test).
R="${MACHINE_CHECK_ROOT:-}"
R="${R%/}"

# path|type|mode|uid|gid|size (files and links)|mtime|link target
strict_list() {
  {
    find "$R/etc" "$R/usr/local" -xdev -printf '%p|%y|%m|%U|%G|%s|%T@|%l\n' 2>/dev/null
    for d in "$R/usr/lib/node_modules" "$R/usr/bin"; do
      [ -d "$d" ] && find "$d" -maxdepth 1 -printf '%p|%y|%m|%U|%G|%s|%T@|%l\n' 2>/dev/null
    done
    for d in "$R/opt" "$R/home"; do
      [ -d "$d" ] && find "$d" -maxdepth 2 -xdev -printf '%p|%y|%m|%U|%G|%s|%T@|%l\n' 2>/dev/null
    done
    find "$R/usr" -maxdepth 1 -printf '%p|%y|%m|%U|%G|%T@|%l\n' 2>/dev/null
    # The top of /: the volatile ones by name and type only.
    find "$R/" -maxdepth 1 -mindepth 1 -printf '%p|%y|%m|%U|%G|%T@|%l\n' 2>/dev/null |
      awk -F'|' -v r="$R" 'substr($1, length(r) + 1) ~ "^/(tmp|proc|sys|dev|run|var|root|mnt|media|lost\\+found)$" { print $1 "|" $2; next } { print }'
    find "$R/root" -maxdepth 1 -mindepth 1 \( -type f -o -type l \) -printf '%p|%y|%m|%U|%G|%s|%T@|%l\n' 2>/dev/null
  } | sed -E 's/^([^|]*\|d\|[^|]*\|[^|]*\|[^|]*\|)[0-9]+\|/\1-|/' | LC_ALL=C sort
}

# path|type|mode|uid|gid|major,minor (hex; 0,0 for non-devices)|size and
# mtime for regular files
kept_list() {
  {
    find "$R/dev" -maxdepth 1 -mindepth 1 ! -name pts ! -name shm ! -name mqueue -print0 2>/dev/null |
      xargs -0 -r stat -c '%n|%F|%a|%u|%g|%t,%T' 2>/dev/null
    find "$R/tmp" -maxdepth 1 -mindepth 1 ! -user root -printf '%p|%y|%m|%U|%G|%T@\n' 2>/dev/null
  } | LC_ALL=C sort
}

# /dev/null and /dev/zero as the kernel makes them; prints what is wrong.
devices_ok() {
  local bad=0 want
  for want in 'null 1 3' 'zero 1 5'; do
    set -- $want
    local got
    got=$(stat -c '%F %t %T %a' "$R/dev/$1" 2>/dev/null || echo missing)
    if [ "$got" != "character special file $(printf '%x %x' "$2" "$3") 666" ]; then
      echo "machine-check: /dev/$1 is '$got', not a character device $2,$3 with mode 666"
      bad=1
    fi
  done
  return $bad
}

case "${1:-}" in
  snapshot)
    [ -n "${2:-}" ] || { echo "usage: $0 snapshot <file>" >&2; exit 2; }
    devices_ok || { echo "machine-check: the machine was already changed before the tests" >&2; exit 1; }
    strict_list > "$2.strict"
    kept_list > "$2.kept"
    echo "machine-check: snapshot of $(wc -l < "$2.strict") + $(wc -l < "$2.kept") entries"
    ;;
  compare)
    [ -f "${2:-}.strict" ] || { echo "usage: $0 compare <file> (after snapshot <file>)" >&2; exit 2; }
    status=0
    devices_ok || status=1
    changed=$(diff <(cat "$2.strict") <(strict_list) | grep '^[<>]')
    if [ -n "$changed" ]; then
      echo "machine-check: changed outside the temp area ('<' before, '>' after):"
      echo "$changed" | head -50
      status=1
    fi
    # Entries that were there before and are gone or different now.
    lost=$(LC_ALL=C comm -23 "$2.kept" <(kept_list))
    if [ -n "$lost" ]; then
      echo "machine-check: removed or changed (as they were before):"
      echo "$lost" | head -50
      status=1
    fi
    [ $status = 0 ] && echo "machine-check: the machine is as it was"
    exit $status
    ;;
  *)
    echo "usage: $0 snapshot|compare <file>" >&2
    exit 2
    ;;
esac
