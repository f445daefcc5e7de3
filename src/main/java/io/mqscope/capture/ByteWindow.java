package io.mqscope.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A sliding window over an input stream: the readers look ahead a block (or, to resynchronise after damage, a
 * little more) without holding the file. Memory stays bounded by the largest block looked at.
 */
final class ByteWindow {
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    /** File offset of buf[start]. */
    private long position;
    private boolean eof;

    ByteWindow(InputStream in) {
        this.in = in;
    }

    long position() {
        return position;
    }

    /** Makes at least n bytes available from the current position; false when the file ends first. */
    boolean have(int n) throws IOException {
        if (end - start >= n) {
            return true;
        }
        if (start > 0 && buf.length - start < n) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (buf.length - start < n) {
            buf = Arrays.copyOf(buf, Math.max(n + start, buf.length * 2));
        }
        while (end - start < n && !eof) {
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
        return end - start >= n;
    }

    /** Bytes available without reading more. */
    int available() {
        return end - start;
    }

    /** The backing array; valid from {@link #offset()} for {@link #available()} bytes until the next call. */
    byte[] array() {
        return buf;
    }

    int offset() {
        return start;
    }

    void skip(int n) {
        start += n;
        position += n;
    }

    /** Skips n bytes that may not be buffered (a huge unknown block). */
    void skipLong(long n) throws IOException {
        long inBuf = Math.min(n, end - start);
        skip((int) inBuf);
        long rest = n - inBuf;
        while (rest > 0) {
            long s = in.skip(rest);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                s = 1;
            }
            rest -= s;
            position += s;
        }
    }

    byte[] copy(int from, int len) {
        return Arrays.copyOfRange(buf, start + from, start + from + len);
    }

    int u8(int at) {
        return buf[start + at] & 0xff;
    }

    int u16(int at, boolean big) {
        int a = u8(at);
        int b = u8(at + 1);
        return big ? a << 8 | b : b << 8 | a;
    }

    long u32(int at, boolean big) {
        long a = u16(at, big);
        long b = u16(at + 2, big);
        return big ? a << 16 | b : b << 16 | a;
    }
}
