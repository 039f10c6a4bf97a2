package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValkeyEndpointTest {

    @Test
    void parsesFullUriWithoutShowingThePassword() {
        ValkeyEndpoint ep = ValkeyEndpoint.parse("valkey://alice:top%40secret@db1.example:6380/3");
        assertThat(ep.host()).isEqualTo("db1.example");
        assertThat(ep.port()).isEqualTo(6380);
        assertThat(ep.database()).isEqualTo(3);
        assertThat(ep.user()).isEqualTo("alice");
        assertThat(ep.password().reveal()).isEqualTo("top@secret");
        assertThat(ep.tls()).isFalse();
        assertThat(ep.cluster()).isEqualTo(ClusterMode.AUTO);
        assertThat(ep.toString()).doesNotContain("top").doesNotContain("secret")
                .startsWith("valkey://alice@db1.example:6380/3");
        assertThat(ep.toUri()).isEqualTo("valkey://alice@db1.example:6380/3");
    }

    @Test
    void tlsSchemeDefaultsAndIpv6() {
        ValkeyEndpoint ep = ValkeyEndpoint.parse("valkeys://[::1]");
        assertThat(ep.tls()).isTrue();
        assertThat(ep.port()).isEqualTo(6379);
        assertThat(ep.host()).isEqualTo("::1");
        assertThat(ep.address()).isEqualTo("[::1]:6379");
        assertThat(ep.isLoopback()).isTrue();
        assertThat(ValkeyEndpoint.parse("rediss://h:1").tls()).isTrue();
        assertThat(ValkeyEndpoint.parse("valkey://10.1.2.3:7000").isLoopback()).isFalse();
    }

    @Test
    void badUrisAreInvalidInputWithTheRightForm() {
        for (String bad : new String[] {"localhost:6379", "http://h:1", "valkey://h:1/x", "valkey://:1",
                "valkey://h:99999", "valkey://h:1?tls=1", ""}) {
            assertThatThrownBy(() -> ValkeyEndpoint.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(VstException.class, e -> {
                        assertThat(e.kind()).isEqualTo(VstException.Kind.INVALID_INPUT);
                        assertThat(e.hint()).contains("valkey://[user:pass@]host:port[/db]");
                    });
        }
        assertThatThrownBy(() -> ValkeyEndpoint.parse("ftp://bob:hunter2@h:1"))
                .hasMessageNotContaining("hunter2").hasMessageContaining("****");
    }

    @Test
    void passwordFromEnvironment() {
        ValkeyEndpoint ep = ValkeyEndpoint.parse("valkey://h:1").withPasswordFromEnv("PW", Map.of("PW", "xyz123"));
        assertThat(ep.password().reveal()).isEqualTo("xyz123");
        assertThat(ep.toString()).contains("<password from env PW>").doesNotContain("xyz123");
        assertThatThrownBy(() -> ValkeyEndpoint.parse("valkey://h:1").withPasswordFromEnv("PW", Map.of()))
                .isInstanceOfSatisfying(VstException.class,
                        e -> assertThat(e.hint()).contains("export PW="));
    }

    @Test
    void certificateNeedsItsKey() {
        assertThatThrownBy(() -> ValkeyEndpoint.parse("valkeys://h:1").withTls(null, Path.of("c.pem"), null, false))
                .hasMessageContaining("certificate needs its key");
    }

    @Test
    void profilesLoadAndRefusePlainPasswords(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("prod.yaml"), "host: db1.example\nport: 6390\nuser: vst\n"
                + "password_env: PROD_PW\ntls: true\ntls_ca: /etc/ca.pem\ncluster: true\n");
        ValkeyEndpoint ep = ValkeyEndpoint.fromProfile("prod", dir, Map.of("PROD_PW", "pp"));
        assertThat(ep.host()).isEqualTo("db1.example");
        assertThat(ep.port()).isEqualTo(6390);
        assertThat(ep.user()).isEqualTo("vst");
        assertThat(ep.tls()).isTrue();
        assertThat(ep.tlsCa()).isEqualTo(Path.of("/etc/ca.pem"));
        assertThat(ep.cluster()).isEqualTo(ClusterMode.CLUSTER);
        assertThat(ep.password().reveal()).isEqualTo("pp");

        Files.writeString(dir.resolve("leaky.yaml"), "host: h\npassword: oops\n");
        assertThatThrownBy(() -> ValkeyEndpoint.fromProfile("leaky", dir, Map.of()))
                .hasMessageContaining("plain password").hasMessageNotContaining("oops");
        Files.writeString(dir.resolve("typo.yaml"), "hots: h\n");
        assertThatThrownBy(() -> ValkeyEndpoint.fromProfile("typo", dir, Map.of())).hasMessageContaining("[hots]");
        assertThatThrownBy(() -> ValkeyEndpoint.fromProfile("absent", dir, Map.of()))
                .hasMessageContaining("No connection profile 'absent'");
        assertThatThrownBy(() -> ValkeyEndpoint.fromProfile("../etc", dir, Map.of())).hasMessageContaining("not valid");
    }

    @Test
    void clusterFlagParsing() {
        assertThat(ClusterMode.parse("true")).isEqualTo(ClusterMode.CLUSTER);
        assertThat(ClusterMode.parse("false")).isEqualTo(ClusterMode.STANDALONE);
        assertThat(ClusterMode.parse("AUTO")).isEqualTo(ClusterMode.AUTO);
        assertThatThrownBy(() -> ClusterMode.parse("maybe")).isInstanceOf(VstException.class);
    }
}
