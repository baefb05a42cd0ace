package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading ahead on another thread hands out the source's bytes unchanged, its errors included. */
class ReadAheadInputStreamTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, ReadAheadInputStream.CHUNK_BYTES - 1, ReadAheadInputStream.CHUNK_BYTES,
            ReadAheadInputStream.CHUNK_BYTES * (ReadAheadInputStream.CHUNKS_AHEAD + 3) + 17})
    void shouldHandOutTheSourcesBytesInOrder(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);

        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(bytes), "test")) {
            byte[] read = new byte[size];
            int n = in.readNBytes(read, 0, size / 2);
            int single = size > n ? in.read() : -1;
            if (single >= 0) {
                read[n++] = (byte) single;
            }
            n += in.readNBytes(read, n, size - n);
            assertThat(n).isEqualTo(size);
            assertThat(read).isEqualTo(bytes);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
        }
    }

    @Test
    void shouldThrowTheSourcesErrorAfterTheBytesBeforeIt() throws IOException {
        byte[] before = new byte[ReadAheadInputStream.CHUNK_BYTES * 2];
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("dump.csv.gz: corrupt gzip stream: invalid block type");
            }
        };

        try (InputStream in = new ReadAheadInputStream(new SequenceInputStream(new ByteArrayInputStream(before), failing), "test")) {
            assertThat(in.readNBytes(before.length)).hasSize(before.length);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                    .hasMessage("dump.csv.gz: corrupt gzip stream: invalid block type");
        }
    }

    @Test
    void shouldStopReadingWhenClosedEarly() throws IOException, InterruptedException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(endless, "endless");
        assertThat(in.read()).isEqualTo('x');

        in.close();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("read-ahead endless"));
    }
}
