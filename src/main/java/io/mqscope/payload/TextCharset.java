package io.mqscope.payload;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The text encodings offered for payloads: UTF-8 and GBK (common on Chinese devices and serial tools). */
public enum TextCharset {
    UTF_8(StandardCharsets.UTF_8), GBK(Charset.forName("GBK"));

    private final Charset charset;

    TextCharset(Charset charset) {
        this.charset = charset;
    }

    public Charset charset() {
        return charset;
    }
}
