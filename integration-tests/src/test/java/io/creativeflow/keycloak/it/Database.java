package io.creativeflow.keycloak.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Keycloak's own database, read directly, when the tests run on PostgreSQL (CI sets
 * KC_TEST_DATABASE_URL). On the embedded H2 of a local run the server holds the database alone.
 */
final class Database {

    private Database() {
    }

    static boolean available() {
        String url = System.getenv("KC_TEST_DATABASE_URL");
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getenv("KC_TEST_DATABASE_URL"),
                System.getenv("KC_TEST_DATABASE_USER"), System.getenv("KC_TEST_DATABASE_PASSWORD"));
    }

    /** The first column of the first row of {@code sql} with {@code parameters}, as text. */
    static Optional<String> first(String sql, Object... parameters) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        }
    }
}
