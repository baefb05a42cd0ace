package io.github.blockwatch.registry;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Rewrites read errors into one-line messages that start with the dump's name: a cut-off gzip file
 * otherwise surfaces as a bare {@code EOFException: Unexpected end of ZLIB input stream}, which says
 * neither which file nor what is wrong with it.
 */
final class SourceErrorsInputStream extends FilterInputStream {
    private final String source;

    SourceErrorsInputStream(InputStream in, String source) {
        super(in);
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private IOException translate(IOException e) {
        if (e instanceof EOFException) {
            return new IOException(source + ": truncated gzip stream", e);
        }
        if (e instanceof ZipException) {
            return new IOException(source + ": corrupt gzip stream: " + e.getMessage(), e);
        }
        return new IOException(source + ": " + e.getMessage(), e);
    }
}
