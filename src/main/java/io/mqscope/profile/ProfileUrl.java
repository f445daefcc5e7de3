package io.mqscope.profile;

import io.mqscope.payload.ParseResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A profile as a URL: {@code scheme://[user[:password]@]host[:port][/path]}. Schemes: mqtt (tcp, alias tcp://),
 * mqtts (tls, aliases ssl://, tls://), ws, wss. User info is percent-decoded; IPv6 hosts go in brackets; a missing
 * port means the scheme's registered port ({@link #defaultPort}: 1883, 8883, and 80/443 for ws/wss as in RFC 6455,
 * so {@code wss://host/mqtt} reaches an nginx on 443); the path is the WebSocket path and is only allowed for ws/wss.
 * Only transport, host, port, username, password and the WebSocket path travel in a URL;
 * {@link #parse(String, Profile)} keeps every other field of a base profile.
 */
public final class ProfileUrl {
    private ProfileUrl() {
    }

    /** The port a URL of this transport means when it names none: 1883, 8883, 80, 443. */
    public static int defaultPort(Transport t) {
        return switch (t) {
            case TCP -> 1883;
            case TLS -> 8883;
            case WS -> 80;
            case WSS -> 443;
        };
    }

    public static ParseResult<Profile> parse(String url) {
        return parse(url, Profile.builder().build());
    }

    /** Parses {@code url} onto {@code base}: the URL's fields replace the base's, everything else is kept. */
    public static ParseResult<Profile> parse(String url, Profile base) {
        if (url == null || url.isBlank()) {
            return ParseResult.errorAt("", 0, "empty URL; expected e.g. mqtt://host:1883");
        }
        String s = url;
        int lead = 0;
        while (lead < s.length() && Character.isWhitespace(s.charAt(lead))) {
            lead++;
        }
        int end = s.length();
        while (end > lead && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        int sep = s.indexOf("://", lead);
        if (sep < 0) {
            return ParseResult.errorAt(url, lead, "missing scheme: expected mqtt://, mqtts://, ws:// or wss://");
        }
        String scheme = s.substring(lead, sep).toLowerCase(Locale.ROOT);
        Transport transport = switch (scheme) {
            case "mqtt", "tcp" -> Transport.TCP;
            case "mqtts", "ssl", "tls", "mqtt+ssl" -> Transport.TLS;
            case "ws" -> Transport.WS;
            case "wss" -> Transport.WSS;
            default -> null;
        };
        if (transport == null) {
            return ParseResult.errorAt(url, lead, "unknown scheme '" + s.substring(lead, sep)
                    + "': expected mqtt, mqtts, ws or wss (or tcp, ssl, tls)");
        }
        int authStart = sep + 3;
        int authEnd = authStart;
        while (authEnd < end && "/?#".indexOf(s.charAt(authEnd)) < 0) {
            authEnd++;
        }
        if (authEnd < end && s.charAt(authEnd) != '/') {
            return ParseResult.errorAt(url, authEnd, "query and fragment are not supported in a profile URL");
        }
        int at = s.lastIndexOf('@', authEnd - 1);
        String username = null;
        String password = null;
        int hostStart = authStart;
        if (at >= authStart) {
            int colon = s.indexOf(':', authStart);
            int userEnd = colon >= 0 && colon < at ? colon : at;
            ParseResult<String> u = decode(url, authStart, userEnd, "user name");
            if (!u.ok()) {
                return cast(u);
            }
            username = u.value();
            if (userEnd < at) {
                ParseResult<String> pw = decode(url, userEnd + 1, at, "password");
                if (!pw.ok()) {
                    return cast(pw);
                }
                password = pw.value();
            }
            hostStart = at + 1;
        }
        String host;
        int portStart;
        if (hostStart < authEnd && s.charAt(hostStart) == '[') {
            int close = s.indexOf(']', hostStart);
            if (close < 0 || close > authEnd) {
                return ParseResult.errorAt(url, hostStart, "IPv6 address is missing its closing ']'");
            }
            host = s.substring(hostStart + 1, close);
            if (host.isEmpty()) {
                return ParseResult.errorAt(url, hostStart + 1, "empty IPv6 address");
            }
            for (int i = 0; i < host.length(); i++) {
                char ch = host.charAt(i);
                if (!(Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.')) {
                    return ParseResult.errorAt(url, hostStart + 1 + i, "invalid character '" + ch
                            + "' in IPv6 address");
                }
            }
            if (host.indexOf(':') < 0) {
                return ParseResult.errorAt(url, hostStart + 1, "brackets are only for IPv6 addresses");
            }
            portStart = close + 1;
            if (portStart < authEnd && s.charAt(portStart) != ':') {
                return ParseResult.errorAt(url, portStart, "expected ':' and a port after ']'");
            }
        } else {
            int colon = s.indexOf(':', hostStart);
            int hostEnd = colon >= 0 && colon < authEnd ? colon : authEnd;
            host = s.substring(hostStart, hostEnd);
            if (host.isEmpty()) {
                return ParseResult.errorAt(url, hostStart, "missing host");
            }
            for (int i = 0; i < host.length(); i++) {
                char ch = host.charAt(i);
                if (Character.isWhitespace(ch) || "[]@%\\\"<>^`{|}".indexOf(ch) >= 0 || ch < 0x20) {
                    return ParseResult.errorAt(url, hostStart + i, "invalid character '" + ch + "' in host");
                }
            }
            portStart = hostEnd;
        }
        int port = defaultPort(transport);
        if (portStart < authEnd) {
            // s.charAt(portStart) == ':'
            String digits = s.substring(portStart + 1, authEnd);
            if (digits.isEmpty()) {
                return ParseResult.errorAt(url, portStart + 1, "missing port after ':'");
            }
            for (int i = 0; i < digits.length(); i++) {
                if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                    return ParseResult.errorAt(url, portStart + 1 + i, "port must be a number, found '"
                            + digits.charAt(i) + "'");
                }
            }
            if (digits.length() > 5 || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
                return ParseResult.errorAt(url, portStart + 1, "port must be between 1 and 65535, not " + digits);
            }
            port = Integer.parseInt(digits);
        }
        String path = authEnd < end ? s.substring(authEnd, end) : "";
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (Character.isWhitespace(ch) || ch < 0x20) {
                return ParseResult.errorAt(url, authEnd + i, "invalid character in path");
            }
        }
        Profile.Builder b = base.toBuilder().transport(transport).host(host).port(port).username(username)
                .password(password);
        if (transport.webSocket()) {
            b.wsPath(path.isEmpty() ? "/" : path);
        } else if (!path.isEmpty() && !path.equals("/")) {
            return ParseResult.errorAt(url, authEnd, "a path is only meaningful for ws:// and wss://");
        }
        return ParseResult.ok(b.build());
    }

    /** The URL for a profile; the port is written only when it differs from {@link #defaultPort}. */
    public static String format(Profile p) {
        StringBuilder b = new StringBuilder();
        b.append(switch (p.transport()) {
            case TCP -> "mqtt";
            case TLS -> "mqtts";
            case WS -> "ws";
            case WSS -> "wss";
        }).append("://");
        if (p.username() != null || p.password() != null) {
            b.append(encode(p.username() == null ? "" : p.username()));
            if (p.password() != null) {
                b.append(':').append(encode(p.password()));
            }
            b.append('@');
        }
        String host = p.host() == null ? "" : p.host();
        b.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        if (p.port() != defaultPort(p.transport())) {
            b.append(':').append(p.port());
        }
        if (p.transport().webSocket()) {
            String path = p.wsPath() == null || p.wsPath().isEmpty() ? "/" : p.wsPath();
            b.append(path.startsWith("/") ? path : "/" + path);
        }
        return b.toString();
    }

    /** The same URL with the password replaced by {@code ***}, for display and logs. */
    public static String formatRedacted(Profile p) {
        return format(p.password() == null ? p : p.toBuilder().password("***").build());
    }

    private static ParseResult<String> decode(String url, int from, int to, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            char ch = url.charAt(i);
            if (ch == '%') {
                if (i + 2 >= to) {
                    return ParseResult.errorAt(url, i, "incomplete percent escape in " + what);
                }
                int hi = Character.digit(url.charAt(i + 1), 16);
                int lo = Character.digit(url.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return ParseResult.errorAt(url, i, "invalid percent escape '" + url.substring(i, i + 3) + "' in "
                            + what);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] enc = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(ch) && i + 1 < to) {
                    enc = url.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(enc);
            }
        }
        try {
            return ParseResult.ok(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return ParseResult.errorAt(url, from, "percent escapes in " + what + " are not valid UTF-8");
        }
    }

    private static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> ParseResult<T> cast(ParseResult<?> r) {
        return (ParseResult<T>) r;
    }
}
