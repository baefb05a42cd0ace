package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.broker.KraftCluster;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.reliability.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secure clients end to end: a broker whose client listener is SASL_SSL with SCRAM-SHA-512 and a certificate
 * made by this test (keytool: a self-signed key pair for {@code localhost}, its certificate in a truststore),
 * and the verbs given {@code --config client.properties} with standard Kafka keys. With the right password and
 * truststore, ingest publishes, run (a child JVM from the jar, its API over HTTPS with the same key pair)
 * applies and serves, alerts prints; with a wrong password or a truststore that does not hold the broker's
 * certificate, each verb stops with one line naming the cause.
 *
 * <p>SCRAM rather than PLAIN because SCRAM is what docs/OPERATIONS.md shows for production (the password never
 * crosses the wire, and users are added at runtime); the user is created over the broker's internal PLAINTEXT
 * listener, as an operator would with {@code kafka-configs.sh --alter --add-config SCRAM-SHA-512=...}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureClientsIT {
    private static final String STORE_PASSWORD = "store-secret";
    private static final String USER = "blockwatch";
    private static final String PASSWORD = "right-password";
    /** A user who may connect but not create topics. */
    private static final String READER = "reader";
    private static final Path ZI_2018 = Path.of("data/zi-2018-05-05.csv.gz");
    private static final long DISTINCT_IPV4_2018 = 14_692_449;

    @TempDir
    static Path work;

    private KraftCluster broker;
    private Path rightConfig;
    private Path readerConfig;
    private Path wrongPassword;
    private Path wrongTruststore;
    private Path brokerKeystore;
    private Path truststore;

    @BeforeAll
    void startSecuredBroker() throws Exception {
        brokerKeystore = keyPair("broker", "localhost");
        truststore = truststoreFor(brokerKeystore, "broker", "truststore.p12");
        Path stranger = keyPair("stranger", "localhost");
        Path strangerTruststore = truststoreFor(stranger, "stranger", "stranger-truststore.p12");

        broker = KraftCluster.startSaslSsl(work.resolve("broker"), brokerKeystore, STORE_PASSWORD);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.internalBootstrap()))) {
            admin.alterUserScramCredentials(List.of(
                    new UserScramCredentialUpsertion(USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD),
                    new UserScramCredentialUpsertion(READER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD)))
                    .all().get();
            // blockwatch may do anything on the cluster and the blockwatch.* topics; reader may not create them.
            List<AclBinding> acls = List.of(
                    acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, USER, AclOperation.ALL, AclPermissionType.ALLOW),
                    acl(ResourceType.TOPIC, "blockwatch.", PatternType.PREFIXED, USER, AclOperation.ALL, AclPermissionType.ALLOW),
                    acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, READER, AclOperation.CREATE, AclPermissionType.DENY),
                    acl(ResourceType.TOPIC, "blockwatch.", PatternType.PREFIXED, READER, AclOperation.CREATE, AclPermissionType.DENY));
            admin.createAcls(acls).all().get();
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeAcls(AclBindingFilter.ANY).values().get().size() == acls.size());
        }
        readerConfig = clientConfig("reader.properties", READER, PASSWORD, truststore);
        rightConfig = clientConfig("client.properties", PASSWORD, truststore);
        wrongPassword = clientConfig("wrong-password.properties", "wrong-password", truststore);
        wrongTruststore = clientConfig("wrong-truststore.properties", PASSWORD, strangerTruststore);
        // The new user reaches the broker through the metadata log: wait until it can log in.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            try (TopicAdmin admin = TopicAdmin.connect(ClientSettings.load(null, rightConfig))) {
                admin.requireBroker();
            }
        });
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1) // while the topics are still missing
    void shouldSayInOneLineThatAUserWithoutCreateRightsCannotCreateTheMissingTopics() throws Exception {
        List<String[]> verbs = List.of(
                new String[] {"run", "--config", readerConfig.toString(), "--no-http", "--state-dir", work.resolve("reader-streams").toString()},
                new String[] {"ingest", "--config", readerConfig.toString(), "--no-progress", ZI_2018.toString()},
                new String[] {"topics", "--create", "--config", readerConfig.toString()});
        for (String[] verb : verbs) {
            CliRun run = CliRun.of(verb);
            System.out.print("SecureClientsIT: " + run.err());
            assertThat(run.exitCode()).as(String.join(" ", verb)).isEqualTo(OneLineErrors.FAILED);
            assertThat(run.errLines()).as(verb[0]).singleElement().asString()
                    .startsWith("blockwatch " + verb[0] + ": error: not allowed to create blockwatch topics at localhost:")
                    .endsWith("create them first (see README, Topics) or use credentials with CREATE rights");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.internalBootstrap()))) {
            assertThat(admin.listTopics().names().get()).as("no topic was created").noneMatch(t -> t.startsWith("blockwatch."));
        }
    }

    @Test
    @Order(2)
    void shouldIngestRunAndPrintAlertsWithTheRightCredentialsAndServeTheApiOverHttps() throws Exception {
        CliRun ingest = CliRun.of("ingest", "--config", rightConfig.toString(), "--no-progress", ZI_2018.toString());

        assertThat(ingest.exitCode()).as(ingest.err()).isEqualTo(IngestCommand.ROWS_REJECTED);
        assertThat(ingest.out()).contains("rows read 32,797 = accepted 32,796 + rejected 1");

        Path passwordFile = Files.writeString(work.resolve("https-password"), STORE_PASSWORD + "\n");
        int port = io.github.blockwatch.broker.EmbeddedBroker.freePort();
        try (ChildJvm run = ChildJvm.start(work.resolve("logs"), "run", "768m", "run", "--config", rightConfig.toString(),
                "--state-dir", work.resolve("streams").toString(), "--http-port", String.valueOf(port),
                "--https-keystore", brokerKeystore.toString(), "--https-keystore-password-file", passwordFile.toString())) {
            String started = run.awaitOutLine(Duration.ofMinutes(3), line -> line.startsWith("blockwatch run:"));
            assertThat(started).contains("https://127.0.0.1:" + port + "/");
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(run.process().isAlive()).as(run.err()).isTrue();
                return !readTable(broker.internalBootstrap(), Topics.STATS).isEmpty();
            });

            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(truststore))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            JsonNode stats = await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                    .until(() -> new ObjectMapper().readTree(get(trusting, "https://localhost:" + port + "/api/stats")),
                            json -> json.path("totals").path("distinctIpv4").asLong() == DISTINCT_IPV4_2018);
            assertThat(stats.path("series")).hasSize(1);
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "http://localhost:" + port + "/api/stats"))
                    .as("plain HTTP on the HTTPS port").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> get(HttpClient.newBuilder().sslContext(trusting(strangerTruststore())).build(),
                    "https://localhost:" + port + "/api/stats")).as("a client that does not trust the certificate")
                    .isInstanceOf(IOException.class);
        }

        CliRun alerts = CliRun.of("alerts", "--config", rightConfig.toString(), "--from-beginning");

        assertThat(alerts.exitCode()).as(alerts.err()).isZero();
        long committed = readAll(broker.internalBootstrap(), Topics.ALERTS).size();
        assertThat(committed).isPositive();
        assertThat(alerts.outLines()).hasSize((int) committed).anyMatch(line -> line.contains("LARGE_RANGE"));
    }

    @Test
    void shouldStopEachVerbWithOneLineOnAWrongPassword() {
        for (String[] verb : verbs(wrongPassword)) {
            CliRun run = CliRun.of(verb);
            System.out.print("SecureClientsIT: " + run.err());
            assertThat(run.exitCode()).as(String.join(" ", verb)).isEqualTo(OneLineErrors.FAILED);
            assertThat(run.errLines()).as(verb[0]).singleElement().asString()
                    .startsWith("blockwatch " + verb[0] + ": error: authentication failed at localhost:")
                    .contains("invalid credentials");
        }
    }

    @Test
    void shouldStopEachVerbWithOneLineOnATruststoreWithoutTheBrokersCertificate() {
        for (String[] verb : verbs(wrongTruststore)) {
            CliRun run = CliRun.of(verb);
            System.out.print("SecureClientsIT: " + run.err());
            assertThat(run.exitCode()).as(String.join(" ", verb)).isEqualTo(OneLineErrors.FAILED);
            assertThat(run.errLines()).as(verb[0]).singleElement().asString()
                    .startsWith("blockwatch " + verb[0] + ": error: TLS handshake failed with localhost:")
                    .contains("certification path");
        }
    }

    @Test
    void shouldRefuseAWrongHttpsKeystorePasswordInOneLine() throws Exception {
        Path passwordFile = Files.writeString(work.resolve("wrong-https-password"), "not-it\n");
        CliRun run = CliRun.of("run", "--config", rightConfig.toString(), "--state-dir", work.resolve("unused").toString(),
                "--https-keystore", brokerKeystore.toString(), "--https-keystore-password-file", passwordFile.toString());

        assertThat(run.exitCode()).isEqualTo(OneLineErrors.FAILED);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("blockwatch run: error: cannot read HTTPS keystore " + brokerKeystore);
    }

    /** Each verb that talks to Kafka, as far as it gets with {@code config}: run stops before starting Streams. */
    private List<String[]> verbs(Path config) {
        List<String[]> verbs = new ArrayList<>();
        verbs.add(new String[] {"ingest", "--config", config.toString(), "--no-progress", ZI_2018.toString()});
        verbs.add(new String[] {"run", "--config", config.toString(), "--no-http", "--state-dir",
                work.resolve("refused-streams").toString()});
        verbs.add(new String[] {"alerts", "--config", config.toString(), "--from-beginning"});
        verbs.add(new String[] {"topics", "--describe", "--config", config.toString()});
        return verbs;
    }

    private static AclBinding acl(ResourceType type, String name, PatternType pattern, String user, AclOperation operation,
                                  AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, permission));
    }

    private Path clientConfig(String name, String password, Path trust) throws IOException {
        return clientConfig(name, USER, password, trust);
    }

    private Path clientConfig(String name, String user, String password, Path trust) throws IOException {
        return Files.writeString(work.resolve(name), String.join("\n",
                "bootstrap.servers=" + broker.bootstrapServers(),
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";",
                "ssl.truststore.location=" + trust.toAbsolutePath(),
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.password=" + STORE_PASSWORD,
                ""));
    }

    /**
     * A PKCS12 keystore with a new self-signed key pair valid for {@code host} and 127.0.0.1 (subject
     * alternative names; each alias its own subject, so a certificate never passes for another's issuer),
     * via the JDK's keytool.
     */
    private Path keyPair(String alias, String host) throws Exception {
        Path keystore = work.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=blockwatch test " + alias, "-ext", "SAN=dns:" + host + ",ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        return keystore;
    }

    /** A PKCS12 truststore holding the certificate of {@code alias} in {@code keystore}. */
    private Path truststoreFor(Path keystore, String alias, String name) throws Exception {
        Path certificate = work.resolve(alias + ".pem");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-file", certificate.toString());
        Path trust = work.resolve(name);
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        return trust;
    }

    private Path strangerTruststore() {
        return work.resolve("stranger-truststore.p12");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }

    private static SSLContext trusting(Path truststore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
