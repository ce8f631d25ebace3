#!/usr/bin/env bash
# Derives Keycloak's own settings from the spec's variables. Sourced by run.sh (local run) and by the
# container entrypoint, so both start Keycloak the same way.
#
# Only what Keycloak reads before any provider runs lives here (the database). Everything the realm
# needs (token lifetimes, SMTP, clients) is derived inside Keycloak by the cf-settings provider.

cf_fail() {
  echo "CreativeFlow Identity: $*" >&2
  exit 64
}

# DATABASE_URL, as the spec writes it: postgresql://user:password@host:port/database
# (postgres://, postgresql+asyncpg:// and jdbc:postgresql:// are accepted too). Unset: Keycloak's
# embedded H2 database in start-dev, which suits a laptop and nothing else.
if [ -n "${DATABASE_URL:-}" ] && [ -z "${KC_DB_URL:-}" ]; then
  cf_url="${DATABASE_URL#jdbc:}"
  case "$cf_url" in
    postgres://*|postgresql://*|postgresql+*://*) ;;
    *) cf_fail "DATABASE_URL must be a PostgreSQL URL (postgresql://user:password@host:5432/db), got '${DATABASE_URL%%://*}://…'" ;;
  esac
  cf_rest="${cf_url#*://}"
  cf_userinfo=""
  case "$cf_rest" in
    *@*) cf_userinfo="${cf_rest%@*}"; cf_rest="${cf_rest##*@}" ;;
  esac
  cf_hostport="${cf_rest%%/*}"
  cf_dbname="${cf_rest#*/}"
  [ "$cf_dbname" = "$cf_rest" ] && cf_fail "DATABASE_URL names no database (…/database)"
  cf_dbname="${cf_dbname%%\?*}"
  export KC_DB=postgres
  export KC_DB_URL="jdbc:postgresql://${cf_hostport}/${cf_dbname}"
  if [ -n "$cf_userinfo" ]; then
    export KC_DB_USERNAME="${KC_DB_USERNAME:-${cf_userinfo%%:*}}"
    case "$cf_userinfo" in
      *:*) export KC_DB_PASSWORD="${KC_DB_PASSWORD:-${cf_userinfo#*:}}" ;;
    esac
  fi
  unset cf_url cf_rest cf_userinfo cf_hostport cf_dbname
fi
