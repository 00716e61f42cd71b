#!/bin/bash
# `linli-admin serve` over real HTTP with curl: bundle files (GET, HEAD, 304s, rebuilt in place),
# path tricks refused, the inbox (stored, idempotent retry, 409, 413, 403, 400), the request log,
# argument errors (exit 2) and a clean stop on SIGTERM (exit 0).
set -u
admin=$1
dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
expect() {  # expect NAME WANTED ACTUAL
  if [ "$2" == "$3" ]; then ok "$1"; else bad "$1: got '$3', wanted '$2'"; fi
}
check() {  # check NAME EXPECTED_RC GREP_PATTERN COMMAND...
  local name=$1 want=$2 pattern=$3; shift 3
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" != "$want" ]; then bad "$name: exit $rc, wanted $want: $out"; return; fi
  if ! grep -q -- "$pattern" <<<"$out"; then bad "$name: output lacks '$pattern': $out"; return; fi
  ok "$name"
}

# A bundle as linli-admin build lays it out, plus things that must never be served.
bundle=$dir/bundle
mkdir -p "$bundle/files" "$bundle/sub"
printf 'version = 7\n' > "$bundle/manifest.toml"
head -c 64 /dev/urandom > "$bundle/manifest.sig"
head -c 3000000 /dev/urandom > "$dir/blob"
hash=$(sha256sum "$dir/blob" | cut -c1-64)
cp "$dir/blob" "$bundle/files/$hash"
echo "TOP-SECRET-OUTSIDE" > "$dir/secret"
ln -s "$dir/secret" "$bundle/files/evil"
ln -s ../secret "$bundle/sub/up"
echo hidden > "$bundle/.hidden"
mkfifo "$bundle/files/fifo"

# start_server LOGFILE ARGS...: starts serve on a free port (retrying a few random ones), sets
# $port and $pid once it answers.
start_server() {
  local log=$1; shift
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    "$admin" serve "$@" --port "$port" --bind 127.0.0.1 >"$log" 2>&1 &
    pid=$!
    # The start-up lines come after the bind: from then on the port is ours (another program
    # answering on a port we failed to get must not pass for our server).
    for _ in $(seq 1 50); do
      if grep -qs "^serve: Ctrl-C stops" "$log" && curl -s -o /dev/null "http://127.0.0.1:$port/"; then
        pids+=("$pid"); return 0
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  echo "FAIL cannot start the server: $(cat "$log")"
  exit 1
}

start_server "$dir/log" "$bundle" --inbox "$dir/inbox"
if grep -q 'built without cpp-httplib' "$dir/log"; then
  echo "FAIL linli-admin was built without cpp-httplib: $(cat "$dir/log")"; exit 1
fi
url=http://127.0.0.1:$port
grep -q "lan_url = \"http://127.0.0.1:$port/\"" "$dir/log" && ok "start: prints the lan_url line" || bad "start: no lan_url line: $(cat "$dir/log")"
grep -q "upload_url = \"http://127.0.0.1:$port/inbox/\"" "$dir/log" && ok "start: prints the upload_url line" || bad "start: no upload_url line"

# --- bundle files --------------------------------------------------------------------------
curl -s -H 'X-Linli-Kiosk: lobby-7' -o "$dir/got" "$url/manifest.toml"
cmp -s "$dir/got" "$bundle/manifest.toml" && ok "GET manifest.toml: same bytes" || bad "GET manifest.toml: bytes differ"
curl -s -o "$dir/got" "$url/files/$hash"
cmp -s "$dir/got" "$dir/blob" && ok "GET a 3 MB content file: same bytes" || bad "GET content file: bytes differ"
curl -s -o "$dir/got" "$url/manifest.sig"
cmp -s "$dir/got" "$bundle/manifest.sig" && ok "GET manifest.sig: same bytes" || bad "GET manifest.sig: bytes differ"

