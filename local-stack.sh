#!/usr/bin/env bash
#
# local-stack.sh - run the whole SMS pipeline on this machine, no Docker needed.
#
#   ./local-stack.sh [start [part...]]   build what is missing, start everything (default)
#   ./local-stack.sh start --with-monitoring   the same, plus Prometheus (deploy/prometheus)
#   ./local-stack.sh stop [part...]      stop everything (or the given parts), no process left behind
#   ./local-stack.sh status              parts, pids, health
#   ./local-stack.sh restart <part>      stop and start one part
#   ./local-stack.sh logs <part>         follow a part's log
#   ./local-stack.sh demo [count]        send a batch of texts and report how they ended
#   ./local-stack.sh bench [options]     end-to-end benchmark (--messages N --numbers M ...)
#   ./local-stack.sh chaos [scenario...] fault injection suite: kills, restarts, outages, audit
#   ./local-stack.sh help
#
# Every part runs as its own java process; pids, logs, data, credentials and the demo
# API key live under .local-stack/ (git-ignored). Ports are overridable by environment
# variables (CAMPAIGN_PORT, DISPATCH_PORT, STATUS_PORT, SCHEMA_REGISTRY_PORT, CARRIER_PORT,
# KAFKA_PORT, KAFKA_CONTROLLER_PORT, POSTGRES_PORT). Each service's management port
# (/actuator/health, /actuator/prometheus) is its port + 1000: 9081, 9082, 9083.

set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
cd "$ROOT"

STATE_DIR="$ROOT/.local-stack"
LOG_DIR="$STATE_DIR/logs"
VERSION="0.1.0-SNAPSHOT"

CAMPAIGN_PORT=${CAMPAIGN_PORT:-8081}
DISPATCH_PORT=${DISPATCH_PORT:-8082}
STATUS_PORT=${STATUS_PORT:-8083}
SCHEMA_REGISTRY_PORT=${SCHEMA_REGISTRY_PORT:-8085}
CARRIER_PORT=${CARRIER_PORT:-8090}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
POSTGRES_PORT=${POSTGRES_PORT:-5433}
# Optional: Prometheus, started by `start --with-monitoring` (not one of PARTS).
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
WITH_MONITORING=0

KAFKA_DATA_DIR=${KAFKA_DATA_DIR:-$STATE_DIR/kafka}
POSTGRES_DATA_DIR=${POSTGRES_DATA_DIR:-$STATE_DIR/postgres}
POSTGRES_BIN_DIR=${POSTGRES_BIN_DIR:-$STATE_DIR/postgres-bin}
DATABASE_USERNAME=${DATABASE_USERNAME:-sms}
DATABASE_PASSWORD=${DATABASE_PASSWORD:-sms}

STOP_TIMEOUT=${STOP_TIMEOUT:-20}
LOCAL_STACK_JAVA_OPTS=${LOCAL_STACK_JAVA_OPTS:-}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Start order, stop order is the reverse. Parts in one phase start together and are
# waited for together; a phase starts when the one before is healthy.
PARTS="kafka postgres schema-registry carrier-simulator campaign-service dispatch-service status-service"
PHASES=("kafka postgres" "schema-registry carrier-simulator" "campaign-service dispatch-service status-service")
TERMINAL_STATUSES="DELIVERED UNDELIVERED FAILED REJECTED CANCELED EXPIRED DELIVERY_UNKNOWN"

# Sender numbers of the local stack's accounts. The carrier simulator takes any From; these
# stay clear of its scenario numbers (+1 415 201..210 xxxx, which are recipients anyway) and
# of the recipients the demo, the acceptance checks and the benchmarks text (+1 415 ...).
# demo: a short code, its default sender (100 segments/s: the demo and the acceptance checks
# are not bound by a sender's rate), and a long code. `account create` gives each new
# account the first free long code of +1 628 555 0101 to 0199.
DEMO_SHORT_CODE=24680
DEMO_LONG_CODE=+16285550100
ACCOUNT_LONG_CODE_PREFIX=+162855501
DEMO_HELP_TEXT="Local stack demo: test texts only. Reply STOP to opt out, START to opt back in."

if [[ -t 1 ]]; then
	BOLD=$'\e[1m' DIM=$'\e[2m' RED=$'\e[31m' GREEN=$'\e[32m' YELLOW=$'\e[33m' RESET=$'\e[0m'
else
	BOLD="" DIM="" RED="" GREEN="" YELLOW="" RESET=""
fi

say() { printf '%s\n' "$*"; }
err() { printf '%s\n' "${RED}error:${RESET} $*" >&2; }
die() {
	err "$*"
	exit 1
}
# Expected errors go through die(); anything else is reported once, by the main shell.
trap 'rc=$?; [[ $BASHPID == "$$" ]] && err "unexpected failure (exit $rc) at line $LINENO: $BASH_COMMAND"; exit $rc' ERR

# ---------------------------------------------------------------------------------------
# Parts
# ---------------------------------------------------------------------------------------

canonical_part() {
	case "$1" in
	kafka | broker) echo kafka ;;
	postgres | postgresql | pg | db) echo postgres ;;
	schema-registry | registry) echo schema-registry ;;
	carrier-simulator | carrier | simulator | sim) echo carrier-simulator ;;
	campaign-service | campaign) echo campaign-service ;;
	dispatch-service | dispatch) echo dispatch-service ;;
	status-service | status) echo status-service ;;
	*) return 1 ;;
	esac
}

# Sets PART to the canonical name of part $1, or stops with a clear message.
require_part() {
	PART=$(canonical_part "${1:-}") || die "unknown part '${1:-}'; parts are: $PARTS"
}

part_jar() {
	case "$1" in
	kafka | postgres) echo "deploy/local-infra/target/local-infra-$VERSION-exec.jar" ;;
	schema-registry) echo "deploy/schema-registry/target/schema-registry-$VERSION-exec.jar" ;;
	carrier-simulator) echo "deploy/carrier-simulator/target/carrier-simulator-$VERSION-exec.jar" ;;
	*) echo "$1/target/$1-$VERSION-exec.jar" ;;
	esac
}

part_args() {
	case "$1" in
	kafka | postgres) echo "$1" ;;
	*) echo "" ;;
	esac
}

part_heap() {
	case "$1" in
	kafka) echo "-Xms128m -Xmx512m" ;;
	postgres) echo "-Xmx256m -XX:+UseSerialGC" ;;
	# The simulator keeps every create for GET /sim/messages (about 1 KB each): with
	# SIM_MESSAGE_LOG_LIMIT below it fits, where 256 MB filled after ~130,000 creates.
	carrier-simulator) echo "-Xmx512m -XX:+UseSerialGC" ;;
	*) echo "-Xmx256m -XX:+UseSerialGC" ;;
	esac
}

part_port() {
	case "$1" in
	kafka) echo "$KAFKA_PORT" ;;
	postgres) echo "$POSTGRES_PORT" ;;
	schema-registry) echo "$SCHEMA_REGISTRY_PORT" ;;
	carrier-simulator) echo "$CARRIER_PORT" ;;
	campaign-service) echo "$CAMPAIGN_PORT" ;;
	dispatch-service) echo "$DISPATCH_PORT" ;;
	status-service) echo "$STATUS_PORT" ;;
	esac
}

# The management port (actuator: health, metrics) of a service, its port + 1000; nothing
# for the other parts.
part_management_port() {
	case "$1" in
	campaign-service | dispatch-service | status-service) echo $(($(part_port "$1") + 1000)) ;;
	esac
}

part_port_var() {
	case "$1" in
	kafka) echo KAFKA_PORT ;;
	postgres) echo POSTGRES_PORT ;;
	schema-registry) echo SCHEMA_REGISTRY_PORT ;;
	carrier-simulator) echo CARRIER_PORT ;;
	campaign-service) echo CAMPAIGN_PORT ;;
	dispatch-service) echo DISPATCH_PORT ;;
	status-service) echo STATUS_PORT ;;
	esac
}

part_url() {
	case "$1" in
	kafka) echo "localhost:$KAFKA_PORT" ;;
	postgres) echo "jdbc:postgresql://localhost:$POSTGRES_PORT/{campaign,dispatch,status} ($DATABASE_USERNAME/$DATABASE_PASSWORD)" ;;
	carrier-simulator) echo "http://localhost:$CARRIER_PORT  (GET /sim/messages)" ;;
	campaign-service | dispatch-service | status-service)
		echo "http://localhost:$(part_port "$1")  (metrics: http://localhost:$(part_management_port "$1")/actuator/prometheus)"
		;;
	*) echo "http://localhost:$(part_port "$1")" ;;
	esac
}

# Seconds to wait for a part to become healthy.
part_start_timeout() {
	case "$1" in
	kafka | postgres) echo 120 ;;
	schema-registry | carrier-simulator) echo 90 ;;
	*) echo 150 ;;
	esac
}

