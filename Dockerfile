# CreativeFlow Identity: Keycloak 26.7.3 with our providers, themes and realm.
# Built from the same artifacts as ./run.sh (distribution/target/keycloak).
#   docker compose up --build      (see docker-compose.yml)

# --- 1. Build the jars (only a JDK is needed: the Maven wrapper fetches Maven) ---------------------
FROM eclipse-temurin:17-jdk AS jars
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY providers/ providers/
COPY themes/ themes/
COPY realm-config/ realm-config/
COPY distribution/ distribution/
COPY integration-tests/pom.xml integration-tests/pom.xml
RUN ./mvnw -B -q -DskipTests -pl distribution -am package

# --- 2. Build an optimized Keycloak with them ----------------------------------------------------
FROM quay.io/keycloak/keycloak:26.7.3 AS builder
ENV KC_DB=postgres \
    KC_HEALTH_ENABLED=true \
    KC_METRICS_ENABLED=true
COPY --from=jars /src/distribution/target/keycloak/providers/ /opt/keycloak/providers/
RUN /opt/keycloak/bin/kc.sh build

# --- 3. The runtime image --------------------------------------------------------------------------
FROM quay.io/keycloak/keycloak:26.7.3
COPY --from=builder /opt/keycloak/ /opt/keycloak/
COPY --from=jars /src/distribution/target/keycloak/import/ /opt/keycloak/data/import/
COPY bin/keycloak-env.sh bin/container-entrypoint.sh /opt/keycloak/bin/
ENTRYPOINT ["/opt/keycloak/bin/container-entrypoint.sh"]
CMD ["start", "--optimized", "--import-realm"]