curl -s -I "$url/files/$hash" > "$dir/head"
grep -q '^HTTP/1.1 200' "$dir/head" && grep -qi '^Content-Length: 3000000' "$dir/head" &&
  grep -qi '^ETag: "' "$dir/head" && grep -qi '^Last-Modified: ' "$dir/head" &&
  ok "HEAD: 200 with length, ETag, Last-Modified" || bad "HEAD: $(cat "$dir/head")"
expect "HEAD: no body" 0 "$(curl -s -X HEAD --max-time 5 "$url/files/$hash" 2>/dev/null | wc -c)"

etag=$(curl -s -I "$url/manifest.toml" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
modified=$(curl -s -I "$url/manifest.toml" | tr -d '\r' | sed -n 's/^[Ll]ast-[Mm]odified: //p')
expect "If-None-Match: same ETag gives 304 and no body" "304 0" "$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "If-None-Match: $etag" "$url/manifest.toml")"
expect "If-None-Match: other ETag gives 200" 200 "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "nope"' "$url/manifest.toml")"
expect "If-Modified-Since: Last-Modified gives 304" 304 "$(curl -s -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $modified" "$url/manifest.toml")"
expect "If-Modified-Since: 1994 gives 200" 200 "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT' "$url/manifest.toml")"

# Rebuilt in place (new file, then rename over the manifest): the old ETag no longer matches.
printf 'version = 8\n' > "$bundle/.manifest.new" && mv "$bundle/.manifest.new" "$bundle/manifest.toml"
expect "rebuilt bundle: old ETag gives 200" 200 "$(curl -s -o "$dir/got" -w '%{http_code}' -H "If-None-Match: $etag" "$url/manifest.toml")"
cmp -s "$dir/got" "$bundle/manifest.toml" && ok "rebuilt bundle: the new manifest is served" || bad "rebuilt bundle: stale manifest"

expect "missing file: 404" 404 "$(curl -s -o /dev/null -w '%{http_code}' "$url/files/0000")"
code() { curl -s --path-as-is -o "$dir/got" -w '%{http_code}' "$@"; }
for p in "/../secret" "/files/../../secret" "/%2e%2e/secret" "/%2E%2E/%2E%2E/etc/passwd" "/files%2f..%2f..%2fsecret" \
         "//etc/passwd" "/files/./evil" "/files\\..\\..\\secret"; do
  c=$(code "$url$p")
  if [[ $c == 4* ]] && ! grep -q SECRET "$dir/got"; then ok "refused $p ($c)"; else bad "path $p: $c $(head -c 80 "$dir/got")"; fi
done
c=$(code --request-target "http://127.0.0.1/etc/passwd" "$url/")
[[ $c == 4* ]] && ok "refused absolute-form target ($c)" || bad "absolute-form target: $c"
c=$(code --request-target "$dir/secret" "$url/")
[[ $c == 4* ]] && ! grep -q SECRET "$dir/got" && ok "refused absolute path target ($c)" || bad "absolute path target: $c"
expect "symlink in the bundle to a file outside: 403" 403 "$(code "$url/files/evil")"
grep -q SECRET "$dir/got" && bad "symlink: the secret leaked"
expect "path through a symlink: refused" 403 "$(code "$url/sub/up")"
expect "hidden name: 403" 403 "$(code "$url/.hidden")"
expect "directory: 403" 403 "$(code "$url/files")"
expect "FIFO: 403 (and no hang)" 403 "$(code --max-time 5 "$url/files/fifo")"
expect "POST: 405" 405 "$(curl -s -o /dev/null -w '%{http_code}' -d x "$url/manifest.toml")"

