package io.github.blockwatch.cli;

import io.github.blockwatch.app.TopicFollower;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topic;
import io.github.blockwatch.kafka.TopicAdmin;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Prints a topic's committed records one line each, like kafka-console-consumer: from the end unless
 * {@code --from-beginning}, up to the current end unless {@code --follow}.
 */
final class TopicPrinter {
    private TopicPrinter() {}

    static <V> void print(ClientSettings settings, Topic<String, V> topic, TopicReadOptions options,
                          Predicate<V> wanted, Function<V, String> text, Function<V, String> json, PrintWriter out) {
        try (TopicAdmin admin = TopicAdmin.connect(settings)) {
            admin.requireBroker();
            admin.createMissing(List.of(topic), 1);
        }
        Function<V, String> line = options.format == TopicReadOptions.Format.json ? json : text;
        try (TopicFollower<String, V> follower = new TopicFollower<>(settings, topic, options.fromBeginning)) {
            BiConsumer<String, V> print = (key, value) -> {
                if (wanted.test(value)) {
                    out.println(line.apply(value));
                    out.flush();
                }
            };
            if (options.follow) {
                Runtime.getRuntime().addShutdownHook(new Thread(follower::stop));
                follower.follow(print);
            } else {
                follower.readToEnd(print);
            }
        }
    }
}
