#!/usr/bin/env bash
# Container entrypoint: derives Keycloak's database settings from the spec's DATABASE_URL (the same
# script ./run.sh uses), then hands over to kc.sh.
set -euo pipefail
. /opt/keycloak/bin/keycloak-env.sh
exec /opt/keycloak/bin/kc.sh "$@"
