#!/bin/sh
# What Callflow needs in its Temporal namespace: the namespace (created when missing) and the keyword search
# attributes every call carries (workflows/src/contracts.ts CALL_SEARCH_ATTRIBUTES). Idempotent. Run with the
# `temporal` CLI of temporalio/admin-tools by the compose `temporal-namespace` job and the Helm chart's hook Job.
# Environment: TEMPORAL_ADDRESS (host:port), TEMPORAL_NAMESPACE (default "default"),
# TEMPORAL_NAMESPACE_RETENTION (default 30d: how long closed calls stay in Temporal; call_histories keeps them longer).
set -eu

namespace="${TEMPORAL_NAMESPACE:-default}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-30d}"
attributes="CallflowTenant CallflowFlow CallflowFlowVersion CallflowCaller CallflowCalled CallflowOutcome"

# Runs "$@" until it succeeds, at most 60 times 2 s apart (the frontend starting, a new namespace not yet cached).
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 60 ]; then
      echo "giving up after $attempt attempts: $*" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
}

retry temporal operator cluster health
if ! temporal operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  echo "creating namespace $namespace (retention $retention)"
  retry temporal operator namespace create --namespace "$namespace" --retention "$retention"
fi
# Listed once into a variable: `grep -q` closing a pipe early would fail the CLI with SIGPIPE.
registered="$(retry temporal operator search-attribute list --namespace "$namespace")"
for name in $attributes; do
  if printf '%s\n' "$registered" | grep -qw "$name"; then
    continue
  fi
  echo "registering search attribute $name (Keyword) in $namespace"
  retry temporal operator search-attribute create --namespace "$namespace" --name "$name" --type Keyword
done
echo "namespace $namespace is ready for Callflow"
