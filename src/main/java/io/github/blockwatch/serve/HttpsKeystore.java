package io.github.blockwatch.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The key and certificate the HTTP server serves TLS with: a PKCS12 (or JKS) keystore, loaded once at
 * start so that a wrong path or password is one clear line before anything listens.
 */
public final class HttpsKeystore {
    private final Path file;
    private final String password;
    private final KeyStore keyStore;

    private HttpsKeystore(Path file, String password, KeyStore keyStore) {
        this.file = file;
        this.password = password;
        this.keyStore = keyStore;
    }

    /** @throws IOException naming the file when it is missing, unreadable, has no key or the password is wrong */
    public static HttpsKeystore load(Path file, String password) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("HTTPS keystore not found: " + file);
        }
        KeyStore store;
        boolean hasKey = false;
        try {
            store = KeyStore.getInstance(file.toFile(), password.toCharArray()); // PKCS12 or JKS, by content
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot read HTTPS keystore " + file + " (wrong password or not a keystore): "
                    + e.getMessage(), e);
        }
        if (!hasKey) {
            throw new IOException("HTTPS keystore " + file + " holds no private key");
        }
        return new HttpsKeystore(file.toAbsolutePath(), password, store);
    }

    /** Jetty's server-side TLS settings for this keystore. */
    SslContextFactory.Server serverContext() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(password);
        factory.setKeyManagerPassword(password);
        return factory;
    }

    /**
     * What an instance trusts when it forwards a request to another over HTTPS: every certificate in this
     * keystore's chains, so instances sharing a certificate, or holding certificates from one CA whose
     * certificate is in the chain, reach each other without a separate truststore.
     */
    SSLContext peerTrust() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (String alias : Collections.list(keyStore.aliases())) {
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (chain == null && keyStore.getCertificate(alias) != null) {
                    chain = new Certificate[] {keyStore.getCertificate(alias)};
                }
                for (Certificate certificate : chain == null ? new Certificate[0] : chain) {
                    trusted.setCertificateEntry("peer-" + n++, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the peer trust from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
