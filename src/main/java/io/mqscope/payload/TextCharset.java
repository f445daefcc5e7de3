package io.mqscope.payload;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A text encoding for payloads: any charset the JDK knows. {@link #values()} are the ones offered first (UTF-8, the
 * Chinese GBK and GB18030 common on devices and serial tools, then other widespread ones); {@link #available()} adds
 * every other charset of the running JDK.
 */
public record TextCharset(Charset charset) {
    public static final TextCharset UTF_8 = new TextCharset(StandardCharsets.UTF_8);
    public static final TextCharset GBK = new TextCharset(Charset.forName("GBK"));
    public static final TextCharset GB18030 = new TextCharset(Charset.forName("GB18030"));

    private static final List<String> COMMON = List.of("UTF-8", "GBK", "GB18030", "Big5", "Shift_JIS", "EUC-JP",
            "EUC-KR", "ISO-8859-1", "windows-1252", "UTF-16BE", "UTF-16LE", "US-ASCII");

    public TextCharset {
        if (charset == null) {
            throw new IllegalArgumentException("charset");
        }
    }

    /** The common charsets, in the order offered. */
    public static TextCharset[] values() {
        List<TextCharset> list = new ArrayList<>();
        for (String n : COMMON) {
            TextCharset c = byName(n);
            if (c != null) {
                list.add(c);
            }
        }
        return list.toArray(TextCharset[]::new);
    }

    /** The common charsets first, then every other one the JDK knows (by canonical name). */
    public static List<TextCharset> available() {
        Set<TextCharset> all = new LinkedHashSet<>(List.of(values()));
        Charset.availableCharsets().values().forEach(c -> all.add(new TextCharset(c)));
        return List.copyOf(all);
    }

    /** The charset called {@code name} (canonical name or alias, any case), or null when the JDK has none. */
    public static TextCharset byName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return new TextCharset(Charset.forName(name.trim()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /** The canonical name ("UTF-8", "GBK", "Shift_JIS"). */
    public String name() {
        return charset.name();
    }

    @Override
    public String toString() {
        return charset.name();
    }
}
