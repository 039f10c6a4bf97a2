package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.testsupport.TestPki;
import io.vst.testsupport.ValkeyTestServer;
import io.vst.valkey.resp.ErrorCategory;
import io.vst.valkey.resp.ValkeyException;
import io.vst.valkey.server.ManagedServer;
import io.vst.valkey.server.ManagedServerOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS to a real valkey-server with a throwaway CA made by openssl for this test. */
class TlsTest {

    @TempDir
    Path dir;

    @Test
    void verifiesTheServerAgainstTheGivenCa() throws Exception {
        TestPki pki = TestPki.make(dir);
        ManagedServerOptions options = ManagedServerOptions.defaults().withTls(
                new ManagedServerOptions.TlsFiles(pki.serverCert(), pki.serverKey(), pki.caCert()));
        try (ValkeyTestServer server = startTls(options)) {
            int tlsPort = server.server().tlsPort();
            ValkeyEndpoint base = ValkeyEndpoint.parse("valkeys://127.0.0.1:" + tlsPort).withCluster(ClusterMode.AUTO);

            try (ValkeyClient client = ValkeyClient.connect(base.withTls(pki.caCert(), null, null, false), 1)) {
                assertThat(client.ping()).isEqualTo("PONG");
                assertThat(client.writeVectors(List.of(VectorWrite.of("tls:1", new byte[16]))).succeeded())
                        .isEqualTo(1);
            }
            // The JVM's own trust store does not know the throwaway CA.
            assertThatThrownBy(() -> ValkeyClient.connect(base, 1)).isInstanceOfSatisfying(ValkeyException.class,
                    e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION));
            try (ValkeyClient insecure = ValkeyClient.connect(base.withTls(null, null, null, true), 1)) {
                assertThat(insecure.readVector("tls:1")).hasSize(16);
            }
            // The certificate's DNS name verifies as well as its IP address.
            ValkeyEndpoint byName = ValkeyEndpoint.parse("valkeys://localhost:" + tlsPort)
                    .withTls(pki.caCert(), null, null, false);
            try (ValkeyClient client = ValkeyClient.connect(byName, 1)) {
                assertThat(client.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void mutualTlsWithClientCertificate() throws Exception {
        TestPki pki = TestPki.make(dir);
        ManagedServerOptions options = ManagedServerOptions.defaults()
                .withTls(new ManagedServerOptions.TlsFiles(pki.serverCert(), pki.serverKey(), pki.caCert()))
                .withArgs("--tls-auth-clients", "yes");
        try (ValkeyTestServer server = startTls(options)) {
            ValkeyEndpoint base = ValkeyEndpoint.parse("valkeys://127.0.0.1:" + server.server().tlsPort());
            try (ValkeyClient client = ValkeyClient.connect(
                    base.withTls(pki.caCert(), pki.clientCert(), pki.clientKey(), false), 1)) {
                assertThat(client.ping()).isEqualTo("PONG");
            }
            assertThatThrownBy(() -> ValkeyClient.connect(base.withTls(pki.caCert(), null, null, false), 1))
                    .isInstanceOfSatisfying(ValkeyException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION));
        }
    }

    @Test
    void certificateForAnotherHostIsRejected() throws Exception {
        TestPki pki = TestPki.make(dir);
        Path otherKey = dir.resolve("other.key");
        Path otherCert = dir.resolve("other.pem");
        pki.issue("other.example", "DNS:other.example", otherKey, otherCert);
        ManagedServerOptions options = ManagedServerOptions.defaults()
                .withTls(new ManagedServerOptions.TlsFiles(otherCert, otherKey, pki.caCert()));
        try (ValkeyTestServer server = startTls(options)) {
            ValkeyEndpoint ep = ValkeyEndpoint.parse("valkeys://127.0.0.1:" + server.server().tlsPort());
            assertThatThrownBy(() -> ValkeyClient.connect(ep.withTls(pki.caCert(), null, null, false), 1))
                    .isInstanceOfSatisfying(ValkeyException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION));
            try (ValkeyClient insecure = ValkeyClient.connect(ep.withTls(null, null, null, true), 1)) {
                assertThat(insecure.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void missingCaFileIsInvalidInputNotAConnectionFailure() {
        ValkeyEndpoint ep = ValkeyEndpoint.parse("valkeys://127.0.0.1:" + ManagedServer.freePort())
                .withTls(dir.resolve("no-such-ca.pem"), null, null, false);
        assertThatThrownBy(() -> ValkeyClient.connect(ep, 1)).isInstanceOfSatisfying(io.vst.VstException.class, e -> {
            assertThat(e.kind()).isEqualTo(io.vst.VstException.Kind.INVALID_INPUT);
            assertThat(e.getMessage()).contains("no-such-ca.pem");
        });
    }

    private static ValkeyTestServer startTls(ManagedServerOptions options) {
        ValkeyTestServer.requireBinary();
        return ValkeyTestServer.start(options);
    }
}
