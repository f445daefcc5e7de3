package io.mqscope.auth;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** Reads and validates signing inputs by name; every failure names the input. */
final class Params {
    private final Map<String, String> map;

    Params(Map<String, String> map) {
        this.map = map == null ? Map.of() : map;
    }

    String optional(String name) {
        String v = map.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String required(String name) {
        String v = map.get(name);
        if (v == null) {
            throw new SigningException(name, name + " is required");
        }
        if (v.isBlank()) {
            throw new SigningException(name, name + " must not be empty");
        }
        return v;
    }

    String or(String name, String fallback) {
        String v = optional(name);
        return v == null ? fallback : v;
    }

    /** A decimal number given as text; kept as text so that leading digits are signed exactly as given. */
    String digits(String name, boolean required) {
        String v = required ? required(name) : optional(name);
        if (v == null) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                throw new SigningException(name, name + " must be a non-negative integer, not '" + v + "' (column "
                        + (i + 1) + ")");
            }
        }
        return v;
    }

    Integer integer(String name, int min, int max) {
        String v = digits(name, false);
        if (v == null) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SigningException(name, name + " is too large: " + v);
        }
        if (n < min || n > max) {
            throw new SigningException(name, name + " must be between " + min + " and " + max + ", not " + v);
        }
        return (int) n;
    }

    String oneOf(String name, String fallback, String... allowed) {
        String v = or(name, fallback);
        String lower = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(lower)) {
                return a;
            }
        }
        throw new SigningException(name, name + " must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
    }

    byte[] base64(String name) {
        String v = required(name);
        try {
            return Base64.getDecoder().decode(v.trim());
        } catch (IllegalArgumentException e) {
            throw new SigningException(name, name + " must be Base64 (as shown in the console): " + e.getMessage());
        }
    }
}