# The line the infrastructure launchers print once they are ready.
part_ready_line() {
	case "$1" in
	kafka) echo "Kafka broker started on" ;;
	postgres) echo "PostgreSQL started on" ;;
	esac
}

pid_file() { echo "$STATE_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# Environment of a part, into the PART_ENV array.
part_env() {
	local db=""
	PART_ENV=()
	case "$1" in
	kafka)
		PART_ENV=("KAFKA_PORT=$KAFKA_PORT" "KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT" "KAFKA_DATA_DIR=$KAFKA_DATA_DIR")
		;;
	postgres)
		PART_ENV=("POSTGRES_PORT=$POSTGRES_PORT" "POSTGRES_DATA_DIR=$POSTGRES_DATA_DIR"
			"POSTGRES_BIN_DIR=$POSTGRES_BIN_DIR" "POSTGRES_USER=$DATABASE_USERNAME"
			"POSTGRES_PASSWORD=$DATABASE_PASSWORD" "POSTGRES_DATABASES=campaign,dispatch,status")
		;;
	schema-registry)
		PART_ENV=("KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT" "SCHEMA_REGISTRY_PORT=$SCHEMA_REGISTRY_PORT")
		;;
	carrier-simulator)
		PART_ENV=("SIM_PORT=$CARRIER_PORT" "SIM_MESSAGE_LOG_LIMIT=${SIM_MESSAGE_LOG_LIMIT:-300000}"
			"CARRIER_ACCOUNT_SID=$CARRIER_ACCOUNT_SID"
			"CARRIER_AUTH_TOKEN=$CARRIER_AUTH_TOKEN"
			"SIM_INBOUND_WEBHOOK_URL=http://localhost:$STATUS_PORT/webhooks/carrier/inbound")
		;;
	campaign-service | dispatch-service | status-service)
		db=${1%-service}
		PART_ENV=("SERVER_PORT=$(part_port "$1")" "MANAGEMENT_SERVER_PORT=$(part_management_port "$1")"
			"KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT"
			"SCHEMA_REGISTRY_URL=http://localhost:$SCHEMA_REGISTRY_PORT"
			"DATABASE_URL=jdbc:postgresql://localhost:$POSTGRES_PORT/$db"
			"DATABASE_USERNAME=$DATABASE_USERNAME" "DATABASE_PASSWORD=$DATABASE_PASSWORD")
		case "$1" in
		campaign-service)
			PART_ENV+=("SMS_ACCOUNTS_BOOTSTRAP_DEMO=$API_KEY_HASH" "SMS_ACCOUNTS_BOOTSTRAP_BENCH=$BENCH_API_KEY_HASH"
				"SMS_ADMIN_OPERATORKEYHASHES=$ADMIN_KEY_HASH")
			;;
		dispatch-service)
			# Static Kafka group membership under a fixed name (one dispatch instance here): a
			# dispatch killed and started again takes its partitions back at once instead of
			# after the dead member's 45 s session. Set SMS_INTAKE_GROUP_INSTANCE_ID= (empty)
			# for dynamic membership; a second instance needs a name of its own.
			PART_ENV+=("CARRIER_BASE_URL=http://localhost:$CARRIER_PORT" "CARRIER_ACCOUNT_SID=$CARRIER_ACCOUNT_SID"
				"CARRIER_AUTH_TOKEN=$CARRIER_AUTH_TOKEN"
				"STATUS_CALLBACK_URL=http://localhost:$STATUS_PORT/webhooks/carrier/status"
				"SMS_INTAKE_GROUP_INSTANCE_ID=${SMS_INTAKE_GROUP_INSTANCE_ID-dispatch-local-1}")
			;;
		status-service)
			# Static membership of the store's consumers too (SMS_STORE_GROUP_INSTANCE_ID=
			# for dynamic): statuses are stored again at once after a restart.
			PART_ENV+=("CARRIER_ACCOUNT_SID=$CARRIER_ACCOUNT_SID" "CARRIER_AUTH_TOKEN=$CARRIER_AUTH_TOKEN"
				"SMS_ACCOUNTS_BOOTSTRAP_DEMO=$API_KEY_HASH" "SMS_ACCOUNTS_BOOTSTRAP_BENCH=$BENCH_API_KEY_HASH"
				"SMS_STORE_GROUP_INSTANCE_ID=${SMS_STORE_GROUP_INSTANCE_ID-status-local-1}")
			;;
		esac
		;;
	esac
}

# ---------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------

is_number() { [[ ${1:-} =~ ^[0-9]+$ ]]; }

alive() { is_number "${1:-}" && kill -0 "$1" 2>/dev/null; }

# Does process $1 run part $2 from this checkout?
is_part_process() {
	local args jar
	args=$(ps -ww -p "$1" -o args= 2>/dev/null) || return 1
	jar="$ROOT/$(part_jar "$2")"
	case "$args" in
	*"-jar $jar"*) ;;
	*) return 1 ;;
	esac
	case "$2" in
	kafka | postgres) [[ $args == *" $2" ]] ;;
	esac
}

# Pids of processes running part $1 from this checkout, found by command line.
find_part_pids() {
	local jar pid args
	jar="$ROOT/$(part_jar "$1")"
	ps -ww -eo pid=,args= 2>/dev/null | while read -r pid args; do
		[[ $args == *"-jar $jar"* ]] || continue
		case "$1" in
		kafka | postgres) [[ $args == *" $1" ]] || continue ;;
		esac
		echo "$pid"
	done
}

# Prints the pid of part $1 if it is running; fixes up a stale or missing pid file.
part_pid() {
	local file pid
	file=$(pid_file "$1")
	if [[ -f $file ]]; then
		pid=$(tr -dc '0-9' <"$file" 2>/dev/null || true)
		if alive "$pid" && is_part_process "$pid" "$1"; then
			echo "$pid"
			return 0
		fi
		rm -f "$file"
	fi
	pid=$(find_part_pids "$1" | head -n 1)
	if [[ -n $pid ]]; then
		[[ -d $STATE_DIR ]] && echo "$pid" >"$file"
		echo "$pid"
		return 0
	fi
	return 1
}

port_in_use() {
	local port=$1
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		return 0
	fi
	if command -v ss >/dev/null 2>&1 && [[ -n $(ss -Hltn "sport = :$port" 2>/dev/null || true) ]]; then
		return 0
	fi
	return 1
}

