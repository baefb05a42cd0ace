#!/usr/bin/env bash
# How long a fresh 'blockwatch run' (state directory lost) takes to restore the 2018 table from the
# changelog topics, and its memory. Prints the figures docs/OPERATIONS.md ("Memory and restore time")
# gives. Needs target/blockwatch.jar (mvn -B -DskipTests package), curl, bc, jcmd; ports 19392, 18181-2.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/target/blockwatch.jar"
work="$(mktemp -d)"
port=19392
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"

java -Xmx1g -jar "$jar" broker --data-dir broker --port $port > broker.out 2>&1 &
until grep -q listening broker.out; do sleep 0.5; done
java -Xmx1g -jar "$jar" ingest -b localhost:$port --no-progress \
  "$here/data/zi-2017-07-01.csv.gz" "$here/data/zi-2018-05-05.csv.gz" || [ $? -eq 3 ]   # 3: the cut-off rows

serve_until_2018() { # port pid log: waits until /api/stats shows the 2018 table
  until curl -sf "localhost:$1/api/stats" 2>/dev/null | grep -q '"distinctIpv4":14692449'; do
    kill -0 "$2" 2>/dev/null || { echo "run ended early:"; cat "$3"; exit 1; }
    sleep 0.1
  done
}

# The instance that builds the stores from the events.
java -Xmx2g -jar "$jar" run -b localhost:$port --state-dir streams-a --http-port 18181 > run-a.out 2>&1 &
first=$!
t0=$(date +%s.%N); serve_until_2018 18181 $first run-a.out
echo "built from the events: $(echo "$(date +%s.%N) - $t0" | bc) s"
kill $first; wait $first || true
sleep 50  # an instance that did not leave the group holds its tasks for session.timeout.ms (45 s)

# A fresh instance: empty state directory, everything restored from the changelog topics.
java -Xmx2g -jar "$jar" run -b localhost:$port --state-dir streams-b --http-port 18182 > run-b.out 2>&1 &
fresh=$!
t0=$(date +%s.%N); serve_until_2018 18182 $fresh run-b.out
echo "restored and answering: $(echo "$(date +%s.%N) - $t0" | bc) s from JVM start"
grep -E 'VmHWM|VmRSS' /proc/$fresh/status
jcmd $fresh GC.run > /dev/null; sleep 1; jcmd $fresh GC.heap_info | sed -n 2p
echo "CPU: $(ps -o times= -p $fresh) s"
du -sh streams-b
