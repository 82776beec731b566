#!/usr/bin/env bash
# wrk-vs-bare.sh [ROUNDS] [DURATION]: requests per second of the mockisc
# binary (demo tenant, -rate-limit off, its default request log to
# /dev/null) against a bare net/http handler writing the same bytes
# (internal/benchbare), for GET /v3/accounts?limit=3 and GET
# /v3/accounts/{id}, under wrk -t2 -c50, the servers taking turns (who
# goes first alternates from round to round).
# Prints each round's ratio, then each endpoint's median and range.
# Needs wrk. With JSON_SERVER set to a json-server (v1) executable, also
# measures it on the same accounts (GET /accounts?_limit=3 and
# /accounts/{id}).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-6}
DUR=${2:-4s}
command -v wrk >/dev/null || { echo "wrk-vs-bare.sh needs wrk (apt-get install wrk)"; exit 2; }
tmp=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/mockisc" ./cmd/mockisc
go build -o "$tmp/bare" ./internal/benchbare

M=127.0.0.1:19490
"$tmp/mockisc" -addr $M -rate-limit off >/dev/null 2>&1 &
pids+=($!)
until R=$(curl -sf -X POST http://$M/oauth/token -d grant_type=client_credentials -d client_id=wrk -d client_secret=x); do sleep 0.1; done
TOKEN=$(sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<<"$R")
curl -sf -H "Authorization: Bearer $TOKEN" "http://$M/v3/accounts?limit=250" >"$tmp/accounts.json"
ID=$(grep -o '"id":"[^"]*"' "$tmp/accounts.json" | head -1 | cut -d'"' -f4)
LIST=/v3/accounts?limit=3
GET=/v3/accounts/$ID
"$tmp/bare" -url "http://$M$LIST" -token "$TOKEN" -addr 127.0.0.1:19491 &
pids+=($!)
"$tmp/bare" -url "http://$M$GET" -token "$TOKEN" -addr 127.0.0.1:19492 &
pids+=($!)
if [ -n "${JSON_SERVER:-}" ]; then
	(echo '{"accounts":'; cat "$tmp/accounts.json"; echo '}') >"$tmp/db.json"
	(cd "$tmp" && exec "$JSON_SERVER" --port 19493 db.json >/dev/null 2>&1) &
	pids+=($!)
fi
until curl -sf -o /dev/null http://127.0.0.1:19491/ && curl -sf -o /dev/null http://127.0.0.1:19492/; do sleep 0.1; done
[ -z "${JSON_SERVER:-}" ] || until curl -sf -o /dev/null "http://127.0.0.1:19493/accounts/$ID"; do sleep 0.2; done

rps() { wrk -t2 -c50 -d"$DUR" -H "Authorization: Bearer $TOKEN" "$1" | awk '/Requests\/sec/{print int($2)}'; }
ratio() { echo "scale=3; $1/$2" | bc; }
: >"$tmp/list" ; : >"$tmp/get"
for r in $(seq "$ROUNDS"); do
	# Who goes first alternates, so that a drift of the machine's speed
	# within a round does not always favour the same side.
	if [ $((r % 2)) = 1 ]; then
		ml=$(rps "http://$M$LIST"); bl=$(rps "http://127.0.0.1:19491$LIST")
		mg=$(rps "http://$M$GET"); bg=$(rps "http://127.0.0.1:19492$GET")
	else
		bl=$(rps "http://127.0.0.1:19491$LIST"); ml=$(rps "http://$M$LIST")
		bg=$(rps "http://127.0.0.1:19492$GET"); mg=$(rps "http://$M$GET")
	fi
	line="round $r: list $ml/$bl = $(ratio "$ml" "$bl")   get $mg/$bg = $(ratio "$mg" "$bg")"
	if [ -n "${JSON_SERVER:-}" ]; then
		jl=$(rps "http://127.0.0.1:19493/accounts?_limit=3"); jg=$(rps "http://127.0.0.1:19493/accounts/$ID")
		line="$line   json-server list $jl (mockisc x$(ratio "$ml" "$jl")) get $jg (x$(ratio "$mg" "$jg"))"
	fi
	echo "$line"
	ratio "$ml" "$bl" >>"$tmp/list"; ratio "$mg" "$bg" >>"$tmp/get"
done
for e in list get; do
	sort -n "$tmp/$e" | awk -v e="$e" '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%s: mockisc/bare median %.2f, range %.2f-%.2f over %d rounds\n", e, m, v[1], v[NR], NR}'
done