# Kafka ApiVersions (v0) request over bash's /dev/tcp: healthy when the broker answers
# with our correlation id and error code 0. Bytes are read between NULs (bash cannot
# hold NUL in a variable), with a timeout so a stuck broker cannot hang the script.
kafka_answers() {
	local port=$1 hex="" chunk rc i LC_ALL=C
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	printf '\000\000\000\012\000\022\000\000\000\000\000\001\377\377' >&3
	while ((${#hex} < 20)); do
		chunk=""
		IFS= read -r -d '' -t 3 chunk <&3 && rc=0 || rc=$?
		for ((i = 0; i < ${#chunk}; i++)); do
			hex+=$(printf '%02x' "'${chunk:i:1}")
		done
		((rc == 0)) || break
		hex+=00
	done
	exec 3>&-
	[[ ${hex:8:12} == 000000010000 ]]
}

# PostgreSQL SSLRequest: a server answers a single 'N' or 'S'.
postgres_answers() {
	local port=$1 answer=""
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	printf '\000\000\000\010\004\322\026\057' >&3
	IFS= read -r -n 1 -t 3 answer <&3 || true
	exec 3>&-
	[[ $answer == N || $answer == S ]]
}

http_ok() { curl -fsS -o /dev/null --max-time 3 "$1" 2>/dev/null; }

actuator_up() {
	local body
	body=$(curl -fsS --max-time 3 "$1" 2>/dev/null) || return 1
	[[ $body =~ \"status\"[[:space:]]*:[[:space:]]*\"UP\" ]]
}

# Is part $1 (already known to be running) serving?
part_healthy() {
	local port line
	port=$(part_port "$1")
	case "$1" in
	kafka | postgres)
		line=$(part_ready_line "$1")
		grep -qF "$line" "$(log_file "$1")" 2>/dev/null || return 1
		if [[ $1 == kafka ]]; then (kafka_answers "$port") 2>/dev/null; else (postgres_answers "$port") 2>/dev/null; fi
		;;
	schema-registry | carrier-simulator) http_ok "http://localhost:$port/health" ;;
	*) actuator_up "http://localhost:$(part_management_port "$1")/actuator/health" ;;
	esac
}

# The postmaster of the embedded PostgreSQL runs detached from its launcher (pg_ctl
# starts it as a daemon); if the launcher was killed hard, it is left behind.
postmaster_pid() {
	local file="$POSTGRES_DATA_DIR/postmaster.pid" pid args
	[[ -f $file ]] || return 1
	pid=$(head -n 1 "$file" | tr -dc '0-9')
	alive "$pid" || return 1
	args=$(ps -ww -p "$pid" -o args= 2>/dev/null) || return 1
	[[ $args == *postgres* && $args == *"$POSTGRES_DATA_DIR"* ]] || return 1
	echo "$pid"
}

# Waits up to STOP_TIMEOUT for process $1 to exit; if it does not, kills it (with
# --group, its whole process group too) and fails.
exit_or_kill() {
	local pid=$1 i
	for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
		alive "$pid" || return 0
		sleep 0.2
	done
	alive "$pid" || return 0
	kill -KILL "$pid" 2>/dev/null || true
	if [[ ${2:-} == --group ]]; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
	return 1
}

stop_orphan_postgres() {
	local pid
	pid=$(postmaster_pid) || return 0
	say "Stopping PostgreSQL server left running on $POSTGRES_DATA_DIR (pid $pid)"
	kill -INT "$pid" 2>/dev/null || true
	exit_or_kill "$pid" || say "  killed it after ${STOP_TIMEOUT}s"
	# Its server processes exit by themselves when the postmaster is gone; make sure.
	sleep 0.5
	local child
	for child in $(ps -eo pid=,ppid= 2>/dev/null | awk -v p="$pid" '$2 == p { print $1 }'); do
		kill -KILL "$child" 2>/dev/null || true
	done
}

# Sends SIGTERM to the given parts, waits for each (SIGKILL after STOP_TIMEOUT seconds).
stop_parts() {
	local part pid pids=() names=() n
	for part in "$@"; do
		pid=$(part_pid "$part") || {
			rm -f "$(pid_file "$part")"
			continue
		}
		kill -TERM "$pid" 2>/dev/null || true
		pids+=("$pid")
		names+=("$part")
	done
	((${#pids[@]})) || return 0
	for ((n = 0; n < ${#pids[@]}; n++)); do
		pid=${pids[n]}
		part=${names[n]}
		# Started with setsid: the pid is its own process group.
		if ! exit_or_kill "$pid" --group; then
			say "  ${YELLOW}killed${RESET} $part (pid $pid): it did not stop within ${STOP_TIMEOUT}s"
		else
			say "  stopped $part (pid $pid)"
		fi
		rm -f "$(pid_file "$part")"
		STOPPED_ANY=1
	done
}

launch_part() {
	local part=$1 jar log pid args heap
	jar="$ROOT/$(part_jar "$part")"
	log=$(log_file "$part")
	args=$(part_args "$part")
	heap=$(part_heap "$part")
	part_env "$part"
	[[ -f $log ]] && mv -f "$log" "$log.1"
	printf '# %s: starting %s\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$part" >"$log"
	local launcher=()
	if command -v setsid >/dev/null 2>&1; then
		launcher=(setsid)
	else
		launcher=(nohup)
	fi
	# shellcheck disable=SC2086 # heap, options and args are word lists
	"${launcher[@]}" env "${PART_ENV[@]}" "$JAVA" $heap -XX:+ExitOnOutOfMemoryError $LOCAL_STACK_JAVA_OPTS \
		-jar "$jar" $args >>"$log" 2>&1 </dev/null &
	pid=$!
	echo "$pid" >"$(pid_file "$part")"
}

# Waits until part $1 is healthy; on failure shows the end of its log and stops it.
wait_healthy() {
	local part=$1 started=$2 pid timeout log
	timeout=$(part_start_timeout "$part")
	log=$(log_file "$part")
	pid=$(tr -dc '0-9' <"$(pid_file "$part")")
	while :; do
		if ! alive "$pid"; then
			err "$part exited during startup. Last lines of $(relative "$log"):"
			tail -n 30 "$log" | sed 's/^/    /' >&2
			rm -f "$(pid_file "$part")"
			return 1
		fi
		if part_healthy "$part"; then
			say "  ${GREEN}up${RESET}  $part (pid $pid, $((SECONDS - started))s)"
			return 0
		fi
		if ((SECONDS - started > timeout)); then
			err "$part did not become healthy within ${timeout}s; stopping it. Last lines of $(relative "$log"):"
			tail -n 30 "$log" | sed 's/^/    /' >&2
			stop_parts "$part" >/dev/null
			return 1
		fi
		sleep 0.5
	done
}

relative() { echo "${1#"$ROOT"/}"; }

# ---------------------------------------------------------------------------------------
# Credentials
# ---------------------------------------------------------------------------------------

rand_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

sha256_hex() {
	if command -v sha256sum >/dev/null 2>&1; then
		printf '%s' "$1" | sha256sum | cut -d' ' -f1
	elif command -v shasum >/dev/null 2>&1; then
		printf '%s' "$1" | shasum -a 256 | cut -d' ' -f1
	elif command -v openssl >/dev/null 2>&1; then
		printf '%s' "$1" | openssl dgst -sha256 -r | cut -d' ' -f1
	else
		die "need sha256sum, shasum or openssl to hash the demo API key"
	fi
}

ensure_credentials() {
	local carrier_env="$STATE_DIR/carrier.env" key_file="$STATE_DIR/api-key"
	mkdir -p "$STATE_DIR"
	command -v sha256sum >/dev/null 2>&1 || command -v shasum >/dev/null 2>&1 || command -v openssl >/dev/null 2>&1 ||
		die "need sha256sum, shasum or openssl to hash the demo API key"
	if [[ ! -s $carrier_env ]]; then
		(
			umask 077
			printf 'CARRIER_ACCOUNT_SID=AC%s\nCARRIER_AUTH_TOKEN=%s\n' "$(rand_hex 16)" "$(rand_hex 16)" >"$carrier_env"
		)
		chmod 600 "$carrier_env"
		say "Generated carrier credentials in $(relative "$carrier_env")"
	fi
	CARRIER_ACCOUNT_SID=$(sed -n 's/^CARRIER_ACCOUNT_SID=//p' "$carrier_env" | tr -d '\r')
	CARRIER_AUTH_TOKEN=$(sed -n 's/^CARRIER_AUTH_TOKEN=//p' "$carrier_env" | tr -d '\r')
	[[ $CARRIER_ACCOUNT_SID =~ ^AC[0-9a-f]{32}$ && $CARRIER_AUTH_TOKEN =~ ^[0-9a-f]{32}$ ]] ||
		die "$(relative "$carrier_env") is damaged (want CARRIER_ACCOUNT_SID=AC+32 hex and CARRIER_AUTH_TOKEN=32 hex); delete it to generate new credentials"
	if [[ ! -s $key_file ]]; then
		(
			umask 077
			printf 'sk_demo_%s\n' "$(rand_hex 20)" >"$key_file"
		)
		chmod 600 "$key_file"
		rm -f "$STATE_DIR/api-key.shown"
	fi
	API_KEY=$(tr -d ' \r\n' <"$key_file")
	[[ -n $API_KEY ]] || die "$(relative "$key_file") is empty; delete it to generate a new demo key"
	API_KEY_HASH=$(sha256_hex "$API_KEY")
	# A second account, 'bench', for the fairness benchmark (two accounts' campaigns at once).
	if [[ ! -s $STATE_DIR/bench-api-key ]]; then
		(
			umask 077
			printf 'sk_bench_%s\n' "$(rand_hex 20)" >"$STATE_DIR/bench-api-key"
		)
		chmod 600 "$STATE_DIR/bench-api-key"
	fi
	BENCH_API_KEY_HASH=$(sha256_hex "$(tr -d ' \r\n' <"$STATE_DIR/bench-api-key")")
	# The operator key of campaign-service's admin API (/admin/v1/accounts).
	if [[ ! -s $STATE_DIR/admin-key ]]; then
		(
			umask 077
			printf 'op_local_%s\n' "$(rand_hex 24)" >"$STATE_DIR/admin-key"
		)
		chmod 600 "$STATE_DIR/admin-key"
	fi
	ADMIN_KEY_HASH=$(sha256_hex "$(tr -d ' \r\n' <"$STATE_DIR/admin-key")")
}

# ---------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------

check_java() {
	local version major
	command -v "$JAVA" >/dev/null 2>&1 || die "java not found; install a JDK 17 or newer (or set JAVA_HOME)"
	version=$("$JAVA" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
	major=${version%%.*}
	[[ $major == 1 ]] && major=$(echo "$version" | cut -d. -f2)
	if is_number "$major" && ((major < 17)); then
		die "java $version found; the stack needs Java 17 or newer (set JAVA_HOME)"
	fi
}

check_port_settings() {
	local var value seen=" " name
	for var in CAMPAIGN_PORT DISPATCH_PORT STATUS_PORT SCHEMA_REGISTRY_PORT CARRIER_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT POSTGRES_PORT; do
		value=${!var}
		if ! is_number "$value" || ((value < 1 || value > 65535)); then
			die "$var must be a port number (1-65535), not '$value'"
		fi
		if [[ $seen == *" $value="* ]]; then
			name=${seen##*" $value="}
			die "$var and ${name%% *} are both $value; give each part its own port"
		fi
		seen+="$value=$var "
	done
	# The services' management ports (port + 1000) must fit and be free of the others too.
	for var in CAMPAIGN_PORT DISPATCH_PORT STATUS_PORT; do
		value=$((${!var} + 1000))
		if ((value > 65535)); then
			die "$var must be at most 64535: its management port is $var + 1000"
		fi
		if [[ $seen == *" $value="* ]]; then
			name=${seen##*" $value="}
			die "$var + 1000 (its management port) and ${name%% *} are both $value; give each part its own port"
		fi
		seen+="$value=$var+1000 "
	done
}

# Sets SELECTED to the parts named on the command line (default: all), in start order.
select_parts() {
	local part selected=" " arg out=()
	if (($# == 0)); then
		SELECTED=$PARTS
		return
	fi
	for arg in "$@"; do
		require_part "$arg"
		selected+="$PART "
	done
	for part in $PARTS; do
		[[ $selected == *" $part "* ]] && out+=("$part")
	done
	SELECTED="${out[*]}"
}

build_if_missing() {
	local part jar missing=()
	for part in "$@"; do
		jar=$(part_jar "$part")
		[[ -f $jar ]] || missing+=("$jar")
	done
	((${#missing[@]})) || return 0
	say "${BOLD}Building the project${RESET} (missing: ${missing[*]})"
	say "  ./mvnw -q -B -DskipTests package   ${DIM}(a few minutes the first time)${RESET}"
	if ! ./mvnw -q -B -DskipTests package; then
		die "the build failed (see above); fix it, or build the missing parts and run ./local-stack.sh start again"
	fi
	local still=0
	for part in "$@"; do
		jar=$(part_jar "$part")
		if [[ ! -f $jar ]]; then
			err "$part: $jar was not built; build it with ./mvnw -DskipTests package and check that module's output"
			still=1
		fi
	done
	((still == 0)) || exit 1
}

cmd_start() {
	local parts part pid to_start=() running=() phase started port
	select_parts "$@"
	parts=$SELECTED
	check_port_settings
	mkdir -p "$STATE_DIR" "$LOG_DIR"
	for part in $parts; do
		if pid=$(part_pid "$part"); then
			running+=("$part")
		else
			to_start+=("$part")
		fi
	done
	if ((${#to_start[@]} == 0)); then
		say "The local stack is already running."
		print_table
		exit 0
	fi
	check_java
	for part in "${running[@]+"${running[@]}"}"; do
		say "$part is already running (pid $(part_pid "$part"))"
	done
	# A PostgreSQL server left behind on our data directory is ours: stop it first.
	[[ " ${to_start[*]} " == *" postgres "* ]] && stop_orphan_postgres
	# Ports first: one clear line per taken port, before anything is built or started.
	local taken=0
	for part in "${to_start[@]}"; do
		port=$(part_port "$part")
		if port_in_use "$port"; then
			err "port $port ($part) is already in use by another program; set $(part_port_var "$part") to use another"
			taken=1
		fi
		port=$(part_management_port "$part")
		if [[ -n $port ]] && port_in_use "$port"; then
			err "port $port ($part management) is already in use by another program; set $(part_port_var "$part") to use another (its management port is that + 1000)"
			taken=1
		fi
		if [[ $part == kafka ]] && port_in_use "$KAFKA_CONTROLLER_PORT"; then
			err "port $KAFKA_CONTROLLER_PORT (kafka controller) is already in use by another program; set KAFKA_CONTROLLER_PORT to use another"
			taken=1
		fi
	done
	((taken == 0)) || exit 1
	build_if_missing "${to_start[@]}"
	ensure_credentials
	local begin=$SECONDS
	say "${BOLD}Starting the local stack${RESET} (logs in $(relative "$LOG_DIR")/)"
	for phase in "${PHASES[@]}"; do
		local in_phase=()
		for part in $phase; do
			[[ " ${to_start[*]} " == *" $part "* ]] && in_phase+=("$part")
		done
		((${#in_phase[@]})) || continue
		started=$SECONDS
		for part in "${in_phase[@]}"; do
			launch_part "$part"
		done
		local failed=0
		for part in "${in_phase[@]}"; do
			wait_healthy "$part" "$started" || failed=1
		done
		if ((failed)); then
			say ""
			say "Parts that started are left running: ./local-stack.sh status, ./local-stack.sh stop"
			exit 1
		fi
	done
	say "Started in $((SECONDS - begin))s."
	if [[ " ${to_start[*]} " == *" campaign-service "* ]]; then ensure_demo_senders; fi
	say ""
	print_table
	# The demo key is printed once, after the first start that got this far.
	if [[ ! -e $STATE_DIR/api-key.shown ]]; then
		say ""
		say "${BOLD}Demo account API key${RESET} (account 'demo'; shown only this once):"
		say "  $API_KEY"
		say "It is kept in .local-stack/api-key (readable by you only). Use it as"
		say "  curl -H \"Authorization: Bearer \$(cat .local-stack/api-key)\" http://localhost:$CAMPAIGN_PORT/api/v1/..."
		: >"$STATE_DIR/api-key.shown"
	fi
	say ""
	say "Next: ./local-stack.sh demo   |   ./local-stack.sh logs <part>   |   ./local-stack.sh stop"
}

cmd_stop() {
	local parts part reversed=() phase i
	select_parts "$@"
	parts=$SELECTED
	STOPPED_ANY=0
	for part in $parts; do reversed=("$part" "${reversed[@]+"${reversed[@]}"}"); done
	say "Stopping the local stack"
	# Prometheus (if it runs) goes first, with a full stop only.
	if (($# == 0)); then stop_monitoring; fi
	# Reverse phases; the parts of one phase are stopped together.
	for ((i = ${#PHASES[@]} - 1; i >= 0; i--)); do
		local group=()
		for part in "${reversed[@]}"; do
			[[ " ${PHASES[i]} " == *" $part "* ]] && group+=("$part")
		done
		((${#group[@]})) || continue
		if [[ " ${group[*]} " == *" kafka "* && " ${group[*]} " == *" postgres "* ]]; then
			stop_parts postgres
			stop_parts kafka
		else
			stop_parts "${group[@]}"
		fi
	done
	if [[ " $parts " == *" postgres "* ]] && postmaster_pid >/dev/null; then
		stop_orphan_postgres
		STOPPED_ANY=1
	fi
	if ((STOPPED_ANY == 0)); then
		say "  nothing was running"
	fi
}

print_table() {
	local part pid state health url
	printf "${BOLD}%-18s %-6s %-8s %-9s %s${RESET}\n" PART STATE PID HEALTH URL
	for part in $PARTS; do
		url=$(part_url "$part")
		if pid=$(part_pid "$part"); then
			state="${GREEN}up${RESET}  "
			if part_healthy "$part"; then health="${GREEN}ok${RESET}       "; else health="${YELLOW}starting${RESET} "; fi
		else
			pid="-"
			state="${DIM}down${RESET}"
			health="${DIM}-${RESET}        "
		fi
		printf "%-18s %s   %-8s %s %s\n" "$part" "$state" "$pid" "$health" "$url"
	done
	print_monitoring_row
}

cmd_status() {
	print_table
	if pid=$(postmaster_pid) && ! part_pid postgres >/dev/null; then
		say ""
		say "${YELLOW}note:${RESET} a PostgreSQL server (pid $pid) is still running on $(relative "$POSTGRES_DATA_DIR") without its launcher; ./local-stack.sh stop removes it"
	fi
}

cmd_restart() {
	(($# == 1)) || die "usage: ./local-stack.sh restart <part>   (parts: $PARTS)"
	local part
	require_part "$1"
	part=$PART
	STOPPED_ANY=0
	stop_parts "$part"
	[[ $part == postgres ]] && stop_orphan_postgres
	cmd_start "$part"
}

cmd_logs() {
	(($# == 1)) || die "usage: ./local-stack.sh logs <part>   (parts: $PARTS)"
	local part log
	require_part "$1"
	part=$PART
	log=$(log_file "$part")
	[[ -f $log ]] || die "no log for $part yet ($(relative "$log")); start it with ./local-stack.sh start"
	exec tail -n 200 -F "$log"
}

# ---------------------------------------------------------------------------------------
# Monitoring: `start --with-monitoring` adds the system's Prometheus server (Debian's
# prometheus package) on deploy/prometheus/prometheus.yml, data in .local-stack/prometheus.
# ---------------------------------------------------------------------------------------

PROMETHEUS_DIR="$STATE_DIR/prometheus"

# Our Prometheus is the one whose data directory is ours.
is_prometheus_process() {
	local args
	args=$(ps -ww -p "$1" -o args= 2>/dev/null) || return 1
	[[ $args == *"--storage.tsdb.path=$PROMETHEUS_DIR/data"* ]]
}

# Prints the pid of our Prometheus if it runs; fixes up a stale or missing pid file.
prometheus_pid() {
	local file pid args
	file=$(pid_file prometheus)
	if [[ -f $file ]]; then
		pid=$(tr -dc '0-9' <"$file" 2>/dev/null || true)
		if alive "$pid" && is_prometheus_process "$pid"; then
			echo "$pid"
			return 0
		fi
		rm -f "$file"
	fi
	pid=$(ps -ww -eo pid=,args= 2>/dev/null | while read -r pid args; do
		[[ $args == *"--storage.tsdb.path=$PROMETHEUS_DIR/data"* ]] || continue
		echo "$pid"
	done | head -n 1)
	[[ -n $pid ]] || return 1
	[[ -d $STATE_DIR ]] && echo "$pid" >"$file"
	echo "$pid"
}

# The port Prometheus $1 listens on (it may have been started with another PROMETHEUS_PORT).
prometheus_port_of() {
	local args port
	args=$(ps -ww -p "$1" -o args= 2>/dev/null) || args=""
	port=${args##*--web.listen-address=*:}
	port=${port%% *}
	if is_number "$port"; then echo "$port"; else echo "$PROMETHEUS_PORT"; fi
}

# The configuration to run: the committed one, or a copy with the services' management
# ports rewritten when their ports are overridden (Prometheus configs cannot read the
# environment).
prometheus_config() {
	local src="$ROOT/deploy/prometheus/prometheus.yml"
	if [[ $CAMPAIGN_PORT == 8081 && $DISPATCH_PORT == 8082 && $STATUS_PORT == 8083 ]]; then
		echo "$src"
		return
	fi
	# Through markers, so that one rewritten port is never rewritten again.
	sed -e 's/"localhost:9081"/"localhost:@CAMPAIGN@"/' -e 's/"localhost:9082"/"localhost:@DISPATCH@"/' \
		-e 's/"localhost:9083"/"localhost:@STATUS@"/' -e "s/@CAMPAIGN@/$(part_management_port campaign-service)/" \
		-e "s/@DISPATCH@/$(part_management_port dispatch-service)/" \
		-e "s/@STATUS@/$(part_management_port status-service)/" "$src" >"$PROMETHEUS_DIR/prometheus.yml"
	cp "$ROOT/deploy/prometheus/alerts.yml" "$PROMETHEUS_DIR/alerts.yml"
	echo "$PROMETHEUS_DIR/prometheus.yml"
}

start_monitoring() {
	local pid config log launcher=(nohup) started=$SECONDS
	if pid=$(prometheus_pid); then
		say "prometheus is already running (pid $pid)"
		return 0
	fi
	if ! command -v prometheus >/dev/null 2>&1; then
		say "${YELLOW}note:${RESET} --with-monitoring needs the Prometheus server, which is not installed (Debian/Ubuntu: sudo apt-get install prometheus, then sudo systemctl disable --now prometheus so its system service leaves port 9090 free); starting the stack without it"
		return 0
	fi
	if ! is_number "$PROMETHEUS_PORT" || ((PROMETHEUS_PORT < 1 || PROMETHEUS_PORT > 65535)); then
		die "PROMETHEUS_PORT must be a port number (1-65535), not '$PROMETHEUS_PORT'"
	fi
	if port_in_use "$PROMETHEUS_PORT"; then
		die "port $PROMETHEUS_PORT (prometheus) is already in use by another program (the prometheus system service? sudo systemctl disable --now prometheus); set PROMETHEUS_PORT to use another"
	fi
	mkdir -p "$PROMETHEUS_DIR/data" "$LOG_DIR"
	config=$(prometheus_config)
	log=$(log_file prometheus)
	[[ -f $log ]] && mv -f "$log" "$log.1"
	printf '# %s: starting prometheus on %s\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$(relative "$config")" >"$log"
	command -v setsid >/dev/null 2>&1 && launcher=(setsid)
	"${launcher[@]}" prometheus --config.file="$config" --storage.tsdb.path="$PROMETHEUS_DIR/data" \
		--storage.tsdb.retention.time=7d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >>"$log" 2>&1 </dev/null &
	pid=$!
	echo "$pid" >"$(pid_file prometheus)"
	while ! http_ok "http://localhost:$PROMETHEUS_PORT/-/ready"; do
		if ! alive "$pid" || ((SECONDS - started > 60)); then
			err "prometheus did not start. Last lines of $(relative "$log"):"
			tail -n 20 "$log" | sed 's/^/    /' >&2
			kill -TERM "$pid" 2>/dev/null || true
			rm -f "$(pid_file prometheus)"
			exit 1
		fi
		sleep 0.5
	done
	say "  ${GREEN}up${RESET}  prometheus (pid $pid, $((SECONDS - started))s) on http://localhost:$PROMETHEUS_PORT"
}

stop_monitoring() {
	local pid
	pid=$(prometheus_pid) || return 0
	kill -TERM "$pid" 2>/dev/null || true
	if ! exit_or_kill "$pid"; then
		say "  ${YELLOW}killed${RESET} prometheus (pid $pid): it did not stop within ${STOP_TIMEOUT}s"
	else
		say "  stopped prometheus (pid $pid)"
	fi
	rm -f "$(pid_file prometheus)"
	STOPPED_ANY=1
}

# `stop prometheus [part...]`: Prometheus (and the parts named), nothing else.
cmd_stop_prometheus() {
	local part parts=()
	for part in "$@"; do [[ $part == prometheus ]] || parts+=("$part"); done
	STOPPED_ANY=0
	stop_monitoring
	((STOPPED_ANY)) || say "  prometheus was not running"
	if ((${#parts[@]})); then cmd_stop "${parts[@]}"; fi
}

cmd_logs_prometheus() {
	local log
	log=$(log_file prometheus)
	[[ -f $log ]] || die "no log for prometheus yet ($(relative "$log")); start it with ./local-stack.sh start --with-monitoring"
	exec tail -n 200 -F "$log"
}

# A status-table row for Prometheus, when it runs or was asked for.
print_monitoring_row() {
	local pid port state health
	if pid=$(prometheus_pid); then
		port=$(prometheus_port_of "$pid")
		state="${GREEN}up${RESET}  "
		if http_ok "http://localhost:$port/-/ready"; then health="${GREEN}ok${RESET}       "; else health="${YELLOW}starting${RESET} "; fi
	elif ((WITH_MONITORING)); then
		pid="-" port=$PROMETHEUS_PORT state="${DIM}down${RESET}" health="${DIM}-${RESET}        "
	else
		return 0
	fi
	printf "%-18s %s   %-8s %s %s\n" prometheus "$state" "$pid" "$health" "http://localhost:$port  (/targets, /alerts)"
}

# ---------------------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------------------

# Draws "label [#####.....] done/total" on one line (tty) or prints milestones.
progress() {
	local label=$1 done=$2 total=$3 width=40 filled bar
	((total > 0)) || total=1
	filled=$((done * width / total))
	if [[ -t 1 ]]; then
		bar=$(printf '%*s' "$filled" '' | tr ' ' '#')$(printf '%*s' $((width - filled)) '' | tr ' ' '.')
		printf '\r  %-9s [%s] %d/%d' "$label" "$bar" "$done" "$total"
	fi
}

progress_end() {
	if [[ -t 1 ]]; then printf '\n'; else printf '  %-9s %d/%d\n' "$1" "$2" "$3"; fi
}

# awk program: prints the value of the top-level field `key` of the JSON document on
# stdin (a string or a scalar), ignoring fields of the same name in nested objects and
# arrays. Keeps the demo free of jq/python.
# shellcheck disable=SC2016,SC2089 # an awk program, not shell
JSON_FIELD_AWK='
{ doc = doc $0 "\n" }
END {
	n = length(doc); depth = 0; instr = 0; esc = 0; expect = 0; tok = ""; current = ""
	for (i = 1; i <= n; i++) {
		c = substr(doc, i, 1)
		if (instr) {
			if (esc) { esc = 0; tok = tok c }
			else if (c == "\\") { esc = 1 }
			else if (c == "\"") {
				instr = 0
				if (depth == 1) {
					if (expect) { if (current == key) { print tok; exit } expect = 0 }
					else current = tok
				}
			}
			else tok = tok c
			continue
		}
		if (c == "\"") { instr = 1; tok = "" }
		else if (c == "{" || c == "[") { depth++; if (depth == 2) expect = 0 }
		else if (c == "}" || c == "]") depth--
		else if (depth == 1 && c == ":") { expect = 1; scalar = "" }
		else if (depth == 1 && c == ",") { if (expect && current == key && scalar != "") { print scalar; exit } expect = 0 }
		else if (depth == 1 && expect && c !~ /[ \t\r\n]/) scalar = scalar c
	}
	if (expect && current == key && scalar != "") print scalar
}'

# Runs in xargs children: POST one message. Prints "index recipient http-code messageId".
demo_send_one() {
	local idx=$1 recipient=$2 json resp code body id
	json=$(printf '{"recipient":"%s","body":"Hello from the local stack demo (run %s): text %s of %s"}' \
		"$recipient" "$DEMO_RUN" "$idx" "$DEMO_TOTAL")
	resp=$(curl -sS --max-time 20 -X POST "$DEMO_SEND_URL" -H 'Content-Type: application/json' \
		-H "Idempotency-Key: demo-$DEMO_RUN-$idx" -H "@$DEMO_HEADER_FILE" --data "$json" \
		-w '\n%{http_code}' 2>/dev/null) || resp=$'\n000'
	code=${resp##*$'\n'}
	body=${resp%$'\n'*}
	id=$(printf '%s' "$body" | awk -v key=messageId "$JSON_FIELD_AWK")
	printf '%s %s %s %s\n' "$idx" "$recipient" "$code" "${id:--}"
}

# Runs in xargs children: prints "messageId STATUS" (PENDING when not known yet).
demo_status_one() {
	local id=$1 resp code body status=""
	resp=$(curl -sS --max-time 10 "$DEMO_STATUS_URL/$id" -H "@$DEMO_HEADER_FILE" -w '\n%{http_code}' 2>/dev/null) ||
		resp=$'\n000'
	code=${resp##*$'\n'}
	body=${resp%$'\n'*}
	if [[ $code == 200 ]]; then
		status=$(printf '%s' "$body" | awk -v key=status "$JSON_FIELD_AWK")
		[[ $status == null ]] && status=""
	fi
	printf '%s %s\n' "$id" "${status:-PENDING}"
}

scenario_name() {
	case "$1" in
	+14152010001) echo "landline, refused (21614)" ;;
	+14152020001) echo "unreachable handset (30003)" ;;
	+14152030001) echo "filtered as spam (30007)" ;;
	+14152040001) echo "unknown carrier error (30008)" ;;
	+14152060001) echo "slow delivery (5 s)" ;;
	+14152070001) echo "rate limited once (429, Retry-After 3)" ;;
	+14152080001) echo "carrier HTTP 500 twice, then accepted" ;;
	+14152090001) echo "unsubscribed (21610)" ;;
	+14152100001) echo "callbacks twice, out of order" ;;
	esac
}

# ---------------------------------------------------------------------------------------
# Accounts: campaign-service's admin API with the local operator key
# ---------------------------------------------------------------------------------------

# Calls the admin API: admin_call METHOD PATH [JSON [CONTENT-TYPE]]. Sets ADMIN_STATUS (the
# HTTP status, 000 when campaign-service does not answer) and ADMIN_BODY.
admin_call() {
	local method=$1 path=$2 data=${3:-} type=${4:-application/json} admin answer
	admin=$(tr -d ' \r\n' <"$STATE_DIR/admin-key")
	local args=(-sS --max-time 10 -X "$method" "http://localhost:$CAMPAIGN_PORT$path"
		-H "Authorization: Bearer $admin" -w '\n%{http_code}')
	[[ -z $data ]] || args+=(-H "Content-Type: $type" --data "$data")
	answer=$(curl "${args[@]}" 2>/dev/null) || answer=$'\n000'
	ADMIN_STATUS=${answer##*$'\n'}
	ADMIN_BODY=${answer%$'\n'*}
}

# A string as a JSON string literal (quotes, backslashes and control characters escaped).
json_string() {
	local s=${1//\\/\\\\}
	s=${s//\"/\\\"}
	s=${s//$'\n'/\\n}
	s=${s//$'\r'/\\r}
	s=${s//$'\t'/\\t}
	printf '"%s"' "$s"
}

# Gives the demo account its senders (DEMO_SHORT_CODE, its default sender, and
# DEMO_LONG_CODE) and help text, once: only while it has no sender at all, so a restart
# changes nothing and an operator's later changes to demo are kept (an operator who removes
# every sender gets these back at the next start). campaign-service creates demo itself at
# start-up (sms.accounts.bootstrap); a failure here is reported and leaves the stack running.
ensure_demo_senders() {
	local deadline=$((SECONDS + 30)) patch
	[[ -s $STATE_DIR/admin-key ]] || return 0
	while :; do
		admin_call GET /admin/v1/accounts/demo
		[[ $ADMIN_STATUS == 404 || $ADMIN_STATUS == 000 ]] && ((SECONDS < deadline)) || break
		sleep 0.5
	done
	if [[ $ADMIN_STATUS != 200 ]]; then
		say "${YELLOW}note:${RESET} could not read the demo account (HTTP $ADMIN_STATUS); its senders are left as they are"
		return 0
	fi
	[[ ${ADMIN_BODY//[[:space:]]/} == *'"senders":[]'* ]] || return 0
	patch=$(printf '{"senders": [{"number": "%s", "kind": "SHORT_CODE"}, {"number": "%s", "kind": "LONG_CODE"}], "defaultSender": "%s", "helpText": %s}' \
		"$DEMO_SHORT_CODE" "$DEMO_LONG_CODE" "$DEMO_SHORT_CODE" "$(json_string "$DEMO_HELP_TEXT")")
	admin_call PATCH /admin/v1/accounts/demo "$patch" application/merge-patch+json
	if [[ $ADMIN_STATUS == 200 ]]; then
		say "Gave the demo account its senders: short code $DEMO_SHORT_CODE (its default sender) and long code $DEMO_LONG_CODE"
	else
		say "${YELLOW}note:${RESET} giving the demo account its senders answered HTTP $ADMIN_STATUS: $ADMIN_BODY"
	fi
}

cmd_account() {
	local action=${1:-} id=${2:-} name=${3:-} key number taken i body
	[[ $action == create && -n $id ]] || die "usage: ./local-stack.sh account create <id> [name]"
	[[ $id =~ ^[a-z0-9][a-z0-9_-]{0,62}$ ]] ||
		die "an account id is 1 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit"
	[[ -s $STATE_DIR/admin-key ]] || die "no operator key in .local-stack/admin-key; it is created by ./local-stack.sh start"
	command -v curl >/dev/null 2>&1 || die "account create needs curl"
	# A long code of its own, so it can text at once: the first of ACCOUNT_LONG_CODE_PREFIX
	# 01 to 99 that no account has (one taken meanwhile answers 422: the next is tried).
	admin_call GET /admin/v1/accounts
	[[ $ADMIN_STATUS != 000 ]] || die "campaign-service does not answer on port $CAMPAIGN_PORT; start the stack first"
	[[ $ADMIN_STATUS == 200 ]] || die "listing the accounts answered $ADMIN_STATUS: $ADMIN_BODY"
	taken=" $({ grep -o '"number":"[^"]*"' <<<"${ADMIN_BODY//[[:space:]]/}" || true; } | cut -d'"' -f4 | tr '\n' ' ')"
	number="" ADMIN_STATUS="" ADMIN_BODY=""
	for ((i = 1; i <= 99; i++)); do
		number=$(printf '%s%02d' "$ACCOUNT_LONG_CODE_PREFIX" "$i")
		[[ $taken != *" $number "* ]] || continue
		body=$(printf '{"id": "%s", "name": %s, "senders": [{"number": "%s", "kind": "LONG_CODE"}], "defaultSender": "%s"}' \
			"$id" "$(json_string "${name:-$id}")" "$number" "$number")
		admin_call POST /admin/v1/accounts "$body"
		[[ $ADMIN_STATUS == 422 && $ADMIN_BODY == *'senders[0].number'* ]] || break
		taken+="$number "
	done
	[[ $ADMIN_STATUS != 000 ]] || die "campaign-service does not answer on port $CAMPAIGN_PORT; start the stack first"
	[[ $ADMIN_STATUS != 409 ]] || die "account '$id' exists already"
	[[ $ADMIN_STATUS == 201 ]] || die "creating account '$id' answered ${ADMIN_STATUS:-nothing (no long code of ${ACCOUNT_LONG_CODE_PREFIX}01 to ${ACCOUNT_LONG_CODE_PREFIX}99 is free)}: $ADMIN_BODY"
	admin_call POST "/admin/v1/accounts/$id/keys" '{"name": "local-stack"}'
	key=$(sed -n 's/.*"apiKey":"\([^"]*\)".*/\1/p' <<<"$ADMIN_BODY")
	[[ $ADMIN_STATUS == 201 && -n $key ]] || die "issuing a key for '$id' answered $ADMIN_STATUS: $ADMIN_BODY"
	(
		umask 077
		printf '%s\n' "$key" >"$STATE_DIR/$id-api-key"
	)
	chmod 600 "$STATE_DIR/$id-api-key"
	say "Account '$id' created with the long code $number, its default sender."
	say "Its API key (shown only this once; kept in .local-stack/$id-api-key, readable by you only):"
	say "  $key"
	say "  curl -H \"Authorization: Bearer \$(cat .local-stack/$id-api-key)\" http://localhost:$CAMPAIGN_PORT/api/v1/campaigns"
}

cmd_demo() {
	local count=${1:-200} timeout=${DEMO_TIMEOUT:-60} parallel=${DEMO_PARALLEL:-8}
	(($# <= 1)) || die "usage: ./local-stack.sh demo [count]"
	if ! is_number "$count" || ((count < 1 || count > 5000)); then
		die "count must be a number from 1 to 5000, not '$count'"
	fi
	command -v curl >/dev/null 2>&1 || die "the demo needs curl"
	part_healthy campaign-service ||
		die "campaign-service is not running or not healthy on port $CAMPAIGN_PORT; start the stack with ./local-stack.sh start"
	part_healthy status-service ||
		die "status-service is not running or not healthy on port $STATUS_PORT; start the stack with ./local-stack.sh start"
	[[ -s $STATE_DIR/api-key ]] || die "no demo API key in .local-stack/api-key; it is created by the first ./local-stack.sh start"

	local dir="$STATE_DIR/demo"
	rm -rf "$dir"
	mkdir -p "$dir"
	# shellcheck disable=SC2064 # expand now: $dir is local
	trap "rm -f '$dir/auth-header'" EXIT
	(
		umask 077
		printf 'Authorization: Bearer %s\n' "$(tr -d ' \r\n' <"$STATE_DIR/api-key")" >"$dir/auth-header"
	)
	# shellcheck disable=SC2090 # passed to awk as one argument
	export DEMO_RUN DEMO_TOTAL="$count" DEMO_HEADER_FILE="$dir/auth-header" JSON_FIELD_AWK
	DEMO_RUN="$(date +%H%M%S)-$(rand_hex 2)"
	export DEMO_SEND_URL="http://localhost:$CAMPAIGN_PORT/api/v1/messages"
	export DEMO_STATUS_URL="http://localhost:$STATUS_PORT/api/v1/messages"
	export -f demo_send_one demo_status_one

	# Recipients: distinct ordinary numbers, with the carrier simulator's scenario numbers
	# spread through the batch (one in ten, at most nine).
	local scenarios=(+14152010001 +14152020001 +14152030001 +14152040001 +14152060001 +14152070001
		+14152080001 +14152090001 +14152100001)
	local n_scen=$((count / 10)) i s=0 step
	((n_scen <= ${#scenarios[@]})) || n_scen=${#scenarios[@]}
	step=$((n_scen > 0 ? count / n_scen : count + 1))
	for ((i = 1; i <= count; i++)); do
		if ((s < n_scen && i % step == step / 2)); then
			echo "$i ${scenarios[s]}"
			s=$((s + 1))
		else
			printf '%d +1415555%04d\n' "$i" "$i"
		fi
	done >"$dir/tasks"

	say "${BOLD}Demo${RESET}: sending $count texts to POST $DEMO_SEND_URL ($parallel at a time)"
	local begin=$SECONDS xargs_pid done_count
	: >"$dir/sent" # before the progress loop reads it, not when the first send lands
	xargs -P "$parallel" -L 1 bash -c 'demo_send_one "$@"' _ <"$dir/tasks" >>"$dir/sent" 2>/dev/null &
	xargs_pid=$!
	trap 'kill "$xargs_pid" 2>/dev/null; say ""; die "interrupted"' INT TERM
	while alive "$xargs_pid"; do
		done_count=$(wc -l <"$dir/sent" 2>/dev/null | tr -d ' ')
		progress sending "${done_count:-0}" "$count"
		sleep 0.2
	done
	wait "$xargs_pid" 2>/dev/null || true
	done_count=$(wc -l <"$dir/sent" | tr -d ' ')
	progress sending "$done_count" "$count"
	progress_end sending "$done_count" "$count"
	local send_secs=$((SECONDS - begin))
	awk '$3 ~ /^2/ && $4 != "-" { print $4 }' "$dir/sent" >"$dir/ids"
	local accepted refused
	accepted=$(wc -l <"$dir/ids" | tr -d ' ')
	refused=$((count - accepted))
	say "  accepted $accepted of $count in ${send_secs}s"
	if ((refused > 0)); then
		say "  ${YELLOW}not accepted: $refused${RESET} ($(awk '!($3 ~ /^2/ && $4 != "-") { c[$3 == "000" ? "no answer" : "HTTP " $3]++ }
			END { sep = ""; for (k in c) { printf "%s%s x%d", sep, k, c[k]; sep = ", " } }' "$dir/sent"))"
	fi
	((accepted > 0)) || die "no message was accepted; check ./local-stack.sh logs campaign-service"

	say "Waiting up to ${timeout}s for final statuses from GET $DEMO_STATUS_URL/{id}"
	cp "$dir/ids" "$dir/pending"
	: >"$dir/final"
	local deadline=$((SECONDS + timeout)) final_count pending_count
	while :; do
		xargs -P "$parallel" -L 1 bash -c 'demo_status_one "$@"' _ <"$dir/pending" >"$dir/round" 2>/dev/null || true
		awk -v t=" $TERMINAL_STATUSES " 'index(t, " " $2 " ") > 0' "$dir/round" >>"$dir/final"
		awk -v t=" $TERMINAL_STATUSES " 'index(t, " " $2 " ") == 0' "$dir/round" >"$dir/last"
		cut -d' ' -f1 "$dir/last" >"$dir/pending"
		final_count=$(wc -l <"$dir/final" | tr -d ' ')
		pending_count=$(wc -l <"$dir/pending" | tr -d ' ')
		progress final "$final_count" "$accepted"
		((pending_count > 0 && SECONDS < deadline)) || break
		sleep 1
	done
	progress_end final "$final_count" "$accepted"
	trap - INT TERM

	say ""
	say "${BOLD}Result${RESET} ($count sent, $accepted accepted, $((SECONDS - begin))s in all)"
	{
		cat "$dir/final"
		awk '{ print $1, $2 " (not final yet)" }' "$dir/last"
	} | awk '{ $1 = ""; sub(/^ /, ""); c[$0]++ } END { for (k in c) printf "  %-28s %6d\n", k, c[k] }' | sort -k1,1
	if ((refused > 0)); then
		printf '  %-28s %6d\n' "not accepted by the API" "$refused"
	fi
	local line idx recipient code id status name
	if grep -q ' +14152[01]' "$dir/sent"; then
		say ""
		say "Carrier simulator scenarios in this batch:"
		while read -r idx recipient code id; do
			name=$(scenario_name "$recipient")
			[[ -n $name ]] || continue
			status=$( (grep -h "^$id " "$dir/final" "$dir/last" 2>/dev/null || true) | head -n 1 | cut -d' ' -f2)
			[[ $id == - ]] && status="HTTP $code"
			printf '  %s  %-40s %s\n' "$recipient" "$name" "${status:-?}"
		done < <(grep ' +14152[01]' "$dir/sent" | sort -n)
	fi
	if ((pending_count > 0)); then
		say ""
		say "$pending_count message(s) were not final within ${timeout}s (DEMO_TIMEOUT sets the wait)."
	fi
	say ""
	line=$(head -n 1 "$dir/ids")
	say "Look one up: curl -H \"Authorization: Bearer \$(cat .local-stack/api-key)\" $DEMO_STATUS_URL/$line"
	rm -f "$dir/auth-header"
}

# ---------------------------------------------------------------------------------------
# Benchmark (deploy/bench): drives the running stack, prints a report and a RESULT line
# ---------------------------------------------------------------------------------------

cmd_bench() {
	local jar="deploy/bench/target/bench-$VERSION-exec.jar" part chart
	if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
		[[ -f $jar ]] && exec "$JAVA" -jar "$jar" "$@"
		say "usage: ./local-stack.sh bench [--messages N] [--numbers M] [--rate R] [--repeat-share S] [--via rest|kafka|mixed] ..."
		say "       ./local-stack.sh bench --scenario priority|fairness|cancel|uploads [--leads N] ...   (issue 16 and 17 scenarios)"
		return 0
	fi
	for part in campaign-service dispatch-service status-service; do
		part_healthy "$part" ||
			die "$part is not running or not healthy on port $(part_port "$part"); start the stack with ./local-stack.sh start"
	done
	http_ok "http://localhost:$CARRIER_PORT/health" ||
		die "the carrier simulator is not running on port $CARRIER_PORT; start the stack with ./local-stack.sh start"
	[[ -s $STATE_DIR/api-key && -s $STATE_DIR/carrier.env ]] ||
		die "no credentials in .local-stack/ (api-key, carrier.env); they are written by ./local-stack.sh start"
	check_java
	if [[ ! -f $jar ]]; then
		say "${BOLD}Building the benchmark${RESET}: ./mvnw -q -B -DskipTests -pl deploy/bench -am package"
		./mvnw -q -B -DskipTests -pl deploy/bench -am package || die "the benchmark did not build (see above)"
	fi
	mkdir -p "$STATE_DIR/bench"
	chart="$STATE_DIR/bench/bench-$(date +%Y%m%d-%H%M%S).svg"
	# The stack's ports and credentials first; the caller's options come last and win.
	"$JAVA" -Xmx512m -XX:+UseSerialGC -jar "$jar" --state-dir "$STATE_DIR" \
		--campaign-url "http://localhost:$CAMPAIGN_PORT" --dispatch-url "http://localhost:$DISPATCH_PORT" \
		--status-url "http://localhost:$STATUS_PORT" --carrier-url "http://localhost:$CARRIER_PORT" \
		--registry-url "http://localhost:$SCHEMA_REGISTRY_PORT" --kafka "localhost:$KAFKA_PORT" \
		--chart "$chart" "$@" || die "the benchmark stopped with an error (see above)"
}

# ---------------------------------------------------------------------------------------
# Chaos (deploy/chaos): kills, restarts and outages during a campaign, then an audit
# ---------------------------------------------------------------------------------------

cmd_chaos() {
	local jar="deploy/chaos/target/chaos-$VERSION-exec.jar" part
	if [[ " $* " == *" --help "* || " $* " == *" -h "* || " $* " == *" --list "* ]]; then
		[[ -f $jar ]] && exec "$JAVA" -jar "$jar" "$@"
		say "usage: ./local-stack.sh chaos [scenario...] [--messages N] [--fault-seconds S] [--report FILE] ..."
		return 0
	fi
	for part in $PARTS; do
		part_pid "$part" >/dev/null || die "$part is not running; start the stack with ./local-stack.sh start"
	done
	[[ -s $STATE_DIR/api-key && -s $STATE_DIR/carrier.env ]] ||
		die "no credentials in .local-stack/ (api-key, carrier.env); they are written by ./local-stack.sh start"
	check_java
	if [[ ! -f $jar ]]; then
		say "${BOLD}Building the chaos suite${RESET}: ./mvnw -q -B -DskipTests -pl deploy/chaos -am package"
		./mvnw -q -B -DskipTests -pl deploy/chaos -am package || die "the chaos suite did not build (see above)"
	fi
	# The suite stops, starts and kills parts through this script: it gets the same ports.
	exec env LOCAL_STACK_ROOT="$ROOT" CAMPAIGN_PORT="$CAMPAIGN_PORT" DISPATCH_PORT="$DISPATCH_PORT" \
		STATUS_PORT="$STATUS_PORT" SCHEMA_REGISTRY_PORT="$SCHEMA_REGISTRY_PORT" CARRIER_PORT="$CARRIER_PORT" \
		KAFKA_PORT="$KAFKA_PORT" KAFKA_CONTROLLER_PORT="$KAFKA_CONTROLLER_PORT" POSTGRES_PORT="$POSTGRES_PORT" \
		"$JAVA" -Xmx256m -XX:+UseSerialGC -jar "$jar" "$@"
}

cmd_help() {
	cat <<EOF
${BOLD}local-stack.sh${RESET} - the SMS pipeline on this machine (Kafka, PostgreSQL, schema registry,
carrier simulator, campaign/dispatch/status services), each part its own java process.

Usage: ./local-stack.sh [command]

  start [part...]   Build what is missing, then start every part (or the given ones) that is
                    not running, each waiting for what it needs. The default command.
    --with-monitoring  Also start Prometheus (the installed prometheus server, e.g. Debian's
                    package) on deploy/prometheus/prometheus.yml, with its alert rules; data in
                    .local-stack/prometheus, log in .local-stack/logs/prometheus.log. A full
                    stop stops it too; \`stop prometheus\` stops only it, \`logs prometheus\` follows it.
  stop [part...]    Stop everything (or the given parts) in reverse order; nothing is left running.
  status            Parts, pids, health and URLs.
  restart <part>    Stop and start one part.
  logs <part>       Follow a part's log (.local-stack/logs/<part>.log).
  demo [count]      Send count texts (default 200) through the API and report how they ended.
  account create <id> [name]
                    Create an account through campaign-service's admin API (operator key in
                    .local-stack/admin-key) with a long code of its own as its default sender
                    (the first free one of ${ACCOUNT_LONG_CODE_PREFIX}01 to ${ACCOUNT_LONG_CODE_PREFIX}99), and issue its
                    first API key, printed and written to .local-stack/<id>-api-key (mode 600);
                    it works at once, no restart.
  bench [options]   End-to-end benchmark of the running stack (deploy/bench): --messages N,
                    --numbers M, --rate R, --repeat-share S, --via rest|kafka|mixed (bench --help
                    lists all); prints the figures and a RESULT line, chart in .local-stack/bench/.
  chaos [scenario...] Fault injection suite (deploy/chaos): kill -9 of each service, a Kafka restart,
                    the registry, PostgreSQL and the carrier down for 30 s, each during a 5,000-text
                    campaign; audits every text and prints a table and a CHAOS line per scenario
                    (chaos --list names the scenarios, chaos --help lists the options).
  help              This text.

Parts: $PARTS
       (short names work too: campaign, dispatch, status, registry, carrier, pg)

Ports (environment, default): CAMPAIGN_PORT $CAMPAIGN_PORT, DISPATCH_PORT $DISPATCH_PORT, STATUS_PORT $STATUS_PORT,
  SCHEMA_REGISTRY_PORT $SCHEMA_REGISTRY_PORT, CARRIER_PORT $CARRIER_PORT, KAFKA_PORT $KAFKA_PORT,
  KAFKA_CONTROLLER_PORT $KAFKA_CONTROLLER_PORT, POSTGRES_PORT $POSTGRES_PORT, PROMETHEUS_PORT $PROMETHEUS_PORT.
  Each service's management port (/actuator/health, /actuator/prometheus) is its port + 1000
  (9081, 9082, 9083 by default); the service port keeps /livez and /readyz.
Other settings: STOP_TIMEOUT (seconds before SIGKILL, $STOP_TIMEOUT), LOCAL_STACK_JAVA_OPTS (extra JVM
  options), DEMO_TIMEOUT (seconds the demo waits for final statuses, 60), DEMO_PARALLEL (8).

State in .local-stack/: <part>.pid, logs/, kafka/ and postgres/ data (kept across restarts),
carrier.env (generated carrier account SID and auth token), api-key (the 'demo' account's API
key, mode 600; demo texts from the short code $DEMO_SHORT_CODE by default and owns the long code
$DEMO_LONG_CODE too, given at the first start), admin-key (the operator key of the accounts admin API, mode 600). PostgreSQL: user $DATABASE_USERNAME, password $DATABASE_PASSWORD, databases campaign, dispatch,
status (local connections are trusted). Delete .local-stack/ (when stopped) to start from scratch.
EOF
}

main() {
	# --with-monitoring may stand anywhere: `./local-stack.sh --with-monitoring` is a start.
	local arg rest=()
	for arg in "$@"; do
		if [[ $arg == --with-monitoring ]]; then WITH_MONITORING=1; else rest+=("$arg"); fi
	done
	set -- "${rest[@]+"${rest[@]}"}"
	local command=${1:-start}
	(($# == 0)) || shift
	case "$command" in
	start | up)
		# Prometheus first: cmd_start exits when the stack already runs.
		if ((WITH_MONITORING)); then start_monitoring; fi
		cmd_start "$@"
		;;
	stop | down)
		if [[ " $* " == *" prometheus "* ]]; then cmd_stop_prometheus "$@"; else cmd_stop "$@"; fi
		;;
	status | ps) cmd_status ;;
	restart) cmd_restart "$@" ;;
	logs | log)
		if [[ $* == prometheus ]]; then cmd_logs_prometheus; else cmd_logs "$@"; fi
		;;
	demo) cmd_demo "$@" ;;
	account) cmd_account "$@" ;;
	bench) cmd_bench "$@" ;;
	chaos) cmd_chaos "$@" ;;
	help | -h | --help) cmd_help ;;
	*)
		err "unknown command '$command'"
		cmd_help >&2
		exit 2
		;;
	esac
}

main "$@"
