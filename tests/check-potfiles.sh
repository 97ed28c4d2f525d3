#!/usr/bin/env bash
# Fails when po/POTFILES.in is out of step with the tree:
#   - a file with translatable strings is not listed (app/ sources using
#     _(), N_(), C_(), Q_() or NC_(); resources/**/*.ui with translatable="yes";
#     the data/ files gettext extracts from: *.in and *.gschema.xml);
#   - a listed file does not exist;
#   - the list is not sorted (LC_ALL=C, no duplicates).
# Files named in po/POTFILES.skip, if there is one, count as listed.
# Usage: check-potfiles.sh SOURCE_ROOT
set -euo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 SOURCE_ROOT" >&2
  exit 2
fi
cd "$1"

potfiles=po/POTFILES.in
if [ ! -f "$potfiles" ]; then
  echo "$potfiles: no such file" >&2
  exit 1
fi

export LC_ALL=C
status=0

# The entries of a POTFILES-style list: no comments, no blank lines.
entries() {
  [ -f "$1" ] || return 0
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1"
}

# Every file that should be listed, one per line, sorted.
wanted() {
  if [ -d app ]; then
    grep -rlIE '(^|[^[:alnum:]_])(N|C|Q|NC)?_[[:space:]]*\(' app || true
  fi
  if [ -d resources ]; then
    find resources -type f -name '*.ui' -exec grep -lE 'translatable="(yes|true)"' {} + || true
  fi
  if [ -d data ]; then
    # D-Bus service and search-provider files are .in templates with nothing
    # to translate, and the corpus is data, not interface text.
    find data -path data/corpus -prune -o -type f \
      \( -name '*.in' -o -name '*.gschema.xml' \) \
      ! -name '*.service.in' ! -name '*.ini.in' -print
  fi
}

listed=$(entries "$potfiles")
skipped=$(entries po/POTFILES.skip)

missing=$(comm -23 <(wanted | sort -u) <(printf '%s\n%s\n' "$listed" "$skipped" | sort -u))
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from $potfiles:"
  while IFS= read -r f; do echo "  $f"; done <<< "$missing"
  status=1
fi

absent=""
while IFS= read -r f; do
  [ -z "$f" ] || [ -e "$f" ] || absent+="$f"$'\n'
done <<< "$listed"
if [ -n "$absent" ]; then
  echo "Files listed in $potfiles that do not exist:"
  printf '%s' "$absent" | sed 's/^/  /'
  status=1
fi

if ! sorted_err=$(printf '%s\n' "$listed" | sort -cu 2>&1); then
  echo "$potfiles is not sorted (LC_ALL=C sort -u); first out of place:"
  echo "  ${sorted_err##*disorder: }"
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "$potfiles is complete and sorted"
fi
exit "$status"