# --- inbox ---------------------------------------------------------------------------------
head -c 20000 /dev/urandom > "$dir/export1"
head -c 20000 /dev/urandom > "$dir/export2"
put() {  # put FILE NAME [CURL ARGS...]: prints the status
  local file=$1 name=$2; shift 2
  curl -s -o /dev/null -w '%{http_code}' -H 'X-Linli-Kiosk: lobby-7' -T "$file" "$@" "$url/inbox/$name"
}
expect "PUT: stored (201)" 201 "$(put "$dir/export1" lobby-7.0001.export)"
cmp -s "$dir/export1" "$dir/inbox/lobby-7.0001.export" && ok "PUT: identical bytes in the inbox" || bad "PUT: bytes differ"
expect "inbox created 0700" 700 "$(stat -c %a "$dir/inbox")"
expect "PUT again, same bytes: 200" 200 "$(put "$dir/export1" lobby-7.0001.export)"
expect "PUT again, other bytes: 409" 409 "$(put "$dir/export2" lobby-7.0001.export)"
cmp -s "$dir/export1" "$dir/inbox/lobby-7.0001.export" && ok "409: the stored export is untouched" || bad "409: stored export changed"
truncate -s 65M "$dir/huge"
expect "PUT over 64 MiB: 413" 413 "$(put "$dir/huge" huge.export)"
# Without "Expect: 100-continue" the client is already sending when the 413 goes out; the server
# stops reading and closes, so the client sees the 413 or, if it is still writing, a reset (000).
c=$(put "$dir/huge" huge.export -H 'Expect:')
[[ $c == 413 || $c == 000 ]] && ok "PUT over 64 MiB without Expect: refused ($c)" || bad "PUT over 64 MiB without Expect: $c"
c=$(curl -s -o /dev/null -w '%{http_code}' -H 'Transfer-Encoding: chunked' -T - "$url/inbox/huge.export" <"$dir/huge")
[[ $c == 413 || $c == 000 ]] && ok "PUT over 64 MiB, chunked: refused ($c)" || bad "PUT over 64 MiB, chunked: $c"
expect "after refused uploads: still serving" 200 "$(curl -s -o /dev/null -w '%{http_code}' "$url/manifest.toml")"
[ ! -e "$dir/inbox/huge.export" ] && ok "413: no file" || bad "413: a file was stored"
for n in ".hidden" "..x" "a%2fb" "-dash" "$(printf 'n%.0s' {1..129})" "a/b" "../manifest.toml"; do
  expect "PUT bad name '${n:0:16}': 400" 400 "$(put "$dir/export1" "$n" --path-as-is)"
done
# (curl -T appends the file's name to a URL ending in /, hence --data-binary for the empty name)
expect "PUT empty name: 400" 400 "$(curl -s -o /dev/null -w '%{http_code}' -X PUT --data-binary @"$dir/export1" "$url/inbox/")"
expect "PUT outside /inbox/: 405" 405 "$(curl -s -o /dev/null -w '%{http_code}' -T "$dir/export1" "$url/manifest.toml")"
cmp -s "$bundle/manifest.toml" <(printf 'version = 8\n') && ok "405: the bundle is untouched" || bad "405: manifest changed"
: > "$dir/empty"
expect "PUT an empty body: 400" 400 "$(put "$dir/empty" empty.export)"
expect "PUT an empty chunked body: 400" 400 "$(curl -s -o /dev/null -w '%{http_code}' -H 'Transfer-Encoding: chunked' -T - "$url/inbox/empty.export" <"$dir/empty")"
expect "PUT two Content-Lengths: 400" 400 "$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Length: 3' -H 'Content-Length: 3' --data-binary abc "$url/inbox/two.export")"
expect "PUT compressed: 415" 415 "$(put "$dir/export2" gz.export -H 'Content-Encoding: gzip')"
echo "CANARY-BODY-5b1e" > "$dir/canary"
expect "PUT a text export" 201 "$(put "$dir/canary" canary.export)"
leftover=$(find "$dir/inbox" -name '.*' -type f | wc -l)
expect "inbox: no temporary files left" 0 "$leftover"
expect "inbox: only the exports stored" 2 "$(ls "$dir/inbox" | wc -l)"

# --- log -----------------------------------------------------------------------------------
grep -q "serve: new kiosk lobby-7 from 127.0.0.1" "$dir/log" && ok "log: new kiosk line" || bad "log: no new-kiosk line"
expect "log: the new-kiosk line appears once" 1 "$(grep -c 'serve: new kiosk lobby-7' "$dir/log")"
grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{2}:[0-9]{2} 127\.0\.0\.1 lobby-7 GET /manifest.toml 200 12$" "$dir/log" &&
  ok "log: time, peer, kiosk, method, path, status, bytes" || bad "log: no request line for the GET: $(cat "$dir/log")"
