#!/bin/sh
# Starts one node of docker-compose's three-node KRaft cluster (apache/kafka image). Every
# listener authenticates: clients and brokers with SCRAM on SASL_PLAINTEXT, controllers with PLAIN
# from the super user only (KRaft controllers cannot check SCRAM: those credentials live in the
# metadata they serve). The StandardAuthorizer refuses whatever no ACL allows; kafka-init.sh grants
# the platform's ACLs from ../acl-table.txt. The same settings, for one local node, are what
# infra/kafka/broker.mjs writes for the tests' secured broker.
set -eu
: "${KAFKA_NODE_ID:?set KAFKA_NODE_ID (1, 2 or 3)}"
: "${KAFKA_CLUSTER_ID:?set KAFKA_CLUSTER_ID (kafka-storage.sh random-uuid)}"
: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD: the super user brokers and kafka-init authenticate as}"
: "${KAFKA_CONTROLLER_QUORUM_VOTERS:=1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093}"
: "${KAFKA_ADVERTISED_HOST:=kafka-$KAFKA_NODE_ID}"

if ! printf '%s' "$KAFKA_ADMIN_PASSWORD" | grep -Eq '^[A-Za-z0-9._~-]{16,}$'; then
  echo "start-node: KAFKA_ADMIN_PASSWORD must be at least 16 characters of letters, digits, '.', '_', '~' or '-'" >&2
  exit 1
fi

# Holds the super user's password: readable by this container's user only.
umask 077
CONFIG=/tmp/server.properties
CLIENT_CONFIG=/tmp/admin-client.properties
SCRAM_LOGIN="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$KAFKA_ADMIN_PASSWORD\";"

cat > "$CONFIG" <<PROPERTIES
process.roles=broker,controller
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_CONTROLLER_QUORUM_VOTERS
controller.listener.names=CONTROLLER
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=SASL_PLAINTEXT://$KAFKA_ADVERTISED_HOST:9092
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
inter.broker.listener.name=SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=$SCRAM_LOGIN
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$SCRAM_LOGIN
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD" user_admin="$KAFKA_ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=/var/lib/kafka/data
num.partitions=6
default.replication.factor=3
min.insync.replicas=2
auto.create.topics.enable=false
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
PROPERTIES

# For the health check (kafka-broker-api-versions.sh needs to authenticate too).
cat > "$CLIENT_CONFIG" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$SCRAM_LOGIN
PROPERTIES

# The super user's SCRAM credentials must exist before any broker can talk to another, so they are
# written with the storage (KIP-900); the services' users come later, from kafka-init.sh.
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$KAFKA_CLUSTER_ID" -c "$CONFIG" \
  --add-scram "SCRAM-SHA-256=[name=admin,password=$KAFKA_ADMIN_PASSWORD]" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]"

exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"
