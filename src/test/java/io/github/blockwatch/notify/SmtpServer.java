package io.github.blockwatch.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server for the e-mail channel's tests: Debian's {@code python3-aiosmtpd}
 * ({@code src/test/resources/notify/smtp_server.py}) on 127.0.0.1 with a certificate made here by keytool,
 * STARTTLS required or SMTPS, AUTH required over TLS, messages kept in a Maildir.
 */
final class SmtpServer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3"; // Debian's, where python3-aiosmtpd is installed
    static final String USER = "blockwatch";
    static final String PASSWORD = "mail-pass-7f3";

    private final Process process;
    private final Path dir;
    private final int port;

    private SmtpServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** @param mode {@code starttls} or {@code smtps} */
    static SmtpServer start(Path dir, String mode) throws Exception {
        Path keystore = dir.resolve("smtp.p12");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "smtp",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        Key key = store.getKey("smtp", "changeit".toCharArray());
        Certificate cert = store.getCertificate("smtp");
        Path keyPem = Files.writeString(dir.resolve("smtp-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        Path certPem = Files.writeString(dir.resolve("smtp-cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        Path script = dir.resolve("smtp_server.py");
        try (InputStream in = SmtpServer.class.getResourceAsStream("/notify/smtp_server.py")) {
            Files.copy(in, script);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(PYTHON, script.toString(), String.valueOf(port), mode, certPem.toString(),
                keyPem.toString(), dir.resolve("maildir").toString(), USER, PASSWORD)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> said = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("READY")) {
                return new SmtpServer(process, dir, port);
            }
            said.add(line);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the SMTP server did not start (is python3-aiosmtpd installed?): " + String.join("\n", said));
    }

    int port() {
        return port;
    }

    /** The messages received so far, parsed with Jakarta Mail. */
    List<MimeMessage> received() throws Exception {
        Path incoming = dir.resolve("maildir").resolve("new");
        List<MimeMessage> messages = new ArrayList<>();
        if (!Files.isDirectory(incoming)) {
            return messages;
        }
        try (var files = Files.list(incoming)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    messages.add(new MimeMessage(Session.getInstance(new Properties()), in));
                }
            }
        }
        return messages;
    }

    /** One line per login tried: {@code MECHANISM user ok|refused tls=True|False}. */
    List<String> logins() throws IOException {
        Path log = dir.resolve("auth.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " failed: " + output);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
