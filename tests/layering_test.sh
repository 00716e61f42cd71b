#!/bin/bash
# Fails when a layer includes what ARCHITECTURE.md says it must not:
# ImGui, SDL or GL headers below ui/ and platform/; sqlite3.h outside store/; ui or platform from admin;
# and any upward include between our own layers.
set -u
app=$1
fail=0
complain() { echo "layering: $1"; fail=1; }

# Which of our layers each layer may include (itself always allowed).
declare -A allowed=(
  [core]=""
  [content]="core"
  [store]="core"
  [crypto]="core"
  [input]="core"
  [bundle]="core crypto content store"
  [sync]="core crypto content store bundle"
  [services]="core crypto content store bundle sync input"
  [ui]="core content input services"
  [platform]="core"
  [kiosk]="*"
  [admin]="core crypto content store bundle sync services"
)

for dir in "$app"/*/; do
  layer=$(basename "$dir")
  [ -n "${allowed[$layer]+x}" ] || { complain "unknown layer app/$layer (add it to tests/layering_test.sh)"; continue; }
  while IFS= read -r hit; do
    file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; text=${rest#*:}
    rel=${file#$app/}
    if [[ $text =~ \#include[[:space:]]*[\<\"](imgui|SDL|GL/|GLES|EGL|backends/) ]]; then
      case $layer in ui|platform|kiosk) ;; *) complain "app/$rel:$line: $layer must not include UI/platform headers: $text";; esac
    fi
    if [[ $text =~ \#include[[:space:]]*[\<\"]sqlite3\.h ]]; then
      [ "$layer" = store ] || complain "app/$rel:$line: only store/ may include sqlite3.h: $text"
    fi
    if [[ $text =~ \#include[[:space:]]*\"([a-z_]+)/ ]]; then
      target=${BASH_REMATCH[1]}
      [ "$target" = "$layer" ] && continue
      [ "${allowed[$layer]}" = "*" ] && continue
      [ -n "${allowed[$target]+x}" ] || continue
      [[ " ${allowed[$layer]} " == *" $target "* ]] || complain "app/$rel:$line: $layer must not include $target/: $text"
    fi
  done < <(grep -rn '#include' "$dir" --include='*.cpp' --include='*.hpp' --include='*.h')
done
[ $fail = 0 ] && echo "layering: all includes follow the layer rules"
exit $fail
