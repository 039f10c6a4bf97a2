package io.vst.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority made with openssl for one test: a CA, a server certificate for
 * localhost / 127.0.0.1 and a client certificate, as PEM files in {@code dir}.
 */
public record TestPki(Path dir, Path caCert, Path caKey, Path serverCert, Path serverKey, Path clientCert,
                      Path clientKey) {

    /** Makes the CA and both certificates; skips the test when openssl is missing. */
    public static TestPki make(Path dir) throws IOException, InterruptedException {
        assumeTrue(onPath("openssl"), "openssl is needed to make a throwaway CA");
        Path caKey = dir.resolve("ca.key");
        Path caCert = dir.resolve("ca.pem");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out",
                caCert.toString(), "-days", "1", "-subj", "/CN=vst-test-ca");
        TestPki pki = new TestPki(dir, caCert, caKey, dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("client.pem"), dir.resolve("client.key"));
        pki.issue("localhost", "IP:127.0.0.1,DNS:localhost", pki.serverKey, pki.serverCert);
        pki.issue("vst-client", "DNS:vst-client", pki.clientKey, pki.clientCert);
        return pki;
    }

    /** Issues a certificate for {@code cn} with subjectAltName {@code san}, signed by this CA. */
    public void issue(String cn, String san, Path key, Path cert) throws IOException, InterruptedException {
        Path csr = dir.resolve(cn + ".csr");
        Path ext = Files.writeString(dir.resolve(cn + ".ext"), "subjectAltName=" + san + "\n");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=" + cn);
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "1", "-extfile", ext.toString());
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
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
