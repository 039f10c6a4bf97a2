package io.vst.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** MONITOR arguments whose escapes are ambiguous (the server writes backslashes as they are). */
class MonitorArgsTest {

    @Test
    void aBackslashSequenceIsReadAsAnEscapeOrAsTheBytesItIsDependingOnTheKnownLength() {
        String line = "+1.0 [0 127.0.0.1:1] \"HSET\" \"vec:1\" \"vector\" \"\\na\\x01\"";
        assertThat(MonitorArgs.after(line, "vector", 3)).containsExactly('\n', 'a', 1);
        assertThat(MonitorArgs.after(line, "vector", 4)).containsExactly('\\', 'n', 'a', 1);
        assertThatThrownBy(() -> MonitorArgs.after(line, "vector", 9)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("not 9 bytes");
        // A quote inside the value does not end it when the length says more bytes follow.
        String quoted = "+1.0 [0 127.0.0.1:1] \"HSET\" \"k\" \"vector\" \"a\"b\" \"x\"";
        assertThat(MonitorArgs.after(quoted, "vector", 3)).containsExactly('a', '"', 'b');
    }
}
