#!/bin/sh
# Smoke test of the container setup on a machine with a container engine (CI's "containers" job; no Maven test
# needs an engine): builds the image from docker/Dockerfile, starts docker/docker-compose.scale.yml (its replicas
# behind nginx) and checks, through nginx only:
#   - readiness answers UP, every replica's health check says healthy;
#   - GET /recommend?title=Toy Story and GET /users/1/recommendations answer 200 with recommendations;
#   - of 60 title requests, every replica served at least one (per-replica counts from its /actuator/prometheus).
# Then removes what it started (containers, network, anonymous volumes), and exits 0 only if every check passed.
#
# Environment: INTUNE_PORT (nginx on the host) [18080], PROJECT (compose project name) [intune-smoke],
#   READY_SECONDS (to wait for the balancer to answer) [300]; INTUNE_DATASETS_DIR / INTUNE_DATA_PATH as in the
#   compose file [the demo dataset in the image]. Compose v2 (docker compose) if present, else docker-compose v1.
set -eu
cd "$(dirname "$0")/.."

export INTUNE_PORT="${INTUNE_PORT:-18080}"
PROJECT=${PROJECT:-intune-smoke}
READY_SECONDS=${READY_SECONDS:-300}
BASE="http://localhost:$INTUNE_PORT"

if docker compose version > /dev/null 2>&1; then
  compose() { docker compose -p "$PROJECT" -f docker/docker-compose.scale.yml "$@"; }
else
  compose() { docker-compose --compatibility -p "$PROJECT" -f docker/docker-compose.scale.yml "$@"; }
fi

failed=0
fail() { echo "smoke-test: FAIL: $*" >&2; failed=1; }
finish() {
  if [ "$failed" != 0 ]; then compose logs --tail 40 >&2 || true; fi
  compose down -v > /dev/null 2>&1 || true
}
trap finish EXIT

started=$(date +%s)
# Compose starts nginx only once the replicas are healthy (depends_on: service_healthy).
compose up -d --build
until curl -fs -o /dev/null "$BASE/actuator/health/readiness"; do
  if [ $(($(date +%s) - started)) -ge "$READY_SECONDS" ]; then
    failed=1; echo "smoke-test: FAIL: $BASE not ready after $READY_SECONDS s" >&2; exit 1
  fi
  sleep 2
done
echo "smoke-test: ready through nginx after $(($(date +%s) - started)) s (build included)"

replicas=$(compose ps -q intune)
[ -n "$replicas" ] || { failed=1; echo "smoke-test: FAIL: no replica running" >&2; exit 1; }
for id in $replicas; do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$id")
  [ "$health" = healthy ] || fail "replica $id is $health"
done

# $1 = path, $2 = text the body must contain
expect() {
  body=$(curl -s -w '\n%{http_code}' "$BASE$1")
  code=$(printf '%s' "$body" | tail -n 1)
  [ "$code" = 200 ] || fail "GET $1 answered $code"
  printf '%s' "$body" | grep -q "$2" || fail "GET $1: no $2 in the answer"
  echo "smoke-test: GET $1 -> $code"
}
expect '/recommend?title=Toy%20Story' '"title":"Toy Story'
expect '/users/1/recommendations' '"items":\[{'

# Requests each replica answered on /recommend with 200, from its own metrics.
served() {
  docker exec "$1" curl -s http://localhost:8080/actuator/prometheus \
    | awk '/^http_server_requests_seconds_count/ && /uri="\/recommend"/ && /status="200"/ { n += $2 }
           END { print n + 0 }'
}
i=0
while [ "$i" -lt 60 ]; do
  curl -s -o /dev/null "$BASE/recommend?title=Toy%20Story" || true
  i=$((i + 1))
done
counts=""
for id in $replicas; do
  n=$(served "$id")
  counts="$counts $n"
  [ "$n" -gt 0 ] || fail "replica $id served no request"
done
echo "smoke-test: /recommend answers per replica (61 sent through nginx):$counts"

if [ "$failed" = 0 ]; then echo "smoke-test: PASS"; fi
exit "$failed"
