package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.VstException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles written here read back unchanged, by this class and by the loader {@code --profile} uses. */
class EndpointProfilesTest {

    @Test
    void aWrittenProfileReadsBackAndHoldsNoPassword(@TempDir Path dir) throws Exception {
        EndpointProfiles profiles = new EndpointProfiles(dir.resolve("profiles"));
        assertThat(profiles.names()).isEmpty();
        EndpointProfiles.Profile p = new EndpointProfiles.Profile("prod-1", "db1.example", 6390, 2, "vst", "PROD_PW",
                false, true, Path.of("/etc/ca.pem"), Path.of("/etc/c.pem"), Path.of("/etc/k.pem"), false,
                ClusterMode.CLUSTER);
        Path file = profiles.write(p);
        assertThat(file).isEqualTo(dir.resolve("profiles/prod-1.yaml"));
        assertThat(profiles.read("prod-1")).isEqualTo(p);
        assertThat(Files.readString(file)).doesNotContain("s3cret").contains("password_env: PROD_PW");

        // The loader behind vst --profile reads the same file.
        ValkeyEndpoint ep = ValkeyEndpoint.fromProfile("prod-1", dir.resolve("profiles"), Map.of("PROD_PW", "s3cret"));
        assertThat(ep.address()).isEqualTo("db1.example:6390");
        assertThat(ep.database()).isEqualTo(2);
        assertThat(ep.tlsCert()).isEqualTo(Path.of("/etc/c.pem"));
        assertThat(ep.cluster()).isEqualTo(ClusterMode.CLUSTER);
        assertThat(ep.password().reveal()).isEqualTo("s3cret");

        profiles.write(new EndpointProfiles.Profile("ask", "h", 7000, 0, null, null, true, false, null, null, null,
                false, ClusterMode.AUTO));
        assertThat(profiles.names()).containsExactly("ask", "prod-1");
        assertThat(profiles.read("ask").passwordPrompt()).isTrue();
        assertThat(profiles.endpoint("ask", Map.of()).password()).isNull();
        profiles.delete("prod-1");
        assertThat(profiles.names()).containsExactly("ask");
    }

    @Test
    void wrongProfilesAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        EndpointProfiles profiles = new EndpointProfiles(dir);
        assertThatThrownBy(() -> EndpointProfiles.Profile.of("../etc", "h", 1)).isInstanceOf(VstException.class)
                .hasMessageContaining("not valid");
        assertThatThrownBy(() -> profiles.write(EndpointProfiles.Profile.of("p", "h", 70000)))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> profiles.write(new EndpointProfiles.Profile("p", "h", 1, 0, null, null, false, true,
                null, Path.of("c.pem"), null, false, null))).hasMessageContaining("certificate needs its key");
        assertThat(profiles.names()).isEmpty();
    }

    @Test
    void theDirectoryFollowsTheConfigDirectory(@TempDir Path dir) {
        String before = System.getProperty("vst.config.dir");
        System.setProperty("vst.config.dir", dir.toString());
        try {
            assertThat(EndpointProfiles.user().directory()).isEqualTo(dir.resolve("profiles"));
        } finally {
            if (before == null) {
                System.clearProperty("vst.config.dir");
            } else {
                System.setProperty("vst.config.dir", before);
            }
        }
    }
}
