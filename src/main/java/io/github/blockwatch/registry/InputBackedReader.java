package io.github.blockwatch.registry;

import java.io.IOException;

/** What every reader delegates to its {@link DumpInput}: progress in bytes, the digest, closing. */
abstract class InputBackedReader implements DumpReader {
    protected final DumpInput input;

    InputBackedReader(DumpInput input) {
        this.input = input;
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public RowPlace place(long line) {
        return input.place(line);
    }

    @Override
    public String digest() {
        return input.digest();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
