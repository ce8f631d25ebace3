#!/usr/bin/env bash
# Runs CreativeFlow Identity on this machine, no Docker needed: builds the jars if needed, fetches
# Keycloak 26.7.3 from Maven Central, installs our providers, themes and realm, starts a local mail
# capture, and starts Keycloak on http://localhost:8080 (H2 by default, PostgreSQL with DATABASE_URL).
#
#   ./run.sh            start (Ctrl+C stops Keycloak and the mail capture)
#   ./run.sh --reset    forget the local database and generated secrets first
#
# Configuration: environment variables, or a .env file next to this script (see .env.example).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN_DIR="$ROOT/.run"
KEYCLOAK_VERSION="$(sed -n 's#.*<keycloak.version>\(.*\)</keycloak.version>.*#\1#p' "$ROOT/pom.xml")"
KC_HOME="$RUN_DIR/keycloak-$KEYCLOAK_VERSION"
GREENMAIL_VERSION="2.1.8"
MVN="$ROOT/mvnw"

say() { printf '\033[1;35m[creativeflow]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[creativeflow]\033[0m %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null || die "Java 17 or newer is required (e.g. 'apt install openjdk-17-jdk')."
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
[ "${java_major%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is required, found $java_major."

if [ "${1:-}" = "--reset" ]; then
  shift
  say "Removing the local Keycloak, its database and generated secrets ($RUN_DIR)"
  rm -rf "$RUN_DIR"
fi
mkdir -p "$RUN_DIR"

if [ -f "$ROOT/.env" ]; then
  say "Reading $ROOT/.env"
  set -a; . "$ROOT/.env"; set +a
fi

# Secrets with no safe default are generated once per checkout and kept in .run/.
secret_file() {
  local file="$RUN_DIR/$1"
  [ -s "$file" ] || (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file")
  cat "$file"
}
export CREATIVEFLOW_API_CLIENT_SECRET="${CREATIVEFLOW_API_CLIENT_SECRET:-$(secret_file api-client-secret)}"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-$(secret_file admin-password)}"

# 1. Our jars: built when missing or older than the sources.
shipped="$ROOT/distribution/target/keycloak"
if [ ! -d "$shipped/providers" ] || [ -n "$(find "$ROOT/providers/src" "$ROOT/themes/src" "$ROOT/realm-config/creativeflow-realm.json" "$ROOT/pom.xml" -newer "$shipped/providers" -print -quit 2>/dev/null)" ]; then
  say "Building the providers, themes and realm (./mvnw package)"
  "$MVN" -B -q -DskipTests -pl distribution -am package
  touch "$shipped/providers"
fi

# 2. Keycloak itself, from Maven Central.
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  say "Fetching Keycloak $KEYCLOAK_VERSION from Maven Central"
  "$MVN" -B -q dependency:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$RUN_DIR"
  chmod +x "$KC_HOME"/bin/*.sh
fi

# 3. Install what we ship (and only that) into Keycloak.
rm -f "$KC_HOME"/providers/*.jar
cp "$shipped"/providers/*.jar "$KC_HOME/providers/"
mkdir -p "$KC_HOME/data/import"
cp "$shipped"/import/*-realm.json "$KC_HOME/data/import/"

# 4. A mail capture, unless a real SMTP server is configured.
MAIL_PID=""
if [ -z "${EMAIL_HOST:-}" ]; then
  greenmail="$RUN_DIR/greenmail-standalone-$GREENMAIL_VERSION.jar"
  if [ ! -f "$greenmail" ]; then
    say "Fetching the GreenMail mail capture from Maven Central"
    "$MVN" -B -q dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" -DoutputDirectory="$RUN_DIR"
  fi
  java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port=3025 \
       -Dgreenmail.auth.disabled -Dgreenmail.verbose \
       -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=8025 \
       -jar "$greenmail" > "$RUN_DIR/mail.log" 2>&1 &
  MAIL_PID=$!
  export EMAIL_HOST=127.0.0.1 EMAIL_PORT=3025 EMAIL_USE_TLS=false
fi
# SMS codes: without a Twilio key they go to the log gateway's outbox, so the local run can offer them
# (the server uses that gateway only when told so: it writes codes down).
if [ -z "${SMS_PROVIDER_API_KEY:-}" ]; then
  export EnableMFA_SMS="${EnableMFA_SMS:-true}"
  export SMS_PROVIDER_GATEWAY="${SMS_PROVIDER_GATEWAY:-log}"
  export SMS_OUTBOX_FILE="${SMS_OUTBOX_FILE:-$KC_HOME/data/sms-outbox.jsonl}"
fi
cleanup() { [ -n "$MAIL_PID" ] && kill "$MAIL_PID" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# 5. Keycloak's own settings derived from the spec's variables (database).
. "$ROOT/bin/keycloak-env.sh"

cat <<INFO

  CreativeFlow Identity (Keycloak $KEYCLOAK_VERSION) is starting on http://localhost:8080
  Admin console:   http://localhost:8080/admin/   user: $KC_BOOTSTRAP_ADMIN_USERNAME   password: $KC_BOOTSTRAP_ADMIN_PASSWORD
  Account console: http://localhost:8080/realms/creativeflow/account/
  OIDC discovery:  http://localhost:8080/realms/creativeflow/.well-known/openid-configuration
  Database:        ${KC_DB_URL:-embedded H2 in $KC_HOME/data}
INFO
if [ -n "$MAIL_PID" ]; then
  cat <<INFO
  Emails:          captured locally, not delivered: http://localhost:8025 (GreenMail API),
                   e.g. curl http://localhost:8025/api/user/you@example.com/messages/INBOX ; raw log $RUN_DIR/mail.log
INFO
fi
if [ -z "${SMS_PROVIDER_API_KEY:-}" ]; then
  cat <<INFO
  SMS codes:       not sent (log gateway): tail -f $SMS_OUTBOX_FILE
INFO
fi
echo

"$KC_HOME/bin/kc.sh" start-dev --import-realm --http-port=8080 --cache=local --health-enabled=true --metrics-enabled=true "$@" &
KC_PID=$!
trap 'kill $KC_PID 2>/dev/null; cleanup' INT TERM
wait $KC_PID
