package io.mqscope.wire;

/**
 * One WebSocket frame header (RFC 6455 §5.2) and its unmasked payload.
 *
 * @param headerLength bytes before the payload (2 to 14)
 * @param payload      the payload, unmasked
 */
public record WebSocketFrame(boolean fin, int opcode, boolean masked, int headerLength, byte[] payload) {

    public static final int CONTINUATION = 0, TEXT = 1, BINARY = 2, CLOSE = 8, PING = 9, PONG = 10;

    /** Total bytes of the frame on the wire. */
    public int length() {
        return headerLength + payload.length;
    }

    public String opcodeName() {
        return switch (opcode) {
            case CONTINUATION -> "continuation";
            case TEXT -> "text";
            case BINARY -> "binary";
            case CLOSE -> "close";
            case PING -> "ping";
            case PONG -> "pong";
            default -> "reserved opcode " + opcode;
        };
    }

    /** Result of {@link #parse}: a frame, or why there is none. */
    public sealed interface Parse permits Complete, NeedMore, Invalid {
    }

    public record Complete(WebSocketFrame frame) implements Parse {
    }

    public record NeedMore() implements Parse {
    }

    public record Invalid(String reason) implements Parse {
    }

    /** Parses the frame starting at {@code off}; never throws. Payloads above 16 MiB are refused as implausible. */
    public static Parse parse(byte[] b, int off, int len) {
        if (len < 2) {
            return new NeedMore();
        }
        int b0 = b[off] & 0xff;
        int b1 = b[off + 1] & 0xff;
        if ((b0 & 0x70) != 0) {
            return new Invalid("reserved bits RSV1-3 set without an extension");
        }
        int opcode = b0 & 0x0f;
        if (opcode > 2 && opcode < 8 || opcode > 10) {
            return new Invalid("reserved opcode " + opcode);
        }
        boolean masked = (b1 & 0x80) != 0;
        long plen = b1 & 0x7f;
        int hdr = 2;
        if (plen == 126) {
            if (len < 4) {
                return new NeedMore();
            }
            plen = (b[off + 2] & 0xff) << 8 | b[off + 3] & 0xff;
            hdr = 4;
        } else if (plen == 127) {
            if (len < 10) {
                return new NeedMore();
            }
            plen = 0;
            for (int i = 0; i < 8; i++) {
                plen = plen << 8 | b[off + 2 + i] & 0xff;
            }
            hdr = 10;
        }
        if (plen < 0 || plen > 16 << 20) {
            return new Invalid("payload length " + plen + " is implausible");
        }
        if (opcode >= 8 && (plen > 125 || (b0 & 0x80) == 0)) {
            return new Invalid("control frame longer than 125 bytes or fragmented");
        }
        int maskAt = off + hdr;
        if (masked) {
            hdr += 4;
        }
        if (len < hdr + plen) {
            return new NeedMore();
        }
        byte[] payload = new byte[(int) plen];
        int p = off + hdr;
        for (int i = 0; i < payload.length; i++) {
            payload[i] = masked ? (byte) (b[p + i] ^ b[maskAt + (i & 3)]) : b[p + i];
        }
        return new Complete(new WebSocketFrame((b0 & 0x80) != 0, opcode, masked, hdr, payload));
    }
}
