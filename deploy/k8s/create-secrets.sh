#!/usr/bin/env bash
# Creates the one secret the manifests read but do not contain: nats-users, one random password per NATS user
# (auth, tickets, orders, payments, expiration, admin). The NATS nodes and each service read it from the cluster;
# it never exists as a file in the repository. The database passwords need nothing: CloudNativePG generates them
# (secrets <service>-db-app). docs/deploy.md, "Secrets".
#
#   deploy/k8s/create-secrets.sh [namespace]     (default: ticketing; KUBECTL picks the kubectl, default kubectl)
#
# An existing secret is left alone. To rotate: delete it, run this again, then restart NATS and the services
# (kubectl -n ticketing rollout restart statefulset/nats deployment).
set -euo pipefail

NAMESPACE="${1:-ticketing}"
KUBECTL="${KUBECTL:-kubectl}"
USERS=(auth tickets orders payments expiration admin)

if "$KUBECTL" -n "$NAMESPACE" get secret nats-users >/dev/null 2>&1; then
  echo "secret nats-users already exists in namespace $NAMESPACE: left as it is"
  exit 0
fi

# Letters and digits, starting with a letter: nats-server parses an environment variable's value like a value of its
# configuration file, so a password of digits only would become a number (nats.conf). 31 random characters of 62.
random_password() {
  local raw
  raw="$(head -c 64 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')"
  printf 'p%s' "${raw:0:31}"
}

# the namespace the manifests create, created ahead so that the secret can go in first (apply keeps its labels)
"$KUBECTL" create namespace "$NAMESPACE" --dry-run=client -o yaml | "$KUBECTL" apply -f - >/dev/null

# through a private temporary file, not the command line, where other users could read the passwords
umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for user in "${USERS[@]}"; do
  echo "$user=$(random_password)"
done >"$work/nats-users.env"
"$KUBECTL" -n "$NAMESPACE" create secret generic nats-users --from-env-file="$work/nats-users.env" >/dev/null
echo "secret nats-users created in namespace $NAMESPACE (${USERS[*]})"
