package io.mqscope.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The temporary file {@link PcapSpill} parks a report's records in: appended to, read back at any offset, created
 * at the first append and deleted on {@link #close()}.
 */
final class SpillFile implements Closeable {
    private FileChannel file;
    private long end;

    /** Where the next append lands (the file's length). */
    long end() {
        return end;
    }

    /** Appends the first {@code len} bytes of {@code b}; returns the offset they were written at. */
    long append(byte[] b, int len) {
        try {
            if (file == null) {
                Path p = Files.createTempFile("mqscope-decode-", ".spill");
                file = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
            }
            long at = end;
            ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
            while (bb.hasRemaining()) {
                end += file.write(bb, end);
            }
            return at;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code n} bytes at {@code at}. */
    byte[] read(long at, int n) {
        byte[] b = new byte[n];
        ByteBuffer bb = ByteBuffer.wrap(b);
        try {
            while (bb.hasRemaining()) {
                if (file.read(bb, at + bb.position()) < 0) {
                    throw new IOException("the report's temporary file ended early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b;
    }

    /** Copies {@code length} bytes from {@code offset}, as UTF-8 text, to {@code out}. */
    void copy(long offset, long length, Writer out) throws IOException {
        InputStream in = new InputStream() {
            private long pos = offset;
            private final long stop = offset + length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= stop) {
                    return -1;
                }
                int n = file.read(ByteBuffer.wrap(b, off, (int) Math.min(len, stop - pos)), pos);
                if (n < 0) {
                    throw new IOException("the report's temporary file ended early");
                }
                pos += n;
                return n;
            }
        };
        new InputStreamReader(in, StandardCharsets.UTF_8).transferTo(out);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
