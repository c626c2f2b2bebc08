#!/bin/sh
# Run once by docker-compose's kafka-init container (apache/kafka image) when the cluster is up:
# creates each principal's SCRAM credentials, the platform's topics and their dead-letter topics,
# and the ACLs of ../acl-table.txt. Every step is idempotent, so a re-run changes nothing.
#
#   kafka-init.sh               do it (needs KAFKA_BOOTSTRAP, KAFKA_ADMIN_PASSWORD and one
#                               KAFKA_PASSWORD_<PRINCIPAL> per principal, e.g. KAFKA_PASSWORD_GRADE_INGEST)
#   kafka-init.sh --print-acls  only print the kafka-acls arguments, one command per line (tests)
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
TABLE="${KAFKA_ACL_TABLE:-$HERE/../acl-table.txt}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"

rows() {
  grep -v '^[[:space:]]*#' "$TABLE" | grep -v '^[[:space:]]*$'
}

# One line of kafka-acls arguments per grant; a consumer of several topics is granted its group once.
acl_arguments() {
  rows | while read -r topic owners consumers; do
    for owner in $(echo "$owners" | tr ',' ' '); do
      echo "--add --allow-principal User:$owner --operation Write --topic $topic"
    done
    [ "$consumers" = "-" ] && continue
    for consumer in $(echo "$consumers" | tr ',' ' '); do
      echo "--add --allow-principal User:$consumer --operation Read --topic $topic"
      echo "--add --allow-principal User:$consumer --operation Write --topic $topic.dlq"
      echo "--add --allow-principal User:$consumer --operation Read --group $consumer"
    done
  done | awk '!seen[$0]++'
}

principals() {
  rows | while read -r _topic owners consumers; do
    echo "$owners" | tr ',' '\n'
    [ "$consumers" = "-" ] || echo "$consumers" | tr ',' '\n'
  done | sort -u
}

if [ "${1:-}" = "--print-acls" ]; then
  acl_arguments
  exit 0
fi

: "${KAFKA_BOOTSTRAP:?set KAFKA_BOOTSTRAP to the brokers, e.g. kafka-1:9092,kafka-2:9092,kafka-3:9092}"
: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD: the brokers super user's password}"
PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-6}"
REPLICATION="${KAFKA_TOPIC_REPLICATION:-3}"

# Passwords go into kafka-configs' [key=value,...] syntax and a JAAS line, where brackets, commas,
# quotes and spaces would break them; `openssl rand -hex 24` makes a suitable one.
check_password() {
  if ! printf '%s' "$2" | grep -Eq '^[A-Za-z0-9._~-]{16,}$'; then
    echo "kafka-init: $1 must be at least 16 characters of letters, digits, '.', '_', '~' or '-'" >&2
    exit 1
  fi
}
check_password KAFKA_ADMIN_PASSWORD "$KAFKA_ADMIN_PASSWORD"

# The super user's client settings, in a file only this container reads.
umask 077
ADMIN_CONFIG=$(mktemp)
trap 'rm -f "$ADMIN_CONFIG"' EXIT
cat > "$ADMIN_CONFIG" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES

for principal in $(principals); do
  variable="KAFKA_PASSWORD_$(echo "$principal" | tr 'a-z-' 'A-Z_')"
  password=$(printenv "$variable" || true)
  if [ -z "$password" ]; then
    echo "kafka-init: $variable is not set (the SASL password of the '$principal' principal)" >&2
    exit 1
  fi
  check_password "$variable" "$password"
  # One mechanism per request: the broker refuses two changes to one user's credentials in one.
  for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do
    echo "kafka-init: $mechanism credentials for $principal"
    "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$ADMIN_CONFIG" --alter \
      --add-config "$mechanism=[password=$password]" --entity-type users --entity-name "$principal" > /dev/null
  done
done

rows | while read -r topic _owner consumers; do
  for name in "$topic" $([ "$consumers" = "-" ] || echo "$topic.dlq"); do
    echo "kafka-init: topic $name"
    "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$ADMIN_CONFIG" --create --if-not-exists \
      --topic "$name" --partitions "$PARTITIONS" --replication-factor "$REPLICATION" > /dev/null
  done
done

acl_arguments | while read -r arguments; do
  echo "kafka-init: kafka-acls $arguments"
  # shellcheck disable=SC2086 # the arguments are words by design
  "$KAFKA_BIN/kafka-acls.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$ADMIN_CONFIG" $arguments > /dev/null
done
echo "kafka-init: done"
