package io.creativeflow.keycloak.otp.sms;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The network a request came from, as the per-IP cap counts it: an IPv4 address as it is, an IPv6
 * address by its /64 (one customer's allocation: a /64 holds 2^64 addresses, so counting single
 * addresses would count nothing). The address is the one Keycloak resolved for the request (with
 * its proxy-headers option, the client's; without it behind a proxy, the proxy's, and the cap
 * becomes one cap for everybody). Kept only as a hash.
 */
final class ClientNetwork {

    private ClientNetwork() {
    }

    /** The hashed network of {@code address}, or null when there is none. */
    static String key(String address) {
        String network = network(address);
        return network == null ? null : hash(network);
    }

    static String network(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String literal = address.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        // Only literals reach InetAddress: it would resolve a host name.
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return "other:" + literal.toLowerCase(Locale.ROOT);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return "other:" + literal.toLowerCase(Locale.ROOT);
        }
        if (bytes.length == 4) {
            return "v4:" + (bytes[0] & 0xff) + '.' + (bytes[1] & 0xff) + '.' + (bytes[2] & 0xff) + '.' + (bytes[3] & 0xff);
        }
        return "v6:" + HexFormat.of().formatHex(bytes, 0, 8) + "/64";
    }

    private static String hash(String network) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(network.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
