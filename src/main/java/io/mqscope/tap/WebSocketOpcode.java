package io.mqscope.tap;

import java.util.Locale;

/** The frame opcodes of RFC 6455 §5.2 that MQTT over WebSocket meets; the others are reserved. */
enum WebSocketOpcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    private static final WebSocketOpcode[] BY_CODE = new WebSocketOpcode[16];

    static {
        for (WebSocketOpcode o : values()) {
            BY_CODE[o.code] = o;
        }
    }

    private final int code;
    private final String wireName;

    WebSocketOpcode(int code) {
        this.code = code;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    /** The 4-bit opcode of the frame's first byte. */
    int code() {
        return code;
    }

    /** Control frames have the high bit of the opcode set (RFC 6455 §5.5). */
    boolean isControl() {
        return (code & 0x8) != 0;
    }

    /** The name listeners see in {@link WebSocketFrameEvent#opcode()}: "binary", "close"... */
    String wireName() {
        return wireName;
    }

    /** The opcode for a 4-bit code, or null for a reserved one (0x3-0x7, 0xB-0xF). */
    static WebSocketOpcode of(int code) {
        return code < 0 || code > 15 ? null : BY_CODE[code];
    }
}
