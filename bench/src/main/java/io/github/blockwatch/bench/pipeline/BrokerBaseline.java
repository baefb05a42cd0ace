package io.github.blockwatch.bench.pipeline;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the broker alone can take on this machine: the very records ingest published to
 * {@code blockwatch.registry.events} (same keys, values and count), produced again to a fresh topic with
 * the same settings (LogAppendTime, 16 MiB records, one partition), in one transaction with acks=all,
 * idempotence and lz4, by kcat (librdkafka) and by the Java client. Neither parses, diffs or processes
 * anything, so this is the ceiling for events/s through the topology.
 */
final class BrokerBaseline {
    private final ClientSettings clients;
    private final List<byte[][]> records;
    private final long bytes;

    private BrokerBaseline(ClientSettings clients, List<byte[][]> records, long bytes) {
        this.clients = clients;
        this.records = records;
        this.bytes = bytes;
    }

    /** Reads every committed record of the events topic as raw bytes. */
    static BrokerBaseline ofEvents(ClientSettings clients) {
        Properties props = clients.copy();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        List<byte[][]> records = new ArrayList<>();
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REGISTRY_EVENTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new byte[][] {r.key(), r.value()});
                    bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                }
            }
        }
        return new BrokerBaseline(clients, records, bytes);
    }

    int count() {
        return records.size();
    }

    double averageBytes() {
        return records.isEmpty() ? 0 : (double) bytes / records.size();
    }

    /** The Java client: the settings ingest publishes with; returns records/s, first send to commit. */
    double javaProducer(String topic) throws InterruptedException {
        createTopic(topic);
        Properties props = clients.copy();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-baseline-" + topic);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(4L * Topics.MAX_MESSAGE_BYTES));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            long started = System.nanoTime();
            producer.beginTransaction();
            for (byte[][] r : records) {
                producer.send(new ProducerRecord<>(topic, r[0], r[1]));
            }
            producer.commitTransaction();
            double rate = records.size() / ((System.nanoTime() - started) / 1e9);
            requireCount(topic);
            return rate;
        }
    }

    /**
     * kcat -P from a file of the same records, in one transaction (kcat commits when the file is read),
     * acks=all, idempotence, lz4; returns records/s of the whole kcat process, or NaN when kcat is missing.
     */
    double kcat(String topic, Path work) throws IOException, InterruptedException {
        if (!onPath("kcat")) {
            return Double.NaN;
        }
        createTopic(topic);
        byte[] keyDelimiter = delimiter(0x1d);
        byte[] messageDelimiter = delimiter(0x1e);
        Path file = work.resolve("kcat-input.bin");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (byte[][] r : records) {
                out.write(r[0]);
                out.write(keyDelimiter);
                out.write(r[1]);
                out.write(messageDelimiter);
            }
        }
        List<String> command = List.of("kcat", "-P", "-q", "-b", clients.bootstrap(), "-t", topic, "-l",
                "-K", escaped(keyDelimiter), "-D", escaped(messageDelimiter), "-z", "lz4",
                "-X", "acks=all", "-X", "enable.idempotence=true", "-X", "transactional.id=bench-kcat-" + topic,
                "-X", "linger.ms=20", "-X", "batch.size=" + (256 * 1024),
                "-X", "message.max.bytes=" + Topics.MAX_MESSAGE_BYTES, "-m", "60", file.toString());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("kcat.log").toFile()).start();
        if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("kcat failed; see " + work.resolve("kcat.log") + ": "
                    + Files.readString(work.resolve("kcat.log")).lines().limit(5).toList());
        }
        double rate = records.size() / ((System.nanoTime() - started) / 1e9);
        requireCount(topic);
        Files.delete(file);
        return rate;
    }

    /** 8 bytes starting with {@code first} that occur in no key or value (checked). */
    private byte[] delimiter(int first) {
        for (int salt = 0; ; salt++) {
            byte[] candidate = {(byte) first, (byte) 0xfe, (byte) 0x9c, (byte) (0x11 + salt), 0x00, (byte) 0xa7, (byte) 0xfd, (byte) first};
            boolean clash = false;
            for (byte[][] r : records) {
                if (contains(r[0], candidate) || contains(r[1], candidate)) {
                    clash = true;
                    break;
                }
            }
            if (!clash) {
                return candidate;
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String escaped(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format(java.util.Locale.ROOT, "\\x%02x", b & 0xff));
        }
        return s.toString();
    }

    static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private void createTopic(String topic) {
        createTopic(clients, topic);
    }

    /** A one-partition topic with the events topic's settings. */
    static void createTopic(ClientSettings clients, String topic) {
        try (Admin admin = Admin.create(clients.copy())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Topics.REGISTRY_EVENTS.configs())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The topic holds all the records (plus one transaction marker). */
    private void requireCount(String topic) {
        try (Admin admin = Admin.create(clients.copy())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(30, TimeUnit.SECONDS).offset();
            if (end < records.size()) {
                throw new IllegalStateException(topic + " holds " + end + " records, expected " + records.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the end of " + topic + ": " + e.getMessage(), e);
        }
    }
}
