#!/usr/bin/env bash
# Benchmark: a 1,000,000-row CSV audience uploaded to campaign-service running with
# -Xmx256m, then activated. Starts Kafka, PostgreSQL and the schema registry with the
# local stack's launchers on spare ports, campaign-service from its -exec jar, runs
# dev.smspipeline.campaign.bench.CampaignUploadBenchmark, and stops everything it started.
#
#   campaign-service/bench/run-benchmark.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
ROWS=${1:-1000000}
VERSION=0.1.0-SNAPSHOT
WORK=$ROOT/campaign-service/target/bench
KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
POSTGRES_PORT=${BENCH_POSTGRES_PORT:-15433}
REGISTRY_PORT=${BENCH_REGISTRY_PORT:-18085}
SERVICE_PORT=${BENCH_SERVICE_PORT:-18081}
MANAGEMENT_PORT=$((SERVICE_PORT + 1000))
API_KEY=bench_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
API_KEY_HASH=$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)
PIDS=()

cleanup() {
	for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
		kill "${PIDS[i]}" 2>/dev/null || true
		wait "${PIDS[i]}" 2>/dev/null || true
	done
}
trap cleanup EXIT

wait_for() { # url, what
	for _ in $(seq 1 240); do
		curl -sf -o /dev/null "$1" && return 0
		sleep 0.5
	done
	echo "$2 did not come up; see $WORK/*.log" >&2
	exit 1
}

wait_port() { # port, what
	for _ in $(seq 1 240); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.5
	done
	echo "$2 did not come up; see $WORK/*.log" >&2
	exit 1
}

rm -rf "$WORK/data"
mkdir -p "$WORK/data"
[[ -f deploy/local-infra/target/local-infra-$VERSION-exec.jar && -f deploy/schema-registry/target/schema-registry-$VERSION-exec.jar ]] ||
	./mvnw -q -pl deploy/local-infra,deploy/schema-registry -am package -DskipTests
./mvnw -q -pl campaign-service package -DskipTests
./mvnw -q -pl campaign-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"

env KAFKA_PORT=$KAFKA_PORT KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1)) KAFKA_DATA_DIR="$WORK/data/kafka" \
	java -Xmx512m -jar deploy/local-infra/target/local-infra-$VERSION-exec.jar kafka >"$WORK/kafka.log" 2>&1 &
PIDS+=($!)
env POSTGRES_PORT=$POSTGRES_PORT POSTGRES_DATA_DIR="$WORK/data/postgres" POSTGRES_BIN_DIR="$WORK/data/pgbin" \
	POSTGRES_USER=sms POSTGRES_PASSWORD=sms POSTGRES_DATABASES=campaign \
	java -Xmx256m -jar deploy/local-infra/target/local-infra-$VERSION-exec.jar postgres >"$WORK/postgres.log" 2>&1 &
PIDS+=($!)
wait_port "$KAFKA_PORT" kafka
wait_port "$POSTGRES_PORT" postgres
env KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT SCHEMA_REGISTRY_PORT=$REGISTRY_PORT \
	java -Xmx256m -jar deploy/schema-registry/target/schema-registry-$VERSION-exec.jar >"$WORK/registry.log" 2>&1 &
PIDS+=($!)
wait_for "http://localhost:$REGISTRY_PORT/subjects" schema-registry

env SERVER_PORT=$SERVICE_PORT MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT \
	SCHEMA_REGISTRY_URL=http://localhost:$REGISTRY_PORT DATABASE_URL=jdbc:postgresql://localhost:$POSTGRES_PORT/campaign \
	DATABASE_USERNAME=sms DATABASE_PASSWORD=sms SMS_ACCOUNTS_BOOTSTRAP_BENCH="$API_KEY_HASH" \
	MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,prometheus \
	java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar campaign-service/target/campaign-service-$VERSION-exec.jar \
	>"$WORK/campaign-service.log" 2>&1 &
SERVICE_PID=$!
PIDS+=($SERVICE_PID)
wait_for "http://localhost:$MANAGEMENT_PORT/actuator/health" campaign-service

java -cp "campaign-service/target/test-classes:$(cat "$WORK/classpath.txt")" \
	dev.smspipeline.campaign.bench.CampaignUploadBenchmark --url "http://localhost:$SERVICE_PORT" \
	--management-url "http://localhost:$MANAGEMENT_PORT" \
	--api-key "$API_KEY" --rows "$ROWS" --csv "$WORK/audience-$ROWS.csv"
kill -0 "$SERVICE_PID" 2>/dev/null && echo "campaign-service still running (no OutOfMemoryError with -Xmx256m)"
jcmd "$SERVICE_PID" GC.heap_info 2>/dev/null | head -5 || true
