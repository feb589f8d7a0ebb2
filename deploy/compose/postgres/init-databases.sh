#!/bin/bash
# Runs once, when the PostgreSQL data volume is empty (docker-entrypoint-initdb.d):
# one database per service, each owned by its own login role, so no service can read
# another's tables. Passwords come from the container's environment (compose.yaml).
set -euo pipefail

for service in campaign dispatch status; do
  password_var="${service^^}_DB_PASSWORD"
  password="${!password_var:?$password_var is not set}"
  # psql substitutes :"name" (identifier) and :'value' (literal) safely quoted.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=name="$service" --set=password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  echo "created database and role $service"
done
