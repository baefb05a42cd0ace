package io.github.blockwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.Severity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Retries against a real receiver that fails as the test scripts it. */
class DelivererTest {
    private static final RetryPolicy FAST = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(200),
            Duration.ofSeconds(5), Duration.ofSeconds(30));

    private final Message message = Message.of(TestAlerts.DUMP_2018,
            List.of(TestAlerts.notifyAlert("LARGE_RANGE-00000000000000b1", "52.58.0.0/15", 131_072, Severity.LOW)));
    private final List<String> counted = new ArrayList<>();
    private final Deliverer.Counts counts = new Deliverer.Counts() {
        public void delivered(String channel, int alerts) {
            counted.add("delivered " + channel);
        }

        public void retried(String channel) {
            counted.add("retried " + channel);
        }

        public void failed(String channel, int alerts) {
            counted.add("failed " + channel);
        }
    };

    private Deliverer.Outcome deliver(Receiver receiver, RetryPolicy policy) throws InterruptedException {
        var spec = new ChannelSpec.Webhook("ops", URI.create(receiver.url("/hook")), null, "X-Sig", Map.of());
        Channel channel = new WebhookChannel(spec, new MessageText(null, 10), new HttpPoster(policy.timeout()));
        return new Deliverer(policy, d -> Thread.sleep(d.toMillis()), counts, new SplittableRandom(16)).deliver(channel, message);
    }

    @Test
    void shouldDeliverAfterThreeServerErrors() throws Exception {
        try (Receiver receiver = Receiver.start(n -> Receiver.Answer.of(n < 3 ? 500 : 200, n < 3 ? "busy" : ""))) {
            Deliverer.Outcome outcome = deliver(receiver, FAST);

            assertThat(outcome).isEqualTo(new Deliverer.Outcome(true, 4, null));
            assertThat(receiver.requests()).hasSize(4).extracting(r -> r.header("Idempotency-Key")).containsOnly(message.key());
            assertThat(counted).containsExactly("retried ops", "retried ops", "retried ops", "delivered ops");
        }
    }

    @Test
    void shouldGiveUpAtOnceOnABadRequest() throws Exception {
        try (Receiver receiver = Receiver.start(n -> Receiver.Answer.of(400, "{\"error\":\"unknown field\"}"))) {
            Deliverer.Outcome outcome = deliver(receiver, FAST);

            assertThat(outcome).isEqualTo(new Deliverer.Outcome(false, 1, "HTTP 400: {\"error\":\"unknown field\"}"));
            assertThat(receiver.requests()).hasSize(1);
            assertThat(counted).containsExactly("failed ops");
        }
    }

    @Test
    void shouldGiveUpWhenTheTriesAreUsedUp() throws Exception {
        try (Receiver receiver = Receiver.start(n -> Receiver.Answer.of(503, ""))) {
            Deliverer.Outcome outcome = deliver(receiver, FAST);

            assertThat(outcome).isEqualTo(new Deliverer.Outcome(false, 5, "HTTP 503 (gave up after 5 tries)"));
            assertThat(receiver.requests()).hasSize(5);
        }
    }

    @Test
    void shouldWaitAsLongAsRetryAfterSays() throws Exception {
        try (Receiver receiver = Receiver.start(n -> n == 0
                ? new Receiver.Answer(429, Map.of("Retry-After", "2"), "slow down") : Receiver.Answer.of(200, ""))) {
            Deliverer.Outcome outcome = deliver(receiver, FAST);

            assertThat(outcome.delivered()).isTrue();
            List<Receiver.Request> requests = receiver.requests();
            // The policy alone would wait at most 20 ms; the receiver asked for 2 s.
            assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
        }
    }

    @Test
    void shouldFailRatherThanWaitLongerThanThePolicyHonours() throws Exception {
        try (Receiver receiver = Receiver.start(n -> new Receiver.Answer(429, Map.of("Retry-After", "3600"), ""))) {
            Deliverer.Outcome outcome = deliver(receiver, FAST);

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.reason()).isEqualTo("HTTP 429 (asked to retry after 3600 s, more than retry.max-retry-after 30 s)");
        }
    }

    @Test
    void shouldRetryARefusedConnection() throws Exception {
        Receiver receiver = Receiver.accepting("");
        receiver.close(); // nobody listens on its port now
        Deliverer.Outcome outcome = deliver(receiver, FAST);

        assertThat(outcome).isEqualTo(new Deliverer.Outcome(false, 5, "connection refused (gave up after 5 tries)"));
    }

    @Test
    void shouldBackOffExponentiallyWithJitterUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(5), Duration.ofMinutes(1));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            assertThat(policy.delayAfter(1, random)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(policy.delayAfter(3, random)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(policy.delayAfter(9, random)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        }
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> policy.delayAfter(2, random)).distinct().count())
                .as("jitter").isGreaterThan(10);
    }
}
