#!/bin/bash
# Publishing accounts as a treasurer does: check warns about declared balances that do not
# reconcile (exit 0), build refuses to sign them unless --publish-mismatch, and a kiosk that
# installs such a bundle shows residents the mismatch in red; the same warnings in a preview.
set -u
admin=$1 kiosk=$2 top=$3
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
source "$(dirname "$0")/../check.sh"
export LANG=C.UTF-8 LC_ALL= LC_MESSAGES= LINLI_NOW=1795572030 TZ=Asia/Shanghai SDL_VIDEODRIVER=offscreen

# The demo, with the bank's November closing typed one fen off.
cp -r "$top/assets/demo" "$dir/content"
sed -i 's/closing = "12,597.31"/closing = "12,597.30"/' "$dir/content/finance/periods.toml"
line=$(grep -n '12,597.30' "$dir/content/finance/periods.toml" | cut -d: -f1)
check "check: the demo with its 结转 has no warning" 0 "^ok:" "$admin" check "$top/assets/demo"
grep -q "warning" <<<"$out" && { echo "FAIL check warned about the demo: $out"; fail=1; }
check "check: a wrong declared closing is a warning at its line, exit 0" 0 \
  "finance/periods.toml:$line: warning: the closing balance of 2026-11 is declared as ¥12,597.30, but the ledger gives ¥12,597.31" \
  "$admin" check "$dir/content"
grep -q "^ok:" <<<"$out" && echo "ok   check: still ok" || { echo "FAIL check: no ok line: $out"; fail=1; }
check "check: in Chinese" 0 "警告：2026-11 的期末余额申报为 ¥12,597.30，账目算出 ¥12,597.31" \
  env LANG=zh_CN.UTF-8 "$admin" check "$dir/content"

"$admin" keygen --out "$dir/keys" >/dev/null
check "build: refuses unreconciled balances" 2 "1 declared balance(s) do not reconcile with the ledger" \
  "$admin" build "$dir/content" --key "$dir/keys" --out "$dir/bundle"
grep -q "finance/periods.toml:$line: warning" <<<"$out" && echo "ok   build: prints the warning" || { echo "FAIL build: no warning: $out"; fail=1; }
[ ! -e "$dir/bundle" ] && echo "ok   build: nothing written" || { echo "FAIL build wrote $dir/bundle"; fail=1; }
check "build: --publish-mismatch signs it" 0 "build: $dir/bundle: version" \
  "$admin" build "$dir/content" --key "$dir/keys" --out "$dir/bundle" --publish-mismatch
grep -q "finance/periods.toml:$line: warning" <<<"$out" && echo "ok   build: still prints the warning" || { echo "FAIL build: no warning: $out"; fail=1; }
# Other warnings never block a build: a 结转 the entries before it do not give.
cp -r "$top/assets/demo" "$dir/other"
printf '2026-11-01,结转,,十一月重新结转,"100.00",\n' >> "$dir/other/finance/ledger.csv"
sed -i '/^\[\[period\]\]/,$d' "$dir/other/finance/periods.toml"
check "build: a 结转 warning does not block" 0 "build: $dir/b2: version" "$admin" build "$dir/other" --key "$dir/keys" --out "$dir/b2"
grep -q "finance/ledger.csv:[0-9]*: warning: the balance brought forward, ¥100.00, differs" <<<"$out" \
  && echo "ok   build: the 结转 warning is printed" || { echo "FAIL build: no 结转 warning: $out"; fail=1; }

# The kiosk installs it and shows residents the mismatch, in red, with both figures.
mkdir -p "$dir/conf" && cp "$dir/keys/sign.pub" "$dir/conf/"
printf '[kiosk]\nid = "lobby-1"\n[trust]\nadmin_keys = ["sign.pub"]\n' > "$dir/conf/kiosk.toml"
check "kiosk: installs the published mismatch" 0 "installed version" \
  "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/data" --import "$dir/bundle"
printf 'tap "财务公示"\nexpect "账目核对不符"\nexpect "账面 ¥12,597.31, 申报 ¥12,597.30, 差额 ¥0.01"\nexpect-not "核对一致"\nscreenshot %s\n' \
  "$dir/red.png" > "$dir/red.ui"
check "kiosk: the finance screen shows the mismatch" 0 "" \
  "$kiosk" --config "$dir/conf/kiosk.toml" --data-dir "$dir/data" --script "$dir/red.ui"
# The banner is red: the column left of its heading, in the screenshot the script took, has a red
# stretch below the period chips (how far down depends on how many rows of chips there are).
if command -v /usr/bin/python3 >/dev/null; then
  rgb=$(/usr/bin/python3 - "$dir/red.png" <<'PY'
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
pos, idat, width = 8, b'', 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR': width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
    if kind == b'IDAT': idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = 4 if ctype == 6 else 3
stride = width * bpp + 1
# Unfilter the rows down to y (PNG filters 0-4), then read (x, y).
x, y, found = 40, 900, None
prev = bytearray(width * bpp)
for row in range(y + 1):
    f, line = raw[row * stride], bytearray(raw[row * stride + 1:(row + 1) * stride])
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    r, g, b = line[x * bpp:x * bpp + 3]
    if row > 150 and found is None and r > 150 and g < 80 and b < 80: found = (r, g, b)
print(*(found or line[x * bpp:x * bpp + 3]))
PY
)
  read -r r g b <<<"$rgb"
  [ "${r:-0}" -gt 150 ] && [ "${g:-255}" -lt 80 ] && [ "${b:-255}" -lt 80 ] \
    && echo "ok   kiosk: the mismatch banner is red ($rgb)" || { echo "FAIL kiosk: the banner is not red: $rgb"; fail=1; }
fi
# A preview says the same as check, on the terminal, and shows the same red.
check "kiosk --content: prints check's warnings" 0 "finance/periods.toml:$line: 警告：2026-11 的期末余额" \
  "$kiosk" --data-dir "$dir/p" --content "$dir/content" --screenshot "$dir/p.png" --screen finance
[ $fail = 0 ] && echo "finance publishing: all checks passed"
exit $fail
