#!/bin/sh
# Temporal's two databases on the compose PostgreSQL, created and migrated to the schema of this admin-tools
# release. Every step is idempotent (create-database and setup-schema keep what exists; update-schema applies only
# newer versions), so the job runs before every start of the server, which is how server upgrades get their schema.
set -eu

export SQL_PLUGIN=postgres12 SQL_HOST="$POSTGRES_SEEDS" SQL_PORT="$DB_PORT" SQL_USER="$POSTGRES_USER" SQL_PASSWORD="$POSTGRES_PWD"

for pair in temporal:temporal temporal_visibility:visibility; do
  export SQL_DATABASE="${pair%%:*}"
  temporal-sql-tool create-database
  temporal-sql-tool setup-schema -v 0.0
  temporal-sql-tool update-schema -d "/etc/temporal/schema/postgresql/v12/${pair#*:}/versioned"
done
echo "Temporal schemas are current"
