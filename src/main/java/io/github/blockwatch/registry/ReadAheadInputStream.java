package io.github.blockwatch.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads its source on a thread of its own, a few chunks ahead of the reader: a gzipped dump is inflated on
 * one core while the rows of the chunk before are parsed on the other. Chunks are recycled, so memory stays
 * at a few chunks. A read error reaches the reader as it was thrown, at the point of the stream where it
 * happened.
 */
final class ReadAheadInputStream extends InputStream {
    static final int CHUNK_BYTES = 256 * 1024;
    static final int CHUNKS_AHEAD = 4;

    /** A filled chunk; {@code length < 0} marks the end of the source, {@code failure} an error reading it. */
    private record Chunk(byte[] bytes, int length, IOException failure) {}

    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 2);
    private final Thread pump;
    private Chunk current;
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream source, String name) {
        for (int i = 0; i < CHUNKS_AHEAD + 2; i++) {
            free.add(new byte[CHUNK_BYTES]);
        }
        pump = new Thread(() -> pump(source), "read-ahead " + name);
        pump.setDaemon(true); // a reader that is never closed must not keep the JVM alive
        pump.start();
    }

    private void pump(InputStream source) {
        Chunk last;
        try (source) {
            int n;
            do {
                byte[] bytes = free.take();
                n = source.readNBytes(bytes, 0, bytes.length);
                if (n > 0) {
                    filled.put(new Chunk(bytes, n, null));
                }
            } while (n == CHUNK_BYTES);
            last = new Chunk(null, -1, null);
        } catch (IOException e) {
            last = new Chunk(null, -1, e);
        } catch (InterruptedException e) {
            return; // closed by the reader: nobody waits for more
        }
        try {
            filled.put(last);
        } catch (InterruptedException e) {
            // closed by the reader meanwhile
        }
    }

    @Override
    public int read() throws IOException {
        if (!ready()) {
            return -1;
        }
        return current.bytes()[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!ready()) {
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.bytes(), position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Makes sure {@link #current} has bytes left; false at the end of the source. */
    private boolean ready() throws IOException {
        if (current != null && position < current.length()) {
            return true;
        }
        if (ended) {
            return false;
        }
        if (current != null) {
            free.add(current.bytes());
            current = null;
        }
        Chunk next = take();
        if (next.failure() != null) {
            ended = true;
            throw next.failure();
        }
        if (next.length() < 0) {
            ended = true;
            return false;
        }
        current = next;
        position = 0;
        return true;
    }

    private Chunk take() throws IOException {
        try {
            while (true) {
                Chunk next = filled.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next;
                }
                if (!pump.isAlive() && filled.isEmpty()) {
                    // An Error (out of memory) ended it without a word.
                    throw new IOException("reading ahead stopped unexpectedly");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        }
    }

    @Override
    public void close() throws IOException {
        pump.interrupt();
        try {
            pump.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
