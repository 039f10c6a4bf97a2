package io.vst.valkey;

import io.vst.VstException;
import io.vst.valkey.resp.HandshakingSocketFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the TLS context of an endpoint from PEM files (CA, client certificate, PKCS#8 key). */
final class TlsContexts {

    private static final Pattern KEY_PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsContexts() {
    }

    static SSLContext context(ValkeyEndpoint ep) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(ep), trustManagers(ep), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new VstException(VstException.Kind.INVALID_INPUT, "Cannot set up TLS: " + e.getMessage(),
                    "check the PEM files given with --tls-ca, --tls-cert and --tls-key", e);
        }
    }

    /**
     * The socket factory for {@code ep}: handshakes as soon as the socket is made, within
     * {@code handshakeMillis}, and names the likely cause when that fails.
     */
    static javax.net.ssl.SSLSocketFactory socketFactory(ValkeyEndpoint ep, int handshakeMillis) {
        return new HandshakingSocketFactory(context(ep).getSocketFactory(), parameters(ep), handshakeMillis);
    }

    /** Host name verification is on unless the endpoint asks for an insecure connection. */
    static SSLParameters parameters(ValkeyEndpoint ep) {
        SSLParameters p = new SSLParameters();
        if (!ep.tlsInsecure()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return p;
    }

    private static TrustManager[] trustManagers(ValkeyEndpoint ep) throws GeneralSecurityException {
        if (ep.tlsInsecure()) {
            return new TrustManager[] {new TrustEverything()};
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (ep.tlsCa() == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore store = emptyStore();
            int i = 0;
            for (Certificate c : certificates(ep.tlsCa())) {
                store.setCertificateEntry("ca" + i++, c);
            }
            tmf.init(store);
        }
        return tmf.getTrustManagers();
    }

    private static KeyManager[] keyManagers(ValkeyEndpoint ep) throws GeneralSecurityException {
        if (ep.tlsCert() == null) {
            return null;
        }
        List<Certificate> chain = new ArrayList<>(certificates(ep.tlsCert()));
        PrivateKey key = privateKey(ep.tlsKey(), chain.get(0).getPublicKey().getAlgorithm());
        KeyStore store = emptyStore();
        char[] none = new char[0];
        store.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, none);
        return kmf.getKeyManagers();
    }

    private static Collection<? extends Certificate> certificates(Path file) throws GeneralSecurityException {
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(read(file)));
        if (certs.isEmpty()) {
            throw VstException.invalidInput("No certificate in " + file, "give a PEM file with BEGIN CERTIFICATE");
        }
        return certs;
    }

    private static PrivateKey privateKey(Path file, String algorithm) throws GeneralSecurityException {
        Matcher m = KEY_PEM.matcher(new String(read(file), StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw VstException.invalidInput("No PKCS#8 private key (BEGIN PRIVATE KEY) in " + file,
                    "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new VstException(VstException.Kind.INVALID_INPUT, "Cannot read TLS file " + file + ": "
                    + e.getMessage(), "check the path and its permissions", e);
        }
    }

    /** Accepts any server certificate: used only when the user asked for {@code --insecure}. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Never used on the client side.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Deliberately trusts every server: the user passed --insecure.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
