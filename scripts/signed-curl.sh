#!/usr/bin/env bash
# Sends one signed request to the API gateway, as the gateway expects it:
#   X-API-KEY, X-TIMESTAMP (epoch ms), X-SIGNATURE = hex HMAC-SHA256(secret, timestamp + METHOD + pathAndQuery + body)
#
#   scripts/signed-curl.sh METHOD PATH_AND_QUERY [JSON_BODY]
#
# Environment: API_KEY [demo-trader-1001], API_SECRET (the key's secret; when unset it is derived from
# MASTER_KEY as hex HMAC-SHA256(base64-decoded MASTER_KEY, API_KEY), which only works with the development
# master key of config/appsettings.json), BASE_URL [http://127.0.0.1:5080]. Extra curl options: CURL_OPTS.
set -euo pipefail
if [ $# -lt 2 ]; then sed -n '2,10p' "$0" >&2; exit 2; fi
method=$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')
path="$2"
body="${3:-}"
API_KEY="${API_KEY:-demo-trader-1001}"
BASE_URL="${BASE_URL:-http://127.0.0.1:5080}"
MASTER_KEY="${MASTER_KEY:-ZGV2LW9ubHktbWFzdGVyLWtleS1jaGFuZ2UtbWUtaW4tcHJvZHVjdGlvbiEhIQ==}"

hmac_hex() { # key-hex message
  printf '%s' "$2" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$1" | sed 's/^.*= //'
}
if [ -z "${API_SECRET:-}" ]; then
  API_SECRET=$(hmac_hex "$(printf '%s' "$MASTER_KEY" | base64 -d | xxd -p | tr -d '\n')" "$API_KEY")
fi
ts=$(( $(date +%s%N) / 1000000 ))
signature=$(hmac_hex "$(printf '%s' "$API_SECRET" | xxd -p | tr -d '\n')" "${ts}${method}${path}${body}")

args=(-sS -X "$method" "$BASE_URL$path" -H "X-API-KEY: $API_KEY" -H "X-TIMESTAMP: $ts" -H "X-SIGNATURE: $signature")
[ -n "$body" ] && args+=(-H "Content-Type: application/json" --data-binary "$body")
# shellcheck disable=SC2086
exec curl "${args[@]}" ${CURL_OPTS:-}
