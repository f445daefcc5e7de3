package io.mqscope.capture;

import java.nio.charset.StandardCharsets;

/** The server name (SNI) and ALPN protocols of a TLS ClientHello (RFC 8446 §4.1.2, RFC 6066 §3, RFC 7301). */
record TlsClientHello(String sni, String alpn) {

    /** A TLS handshake record (content type 22, version 3.x) opens the stream. */
    static boolean starts(byte[] b) {
        return b.length >= 2 && b[0] == 0x16 && b[1] == 0x03;
    }

    /** Any TLS record header: change cipher spec, alert, handshake, application data; a stream joined late. */
    static boolean record(byte[] b) {
        return b.length >= 3 && b[0] >= 0x14 && b[0] <= 0x17 && b[1] == 0x03 && b[2] <= 0x04;
    }

    /** Bytes needed to hold the first record. */
    static int firstRecordLength(byte[] b) {
        return b.length < 5 ? 5 : 5 + ((b[3] & 0xff) << 8 | b[4] & 0xff);
    }

    /** Parses what is there; fields it cannot reach stay null. Never throws. */
    static TlsClientHello parse(byte[] b) {
        String sni = null;
        StringBuilder alpn = new StringBuilder();
        try {
            int p = 5;
            if ((b[p] & 0xff) != 1) {
                return new TlsClientHello(null, null);
            }
            p += 4 + 2 + 32;
            p += 1 + (b[p] & 0xff);
            p += 2 + u16(b, p);
            p += 1 + (b[p] & 0xff);
            int end = p + 2 + u16(b, p);
            p += 2;
            while (p + 4 <= end && p + 4 <= b.length) {
                int type = u16(b, p);
                int len = u16(b, p + 2);
                int q = p + 4;
                if (type == 0) {
                    // server_name_list: list length, then (type 0 host_name, length, name)
                    int nameLen = u16(b, q + 3);
                    sni = new String(b, q + 5, nameLen, StandardCharsets.US_ASCII);
                } else if (type == 16) {
                    int r = q + 2;
                    while (r < q + len) {
                        int l = b[r] & 0xff;
                        alpn.append(alpn.length() > 0 ? "," : "").append(new String(b, r + 1, l,
                                StandardCharsets.US_ASCII));
                        r += 1 + l;
                    }
                }
                p = q + len;
            }
        } catch (ArrayIndexOutOfBoundsException | StringIndexOutOfBoundsException e) {
            // A ClientHello cut by the capture: keep what was read.
        }
        return new TlsClientHello(sni, alpn.length() == 0 ? null : alpn.toString());
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | b[p + 1] & 0xff;
    }
}
