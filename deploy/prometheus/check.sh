#!/usr/bin/env bash
#
# check.sh - offline checks of the monitoring artefacts, run by .ci/run:
#   1. promtool check config on the local stack's and the Compose deployment's prometheus.yml
#   2. promtool check rules alerts.yml
#   3. promtool test rules alerts.test.yml (the alerts fire on faulty series, stay quiet on healthy ones)
#   4. every PromQL expression of the Grafana dashboards parses (promtool check rules on a
#      throw-away recording-rules file generated from the dashboards' `expr` fields)
# Runs every check, then exits 1 if any failed (2 if a tool is missing).
#
# Needs promtool (Debian: apt-get install prometheus, which also installs a prometheus
# system service: .ci/run stops and disables it) and jq.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
DEPLOY=$(dirname "$HERE")

missing=()
command -v promtool >/dev/null 2>&1 || missing+=("promtool (Debian/Ubuntu: apt-get install prometheus; or the prometheus release tarball from prometheus.io)")
command -v jq >/dev/null 2>&1 || missing+=("jq (apt-get install jq)")
if ((${#missing[@]})); then
  for tool in "${missing[@]}"; do
    echo "check.sh: missing $tool" >&2
  done
  exit 2
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failed=()

# Runs one named check, its output indented; remembers a failure (pipefail: the check's
# status, not sed's) and goes on, so one run shows every problem.
check() {
  local name=$1
  shift
  echo "== $name"
  "$@" 2>&1 | sed 's/^/   /' || failed+=("$name")
}

check "prometheus.yml (local stack)" promtool check config "$HERE/prometheus.yml"

# The Compose config expects alerts.yml beside it (both are mounted into /etc/prometheus),
# so it is checked in a copy of that layout.
if [[ -f $DEPLOY/compose/prometheus.yml ]]; then
  mkdir -p "$WORK/compose"
  cp "$DEPLOY/compose/prometheus.yml" "$HERE/alerts.yml" "$WORK/compose/"
  check "prometheus.yml (compose)" promtool check config "$WORK/compose/prometheus.yml"
fi

check "alerts.yml" promtool check rules "$HERE/alerts.yml"
check "alerts.test.yml" promtool test rules "$HERE/alerts.test.yml"

# Grafana's own variables are not PromQL; give them representative values first.
dashboard_rules() {
  local dashboard=$1 out=$2 count
  count=$(jq '[.. | objects | select(has("expr")) | .expr] | length' "$dashboard") || return 1
  if ((count == 0)); then
    echo "no expr in $dashboard"
    return 1
  fi
  {
    echo "# generated from $dashboard by check.sh"
    echo "groups:"
    echo "  - name: dashboard-expressions"
    echo "    rules:"
    jq -r '[.. | objects | select(has("expr")) | .expr]
      | to_entries[]
      | "      - record: dashboard_expr_\(.key)\n        expr: \(.value
        | gsub("\\$__rate_interval"; "5m") | gsub("\\$__interval"; "1m") | gsub("\\$__range"; "1h")
        | tojson)"' "$dashboard"
  } >"$out" || return 1
  echo "$count expressions"
  promtool check rules "$out"
}

shopt -s nullglob
dashboards=("$DEPLOY"/grafana/dashboards/*.json)
if ((${#dashboards[@]} == 0)); then
  echo "== grafana dashboards"
  echo "   none found in $DEPLOY/grafana/dashboards"
  failed+=("grafana dashboards")
fi
for dashboard in "${dashboards[@]}"; do
  check "$(basename "$dashboard") expressions" dashboard_rules "$dashboard" "$WORK/$(basename "$dashboard" .json).rules.yml"
done

echo
if ((${#failed[@]})); then
  echo "check.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "check.sh: all monitoring checks passed"