grep -q "lobby-7 PUT /inbox/lobby-7.0001.export 201 20000" "$dir/log" && ok "log: PUT line" || bad "log: no PUT line"
grep -q -a "CANARY-BODY" "$dir/log" && bad "log: holds a request body" || ok "log: no request body"

# --- stop, and arguments -------------------------------------------------------------------
# An upload cut short by a power cut leaves its temporary file; the next start removes it (and
# only it), even one that then fails because the port is taken.
echo partial > "$dir/inbox/.lobby-7.0002.export.tmp-Ab12Cd"
echo mine > "$dir/inbox/.keep"
check "port in use: exit 2" 2 "in use" "$admin" serve "$bundle" --port "$port" --bind 127.0.0.1 --inbox "$dir/inbox"
[ ! -e "$dir/inbox/.lobby-7.0002.export.tmp-Ab12Cd" ] && [ -e "$dir/inbox/.keep" ] &&
  ok "start: removes unfinished uploads only" || bad "start: unfinished upload handling: $(ls -a "$dir/inbox")"
kill -TERM "$pid"; wait "$pid"; rc=$?
expect "SIGTERM: exit 0" 0 "$rc"
grep -q "serve: stopped (SIGTERM)" "$dir/log" && ok "SIGTERM: says it stopped" || bad "SIGTERM: no stop line"

start_server "$dir/log2" "$bundle"
url=http://127.0.0.1:$port
c=$(curl -s -o "$dir/got" -w '%{http_code}' -T "$dir/export1" "$url/inbox/x.export")
expect "PUT without --inbox: 403" 403 "$c"
grep -q "no inbox" "$dir/got" && ok "403: says there is no inbox" || bad "403 body: $(cat "$dir/got")"
grep -q "# upload_url" "$dir/log2" && ok "start without inbox: upload_url commented out" || bad "start without inbox: $(cat "$dir/log2")"
kill -INT "$pid"; wait "$pid"; rc=$?
expect "SIGINT: exit 0" 0 "$rc"

mkdir -p "$dir/notbundle"
check "help" 0 "usage: linli-admin serve" "$admin" serve --help
check "no BUNDLE_DIR: exit 2" 2 "expected a BUNDLE_DIR" "$admin" serve --port 8080
check "missing BUNDLE_DIR: exit 2" 2 "No such file" "$admin" serve "$dir/none" --port 8080
check "BUNDLE_DIR a file: exit 2" 2 "is not a directory" "$admin" serve "$dir/blob" --port 8080
check "no manifest.toml: exit 2" 2 "has no manifest.toml" "$admin" serve "$dir/notbundle" --port 8080
check "no --port: exit 2" 2 "--port P is required" "$admin" serve "$bundle"
check "--port abc: exit 2" 2 '--port: "abc" is not a port number (1-65535)' "$admin" serve "$bundle" --port abc
check "--port 0: exit 2" 2 "is not a port number" "$admin" serve "$bundle" --port 0
check "--port 70000: exit 2" 2 "is not a port number" "$admin" serve "$bundle" --port 70000
check "--port without value: exit 2" 2 "needs a value" "$admin" serve "$bundle" --port
check "--bind not an address: exit 2" 2 "is not an IP address" "$admin" serve "$bundle" --port 8080 --bind lan
check "unknown option: exit 2" 2 "unknown option" "$admin" serve "$bundle" --port 8080 --verbose
check "--inbox inside the bundle: exit 2" 2 "is inside BUNDLE_DIR" "$admin" serve "$bundle" --port 8080 --inbox "$bundle/files/../in"
[ ! -e "$bundle/in" ] && ok "--inbox inside the bundle: not created" || bad "--inbox inside the bundle: created"
check "--inbox is a file: exit 2" 2 "is not a directory" "$admin" serve "$bundle" --port 8080 --inbox "$dir/blob"

[ $fail = 0 ] && echo "serve: all checks passed"
exit $fail
