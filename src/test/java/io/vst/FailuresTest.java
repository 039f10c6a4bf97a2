package io.vst;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Failures read as words, never as a Java class name. */
class FailuresTest {

    @Test
    void theJvmsOwnFailuresSayWhatHappenedAndWhatToDo() {
        assertThat(Failures.describe(new OutOfMemoryError("Java heap space")))
                .isEqualTo("vst ran out of memory (Java heap space): give it more heap, e.g. VST_JAVA_OPTS=-Xmx2g");
        assertThat(Failures.describe(new StackOverflowError())).isEqualTo("internal error: the call stack overflowed");
    }

    @Test
    void whatHappenedAndWhatToDoCanBeShownApart() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertThat(Failures.what(oom)).isEqualTo("vst ran out of memory (Java heap space)");
        assertThat(Failures.hint(oom)).isEqualTo("give it more heap, e.g. VST_JAVA_OPTS=-Xmx2g");
        assertThat(Failures.what(new OutOfMemoryError())).isEqualTo("vst ran out of memory");
        VstException v = new VstException(VstException.Kind.RUNTIME, "no index 'x'", "create it first");
        assertThat(Failures.what(v)).isEqualTo("no index 'x'");
        assertThat(Failures.hint(v)).isEqualTo("create it first");
        assertThat(Failures.hint(new VstException(VstException.Kind.RUNTIME, "no index 'x'", null))).isNull();
        assertThat(Failures.what(new StackOverflowError("deep"))).isEqualTo("internal error: the call stack overflowed");
        assertThat(Failures.hint(new StackOverflowError())).isNull();
        assertThat(Failures.what(new IllegalStateException("queue closed"))).isEqualTo("queue closed");
        assertThat(Failures.hint(new IllegalStateException("queue closed"))).isNull();
    }

    @Test
    void exceptionsWhoseMessageIsOnlyANameSayWhatTheNameIs() {
        assertThat(Failures.describe(new UnknownHostException("datasets.example"))).isEqualTo("unknown host: datasets.example");
        assertThat(Failures.describe(new NoSuchFileException("/data/x.hdf5"))).isEqualTo("no such file: /data/x.hdf5");
        assertThat(Failures.describe(new ConnectException("Connection refused"))).isEqualTo("Connection refused");
        assertThat(Failures.describe(new ConnectException())).isEqualTo("connection failed");
    }

    @Test
    void vstsOwnFailuresKeepTheirHintAndOthersTheirMessage() {
        assertThat(Failures.describe(new VstException(VstException.Kind.RUNTIME, "no index 'x'", "create it first"))).isEqualTo("no index 'x' (create it first)");
        assertThat(Failures.describe(new IllegalStateException("queue closed"))).isEqualTo("queue closed");
        assertThat(Failures.describe(new NullPointerException())).isEqualTo("internal error");
    }
}
