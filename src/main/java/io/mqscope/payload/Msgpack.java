package io.mqscope.payload;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageStringCodingException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * MessagePack (github.com/msgpack/msgpack/blob/master/spec.md) read into {@link DataItem}s and written from them
 * with msgpack-java's core: its unpacker tells every format type (bin, ext, float 32 or 64) and how many bytes it
 * has read, so an error names the byte offset of the value that broke.
 */
public final class Msgpack {
    private static final int MAX_DEPTH = 512;
    private static final MessagePack.UnpackerConfig CONFIG = new MessagePack.UnpackerConfig();

    private Msgpack() {
    }

    /** One value filling all of {@code bytes}, or an error whose position is the byte offset. */
    public static ParseResult<DataItem> decode(byte[] bytes) {
        try (MessageUnpacker u = CONFIG.newUnpacker(bytes)) {
            long[] start = {0};
            try {
                if (!u.hasNext()) {
                    return error(0, "no bytes");
                }
                DataItem item = read(u, bytes.length, start, 0);
                if (u.hasNext()) {
                    long at = u.getTotalReadBytes();
                    return error(at, (bytes.length - at) + " bytes after the value");
                }
                return ParseResult.ok(item);
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (e instanceof MessageInsufficientBufferException && !why.startsWith("the value")) {
                    why = "the value at offset " + start[0] + " is cut short";
                } else if (e instanceof org.msgpack.core.MessageSizeException) {
                    why = "the value at offset " + start[0] + " is cut short: its length is over 2^31";
                } else if (e instanceof MessageStringCodingException) {
                    why = "a string is not valid UTF-8";
                }
                return error(start[0], why);
            }
        } catch (IOException e) {
            return error(0, e.getMessage());
        }
    }

    private static ParseResult<DataItem> error(long offset, String why) {
        return ParseResult.error("not valid MessagePack at byte offset " + offset + ": " + why, (int) offset, -1, -1);
    }

    private static DataItem read(MessageUnpacker u, int size, long[] start, int depth) throws IOException {
        start[0] = u.getTotalReadBytes();
        if (depth > MAX_DEPTH) {
            throw new IOException("nested deeper than " + MAX_DEPTH + " levels");
        }
        MessageFormat f = u.getNextFormat();
        if (f == MessageFormat.NEVER_USED) {
            throw new IOException("0xc1 is never used");
        }
        ValueType t = f.getValueType();
        switch (t) {
            case NIL:
                u.unpackNil();
                return new DataItem.Null();
            case BOOLEAN:
                return new DataItem.Bool(u.unpackBoolean());
            case INTEGER:
                return new DataItem.Int(u.unpackBigInteger());
            case FLOAT:
                return f == MessageFormat.FLOAT32 ? new DataItem.Real(u.unpackFloat(), 32)
                        : new DataItem.Real(u.unpackDouble(), 64);
            case STRING:
                return new DataItem.Text(utf8(payload(u, u.unpackRawStringHeader(), size, start[0])));
            case BINARY:
                return new DataItem.Bytes(payload(u, u.unpackBinaryHeader(), size, start[0]));
            case ARRAY: {
                int n = u.unpackArrayHeader();
                List<DataItem> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read(u, size, start, depth + 1));
                }
                return new DataItem.ArrayItem(items);
            }
            case MAP: {
                int n = u.unpackMapHeader();
                List<DataItem.Entry> entries = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    DataItem key = read(u, size, start, depth + 1);
                    entries.add(new DataItem.Entry(key, read(u, size, start, depth + 1)));
                }
                return new DataItem.MapItem(entries);
            }
            default: {
                var h = u.unpackExtensionTypeHeader();
                return new DataItem.Ext(h.getType(), payload(u, h.getLength(), size, start[0]));
            }
        }
    }

    /** A length is checked against the bytes left before anything is allocated for it. */
    private static byte[] payload(MessageUnpacker u, int len, int size, long start) throws IOException {
        long left = size - u.getTotalReadBytes();
        if (len < 0 || len > left) {
            throw new MessageInsufficientBufferException("the value at offset " + start + " is cut short: length "
                    + Integer.toUnsignedString(len) + ", " + left + " bytes left");
        }
        return u.readPayload(len);
    }

    private static String utf8(byte[] bytes) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MessageStringCodingException(e);
        }
    }

    /**
     * The smallest encoding of each value (spec: "serializers SHOULD use the format which represents the data in the
     * smallest number of bytes"); a JSON number with a fraction is a float 64, as JSON's own numbers are doubles.
     */
    public static byte[] encode(DataItem item) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, item);
            p.flush();
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    private static void write(MessageBufferPacker p, DataItem item) throws IOException {
        if (item instanceof DataItem.Text t) {
            p.packString(t.value());
        } else if (item instanceof DataItem.Bytes b) {
            p.packBinaryHeader(b.value().length).writePayload(b.value());
        } else if (item instanceof DataItem.Int i) {
            BigInteger v = i.value();
            if (v.bitLength() > 64 || v.signum() < 0 && v.bitLength() > 63) {
                throw new IllegalArgumentException(v + " does not fit MessagePack's 64-bit integers");
            }
            p.packBigInteger(v);
        } else if (item instanceof DataItem.Real r) {
            if (r.bits() == 32) {
                p.packFloat((float) r.value());
            } else {
                p.packDouble(r.value());
            }
        } else if (item instanceof DataItem.Bool b) {
            p.packBoolean(b.value());
        } else if (item instanceof DataItem.Null) {
            p.packNil();
        } else if (item instanceof DataItem.ArrayItem a) {
            p.packArrayHeader(a.items().size());
            for (DataItem x : a.items()) {
                write(p, x);
            }
        } else if (item instanceof DataItem.MapItem m) {
            p.packMapHeader(m.entries().size());
            for (DataItem.Entry e : m.entries()) {
                write(p, e.key());
                write(p, e.value());
            }
        } else if (item instanceof DataItem.Ext e) {
            p.packExtensionTypeHeader((byte) e.type(), e.data().length).writePayload(e.data());
        } else {
            throw new IllegalArgumentException("MessagePack has no " + item.getClass().getSimpleName());
        }
    }
}
