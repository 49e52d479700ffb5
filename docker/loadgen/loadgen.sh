#!/bin/sh
# Replays a recommendation-service request mix against InTuneRecSys in phases of rising and falling concurrency,
# so that the pipeline, the tuner and the dashboards have something to react to. POSIX sh + awk + curl (runs in
# the curlimages/curl container of the compose "load" profile, or on any machine with those tools).
#
# Mix per request: 40 % /users/{id}/recommendations, 30 % /recommend?title=<exact title>, 10 % the same with a
# lower-case title and no year (fuzzy match), 10 % /recommend/popular, 7 % /movies?query=<word>, 3 % an unknown
# title (a 404). Titles and user ids are drawn skewed towards the head, as real traffic is.
#
# Environment (defaults in brackets):
#   TARGET          base URL of the service                        [http://intune-recsys:8080]
#   MOVIES_CSV      movies.csv to draw titles from                 [/data/movies.csv]
#   USERS           user ids are drawn from 1..USERS               [600]
#   PHASES          workers per phase, cycled                      [2 6 12 6]
#   PHASE_SECONDS   length of one phase                            [60]
#   DURATION        stop after this many seconds, 0 = never        [3600]
#   THINK_SECONDS   pause between a worker's requests              [0.02]
set -eu

TARGET=${TARGET:-http://intune-recsys:8080}
MOVIES_CSV=${MOVIES_CSV:-/data/movies.csv}
USERS=${USERS:-600}
PHASES=${PHASES:-2 6 12 6}
PHASE_SECONDS=${PHASE_SECONDS:-60}
DURATION=${DURATION:-3600}
THINK_SECONDS=${THINK_SECONDS:-0.02}
CODES=$(mktemp)
trap 'rm -f "$CODES"' EXIT

[ -r "$MOVIES_CSV" ] || { echo "loadgen: cannot read $MOVIES_CSV (set MOVIES_CSV)" >&2; exit 2; }

# Endless stream of request paths; $1 seeds it so that workers differ.
paths() {
  LC_ALL=C awk -v seed="$1" -v users="$USERS" -v movies="$MOVIES_CSV" '
    function title(line,   t) {
      sub(/\r$/, "", line); sub(/^[^,]*,/, "", line); sub(/,[^,]*$/, "", line)
      if (line ~ /^".*"$/) { line = substr(line, 2, length(line) - 2); gsub(/""/, "\"", line) }
      return line
    }
    function enc(s,   out, i, c) {
      out = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        out = out (c ~ /[A-Za-z0-9._~-]/ ? c : sprintf("%%%02X", ord[c]))
      }
      return out
    }
    function head(n) { return int(n * rand() ^ 3) }   # skewed pick: the head of the list is asked for most
    BEGIN {
      srand(seed)
      for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
      n = 0
      while ((getline line < movies) > 0) { if (seen++ && (t = title(line)) != "") titles[n++] = t }
      if (n == 0) { print "loadgen: no titles in " movies > "/dev/stderr"; exit 2 }
      for (;;) {
        r = rand(); t = titles[head(n)]
        if (r < 0.40)      p = "/users/" (1 + head(users)) "/recommendations"
        else if (r < 0.70) p = "/recommend?title=" enc(t)
        else if (r < 0.80) { sub(/ \([0-9]+\)$/, "", t); p = "/recommend?title=" enc(tolower(t)) }
        else if (r < 0.90) p = "/recommend/popular"
        else if (r < 0.97) { split(t, w, " "); p = "/movies?query=" enc(w[1] == "The" && w[2] != "" ? w[2] : w[1]) }
        else               p = "/recommend?title=" enc("No Such Film " int(rand() * 1000000))
        print p; fflush()
      }
    }'
}

worker() { # seed, end of phase (epoch seconds)
  paths "$1" | while read -r path; do
    [ "$(date +%s)" -lt "$2" ] || break
    curl -s -o /dev/null --max-time 10 -w '%{http_code}\n' "$TARGET$path" >> "$CODES" || echo 000 >> "$CODES"
    [ "$THINK_SECONDS" = 0 ] || sleep "$THINK_SECONDS"
  done
}

echo "loadgen: waiting for $TARGET to be ready"
until curl -fs -o /dev/null --max-time 5 "$TARGET/actuator/health/readiness"; do sleep 2; done

start=$(date +%s)
seed=0
while :; do
  for workers in $PHASES; do
    now=$(date +%s)
    if [ "$DURATION" -gt 0 ] && [ $((now - start)) -ge "$DURATION" ]; then
      echo "loadgen: done after $((now - start)) s"; exit 0
    fi
    end=$((now + PHASE_SECONDS))
    if [ "$DURATION" -gt 0 ] && [ "$end" -gt $((start + DURATION)) ]; then end=$((start + DURATION)); fi
    : > "$CODES"
    i=0
    while [ "$i" -lt "$workers" ]; do seed=$((seed + 1)); worker "$seed" "$end" & i=$((i + 1)); done
    wait
    summary=$(sort "$CODES" | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }')
    echo "loadgen: $workers workers for $((end - now)) s: $(wc -l < "$CODES") requests (${summary:-none})"
  done
done
