package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vst.testsupport.ValkeyTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS to a real valkey-server with a throwaway CA made by openssl for this test. */
class TlsTest {

    @TempDir
    Path dir;

    @Test
    void verifiesTheServerAgainstTheGivenCa() throws Exception {
        Pki pki = makePki();
        ManagedServerOptions options = ManagedServerOptions.defaults().withTls(
                new ManagedServerOptions.TlsFiles(pki.serverCert, pki.serverKey, pki.caCert));
        try (ValkeyTestServer server = startTls(options)) {
            int tlsPort = server.server().tlsPort();
            ValkeyEndpoint base = ValkeyEndpoint.parse("valkeys://127.0.0.1:" + tlsPort).withCluster(ClusterMode.AUTO);

            try (ValkeyClient client = ValkeyClient.connect(base.withTls(pki.caCert, null, null, false), 1)) {
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
                    .withTls(pki.caCert, null, null, false);
            try (ValkeyClient client = ValkeyClient.connect(byName, 1)) {
                assertThat(client.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void mutualTlsWithClientCertificate() throws Exception {
        Pki pki = makePki();
        ManagedServerOptions options = ManagedServerOptions.defaults()
                .withTls(new ManagedServerOptions.TlsFiles(pki.serverCert, pki.serverKey, pki.caCert))
                .withArgs("--tls-auth-clients", "yes");
        try (ValkeyTestServer server = startTls(options)) {
            ValkeyEndpoint base = ValkeyEndpoint.parse("valkeys://127.0.0.1:" + server.server().tlsPort());
            try (ValkeyClient client = ValkeyClient.connect(
                    base.withTls(pki.caCert, pki.clientCert, pki.clientKey, false), 1)) {
                assertThat(client.ping()).isEqualTo("PONG");
            }
            assertThatThrownBy(() -> ValkeyClient.connect(base.withTls(pki.caCert, null, null, false), 1))
                    .isInstanceOfSatisfying(ValkeyException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION));
        }
    }

    @Test
    void certificateForAnotherHostIsRejected() throws Exception {
        Pki pki = makePki();
        Path otherKey = dir.resolve("other.key");
        Path otherCert = dir.resolve("other.pem");
        issue(pki, "other.example", "DNS:other.example", otherKey, otherCert);
        ManagedServerOptions options = ManagedServerOptions.defaults()
                .withTls(new ManagedServerOptions.TlsFiles(otherCert, otherKey, pki.caCert));
        try (ValkeyTestServer server = startTls(options)) {
            ValkeyEndpoint ep = ValkeyEndpoint.parse("valkeys://127.0.0.1:" + server.server().tlsPort());
            assertThatThrownBy(() -> ValkeyClient.connect(ep.withTls(pki.caCert, null, null, false), 1))
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

    private record Pki(Path caCert, Path caKey, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
    }

    private Pki makePki() throws Exception {
        assumeTrue(onPath("openssl"), "openssl is needed to make a throwaway CA");
        Path caKey = dir.resolve("ca.key");
        Path caCert = dir.resolve("ca.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out",
                caCert.toString(), "-days", "1", "-subj", "/CN=vst-test-ca");
        Pki pki = new Pki(caCert, caKey, dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("client.pem"), dir.resolve("client.key"));
        issue(pki, "localhost", "IP:127.0.0.1,DNS:localhost", pki.serverKey, pki.serverCert);
        issue(pki, "vst-client", "DNS:vst-client", pki.clientKey, pki.clientCert);
        return pki;
    }

    private void issue(Pki pki, String cn, String san, Path key, Path cert) throws Exception {
        Path csr = dir.resolve(cn + ".csr");
        Path ext = Files.writeString(dir.resolve(cn + ".ext"), "subjectAltName=" + san + "\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=" + cn);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", pki.caCert.toString(), "-CAkey",
                pki.caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "1", "-extfile",
                ext.toString());
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + ": "
                + Files.readString(dir.resolve("openssl.log"))).isZero();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
