package io.mqscope.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC over UTF-8 text, with the algorithm names vendors use (hmacsha1, sha256, md5...). */
final class Hmac {
    private Hmac() {
    }

    /** Java algorithm name for a vendor method name such as {@code hmacsha256}, {@code sha1} or {@code md5}. */
    static String javaName(String method) {
        String m = method.toLowerCase(java.util.Locale.ROOT);
        if (m.startsWith("hmac")) {
            m = m.substring(4);
        }
        return switch (m) {
            case "sha1" -> "HmacSHA1";
            case "sha256" -> "HmacSHA256";
            case "md5" -> "HmacMD5";
            default -> throw new IllegalArgumentException(method);
        };
    }

    static byte[] mac(String javaAlgorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(javaAlgorithm);
            // An empty key is legal for HMAC but SecretKeySpec refuses it; a single zero byte is equivalent (RFC 2104
            // pads keys with zeros to the block size).
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, javaAlgorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC " + javaAlgorithm + " unavailable", e);
        }
    }

    static byte[] mac(String javaAlgorithm, String key, String data) {
        return mac(javaAlgorithm, key.getBytes(StandardCharsets.UTF_8), data);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
