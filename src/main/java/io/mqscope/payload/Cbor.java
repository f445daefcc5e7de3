package io.mqscope.payload;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CBOR (RFC 8949) read into {@link DataItem}s and written from them. Hand-written rather than Jackson's CBOR
 * module because the view must keep every type: Jackson 2.18's parser exposes only a data item's first tag,
 * reads undefined as null, turns integer map keys into strings and decodes bignum tags itself, and its generator
 * cannot write half floats or unsigned integers above 2^63 without a bignum tag. Writing uses preferred
 * serialization (RFC 8949 section 4.1): the shortest argument and the shortest float that keeps the value.
 */
public final class Cbor {
    private static final int MAX_DEPTH = 512;
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Cbor() {
    }

    /** One data item filling all of {@code bytes}, or an error whose position is the byte offset. */
    public static ParseResult<DataItem> decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        try {
            DataItem item = r.item(0);
            if (r.pos != bytes.length) {
                throw new Malformed(r.pos, (bytes.length - r.pos) + " bytes after the data item");
            }
            return ParseResult.ok(item);
        } catch (Malformed e) {
            return ParseResult.error("not valid CBOR at byte offset " + e.offset + ": " + e.getMessage(), e.offset,
                    -1, -1);
        }
    }

    public static byte[] encode(DataItem item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, item);
        return out.toByteArray();
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        Malformed(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        DataItem item(int depth) throws Malformed {
            int start = pos;
            if (depth > MAX_DEPTH) {
                throw new Malformed(start, "nested deeper than " + MAX_DEPTH + " levels");
            }
            int ib = next(start);
            int major = ib >>> 5;
            int ai = ib & 0x1f;
            if (major == 7) {
                return simpleOrFloat(start, ai);
            }
            if (ai == 31) {
                return indefinite(start, major, depth);
            }
            long arg = argument(start, ai);
            switch (major) {
                case 0:
                    return new DataItem.Int(unsigned(arg));
                case 1:
                    return new DataItem.Int(unsigned(arg).not());
                case 2:
                    return new DataItem.Bytes(take(start, arg));
                case 3:
                    return new DataItem.Text(utf8(start, take(start, arg)));
                case 4: {
                    List<DataItem> items = new ArrayList<>();
                    for (long i = 0; i < arg; i++) {
                        items.add(item(depth + 1));
                    }
                    return new DataItem.ArrayItem(items);
                }
                case 5: {
                    List<DataItem.Entry> entries = new ArrayList<>();
                    for (long i = 0; i < arg; i++) {
                        entries.add(new DataItem.Entry(item(depth + 1), item(depth + 1)));
                    }
                    return new DataItem.MapItem(entries);
                }
                default:
                    return new DataItem.Tagged(arg, item(depth + 1));
            }
        }

        /** Indefinite-length items end with the "break" stop code 0xff (RFC 8949 section 3.2). */
        private DataItem indefinite(int start, int major, int depth) throws Malformed {
            switch (major) {
                case 2:
                case 3: {
                    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
                    while (!atBreak(start)) {
                        int chunk = pos;
                        int ib = next(chunk);
                        if (ib >>> 5 != major || (ib & 0x1f) == 31) {
                            throw new Malformed(chunk, "a chunk of an indefinite-length string must be a definite "
                                    + (major == 2 ? "byte" : "text") + " string");
                        }
                        byte[] part = take(chunk, argument(chunk, ib & 0x1f));
                        if (major == 3) {
                            utf8(chunk, part);
                        }
                        chunks.writeBytes(part);
                    }
                    byte[] all = chunks.toByteArray();
                    return major == 2 ? new DataItem.Bytes(all) : new DataItem.Text(utf8(start, all));
                }
                case 4: {
                    List<DataItem> items = new ArrayList<>();
                    while (!atBreak(start)) {
                        items.add(item(depth + 1));
                    }
                    return new DataItem.ArrayItem(items);
                }
                case 5: {
                    List<DataItem.Entry> entries = new ArrayList<>();
                    while (!atBreak(start)) {
                        DataItem key = item(depth + 1);
                        if (atBreak(start)) {
                            throw new Malformed(pos - 1, "a map ends after a key without its value");
                        }
                        entries.add(new DataItem.Entry(key, item(depth + 1)));
                    }
                    return new DataItem.MapItem(entries);
                }
                default:
                    throw new Malformed(start, "major type " + major + " cannot have an indefinite length");
            }
        }

        private boolean atBreak(int start) throws Malformed {
            if (pos >= b.length) {
                throw new Malformed(pos, "the indefinite-length item at offset " + start + " has no break (0xff)");
            }
            if ((b[pos] & 0xff) == 0xff) {
                pos++;
                return true;
            }
            return false;
        }

        private DataItem simpleOrFloat(int start, int ai) throws Malformed {
            switch (ai) {
                case 20:
                    return new DataItem.Bool(false);
                case 21:
                    return new DataItem.Bool(true);
                case 22:
                    return new DataItem.Null();
                case 23:
                    return new DataItem.Undefined();
                case 24: {
                    int v = next(start);
                    if (v < 32) {
                        throw new Malformed(start, "simple value " + v + " must use the one-byte form");
                    }
                    return new DataItem.Simple(v);
                }
                case 25:
                    return new DataItem.Real(halfToDouble((int) argument(start, ai)), 16);
                case 26:
                    return new DataItem.Real(Float.intBitsToFloat((int) argument(start, ai)), 32);
                case 27:
                    return new DataItem.Real(Double.longBitsToDouble(argument(start, ai)), 64);
                case 31:
                    throw new Malformed(start, "break (0xff) outside an indefinite-length item");
                default:
                    if (ai < 20) {
                        return new DataItem.Simple(ai);
                    }
                    throw new Malformed(start, "reserved additional information " + ai);
            }
        }

        private int next(int start) throws Malformed {
            if (pos >= b.length) {
                throw new Malformed(start, pos == 0 ? "no bytes" : "the data item is cut short (the bytes end at "
                        + "offset " + pos + ")");
            }
            return b[pos++] & 0xff;
        }

        private long argument(int start, int ai) throws Malformed {
            if (ai < 24) {
                return ai;
            }
            if (ai > 27) {
                throw new Malformed(start, "reserved additional information " + ai);
            }
            int n = 1 << (ai - 24);
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | next(start);
            }
            return v;
        }

        private byte[] take(int start, long len) throws Malformed {
            if (len < 0 || len > b.length - pos) {
                throw new Malformed(start, "length " + Long.toUnsignedString(len) + " runs past the end ("
                        + (b.length - pos) + " bytes left)");
            }
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + (int) len);
            pos += (int) len;
            return out;
        }

        private static String utf8(int start, byte[] bytes) throws Malformed {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new Malformed(start, "a text string is not valid UTF-8");
            }
        }
    }

    private static BigInteger unsigned(long v) {
        BigInteger i = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? i.setBit(63) : i;
    }

    /** RFC 8949 appendix D. */
    static double halfToDouble(int half) {
        int exp = (half >> 10) & 0x1f;
        int mant = half & 0x3ff;
        double val;
        if (exp == 0) {
            val = Math.scalb((double) mant, -24);
        } else if (exp != 31) {
            val = Math.scalb((double) (mant + 1024), exp - 25);
        } else {
            val = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return (half & 0x8000) != 0 ? -val : val;
    }

    /** The half-precision bits of {@code d} when a half float holds it exactly, else -1. */
    static int doubleToHalf(double d) {
        if (Double.isNaN(d)) {
            return 0x7e00;
        }
        int sign = (Double.doubleToRawLongBits(d) < 0) ? 0x8000 : 0;
        double a = Math.abs(d);
        if (a == 0 || Double.isInfinite(a)) {
            return sign | (a == 0 ? 0 : 0x7c00);
        }
        int exp = Math.getExponent(a);
        if (exp >= -14 && exp <= 15) {
            double m = Math.scalb(a, 10 - exp); // 1024..2047 when exact
            return m == Math.rint(m) ? sign | ((exp + 15) << 10) | ((int) m - 1024) : -1;
        }
        if (exp < -14 && exp >= -24) {
            double m = Math.scalb(a, 24);
            return m == Math.rint(m) ? sign | (int) m : -1;
        }
        return -1;
    }

    private static void head(ByteArrayOutputStream out, int major, long arg) {
        int mt = major << 5;
        if (arg >= 0 && arg < 24) {
            out.write(mt | (int) arg);
        } else if (arg >= 0 && arg < 0x100) {
            out.write(mt | 24);
            out.write((int) arg);
        } else if (arg >= 0 && arg < 0x10000) {
            out.write(mt | 25);
            bigEndian(out, arg, 2);
        } else if (arg >= 0 && arg < 0x100000000L) {
            out.write(mt | 26);
            bigEndian(out, arg, 4);
        } else {
            out.write(mt | 27);
            bigEndian(out, arg, 8);
        }
    }

    private static void bigEndian(ByteArrayOutputStream out, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static void write(ByteArrayOutputStream out, DataItem item) {
        if (item instanceof DataItem.Text t) {
            byte[] s = t.value().getBytes(StandardCharsets.UTF_8);
            head(out, 3, s.length);
            out.writeBytes(s);
        } else if (item instanceof DataItem.Bytes b) {
            head(out, 2, b.value().length);
            out.writeBytes(b.value());
        } else if (item instanceof DataItem.Int i) {
            writeInt(out, i.value());
        } else if (item instanceof DataItem.Real r) {
            writeFloat(out, r.value());
        } else if (item instanceof DataItem.Bool b) {
            out.write(b.value() ? 0xf5 : 0xf4);
        } else if (item instanceof DataItem.Null) {
            out.write(0xf6);
        } else if (item instanceof DataItem.Undefined) {
            out.write(0xf7);
        } else if (item instanceof DataItem.Simple s) {
            if (s.value() < 24) {
                out.write(0xe0 | s.value());
            } else {
                out.write(0xf8);
                out.write(s.value());
            }
        } else if (item instanceof DataItem.Tagged t) {
            head(out, 6, t.tag());
            write(out, t.item());
        } else if (item instanceof DataItem.ArrayItem a) {
            head(out, 4, a.items().size());
            a.items().forEach(x -> write(out, x));
        } else if (item instanceof DataItem.MapItem m) {
            head(out, 5, m.entries().size());
            for (DataItem.Entry e : m.entries()) {
                write(out, e.key());
                write(out, e.value());
            }
        } else if (item instanceof DataItem.Ext e) {
            throw new IllegalArgumentException("CBOR has no MessagePack extension type " + e.type());
        }
    }

    /** Major types 0 and 1 reach 2^64; beyond that a bignum tag (RFC 8949 section 3.4.3). */
    private static void writeInt(ByteArrayOutputStream out, BigInteger v) {
        boolean negative = v.signum() < 0;
        BigInteger n = negative ? v.not() : v;
        if (n.compareTo(TWO_64) < 0) {
            head(out, negative ? 1 : 0, n.longValue());
        } else {
            byte[] mag = n.toByteArray();
            int skip = mag[0] == 0 ? 1 : 0;
            head(out, 6, negative ? 3 : 2);
            head(out, 2, mag.length - skip);
            out.write(mag, skip, mag.length - skip);
        }
    }

    private static void writeFloat(ByteArrayOutputStream out, double d) {
        int half = doubleToHalf(d);
        if (half >= 0) {
            out.write(0xf9);
            bigEndian(out, half, 2);
        } else if ((float) d == d) {
            out.write(0xfa);
            bigEndian(out, Float.floatToRawIntBits((float) d) & 0xffffffffL, 4);
        } else {
            out.write(0xfb);
            bigEndian(out, Double.doubleToRawLongBits(d), 8);
        }
    }
}
