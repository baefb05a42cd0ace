package io.github.blockwatch.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails once more than {@code maxBytes} have been read through it: a dump's decompressed bytes, so that a
 * small gzip expanding to gigabytes is refused as soon as it passes the limit, not after it was read whole.
 */
final class SizeLimitedInputStream extends FilterInputStream {
    private final long maxBytes;
    private final String source;
    private long count;

    SizeLimitedInputStream(InputStream in, long maxBytes, String source) {
        super(in);
        this.maxBytes = maxBytes;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) throws IOException {
        count += n;
        if (count > maxBytes) {
            throw new DumpLimitException(source + ": larger than " + DumpLimits.human(maxBytes)
                    + " decompressed, the limit on a dump's size; refused", DumpLimitException.Limit.DUMP_SIZE);
        }
    }
}
