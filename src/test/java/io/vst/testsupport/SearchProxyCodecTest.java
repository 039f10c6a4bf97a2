package io.vst.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vst.testsupport.proxy.RespProtocolException;
import io.vst.testsupport.proxy.RespReader;
import io.vst.testsupport.proxy.RespValue;
import io.vst.testsupport.proxy.RespWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy's own RESP2/RESP3 codec, without a server. */
class SearchProxyCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"+OK\r\n", "-ERR no\r\n", ":-42\r\n", "$3\r\na\r\n\r\n", "$0\r\n\r\n", "_\r\n",
        ",3.25\r\n", ",inf\r\n", "#t\r\n", "#f\r\n", "(12345678901234567890\r\n", "=7\r\ntxt:abc\r\n",
        "*2\r\n:1\r\n$1\r\nx\r\n", "%1\r\n+k\r\n*0\r\n", "~2\r\n:1\r\n:2\r\n", ">2\r\n+message\r\n$1\r\nm\r\n",
        "*3\r\n%1\r\n$1\r\na\r\n,1\r\n_\r\n~0\r\n"})
    void resp3ValuesRoundTripByteForByte(String wire) throws IOException {
        RespReader.RawValue read = reader(wire).readRaw();
        assertThat(RespValue.latin1(read.raw())).isEqualTo(wire);
        assertThat(RespValue.latin1(RespWriter.encode(read.value(), 3))).isEqualTo(wire);
    }

    @Test
    void resp2ClientsGetTheResp2FormOfResp3Values() throws IOException {
        assertThat(resp2("%1\r\n+k\r\n:1\r\n")).isEqualTo("*2\r\n+k\r\n:1\r\n");
        assertThat(resp2(",1.5\r\n")).isEqualTo("$3\r\n1.5\r\n");
        assertThat(resp2("#t\r\n")).isEqualTo(":1\r\n");
        assertThat(resp2("_\r\n")).isEqualTo("$-1\r\n");
        assertThat(resp2("*-1\r\n")).isEqualTo("*-1\r\n");
        assertThat(resp2("=7\r\ntxt:abc\r\n")).isEqualTo("$3\r\nabc\r\n");
        assertThat(resp2("~1\r\n:7\r\n")).isEqualTo("*1\r\n:7\r\n");
        assertThat(resp2("(9\r\n")).isEqualTo("$1\r\n9\r\n");
        assertThat(resp2("!5\r\nERR x\r\n")).isEqualTo("-ERR x\r\n");
    }

    @Test
    void attributesAreReadWithTheReplyTheyDecorate() throws IOException {
        RespReader.RawValue read = reader("|1\r\n+ttl\r\n:3\r\n:7\r\n").readRaw();
        assertThat(read.value()).isEqualTo(new RespValue.Int(7));
        assertThat(RespValue.latin1(read.raw())).isEqualTo("|1\r\n+ttl\r\n:3\r\n:7\r\n");
    }

    @Test
    void readsMultibulkAndInlineCommandsOneAfterAnother() throws IOException {
        RespReader reader = reader("*2\r\n$3\r\nGET\r\n$4\r\nk\r\nx\r\nSET  a \"b c\"\r\n\r\nPING\n");
        assertThat(texts(reader.readCommand())).containsExactly("GET", "k\r\nx");
        assertThat(texts(reader.readCommand())).containsExactly("SET", "a", "b c");
        assertThat(reader.readCommand()).isEmpty();
        assertThat(texts(reader.readCommand())).containsExactly("PING");
        assertThat(reader.readCommand()).isNull();
    }

    @Test
    void rejectsMalformedCommands() {
        assertThatThrownBy(() -> reader("*1\r\n:5\r\n").readCommand()).isInstanceOf(RespProtocolException.class);
        assertThatThrownBy(() -> reader("*z\r\n").readCommand()).isInstanceOf(RespProtocolException.class);
        assertThatThrownBy(() -> reader("*1\r\n$-5\r\n").readCommand()).isInstanceOf(RespProtocolException.class);
        assertThatThrownBy(() -> reader("*1\r\n$1\r\nab\r\n").readCommand()).isInstanceOf(RespProtocolException.class);
        assertThatThrownBy(() -> reader("GET \"open\r\n").readCommand()).isInstanceOf(RespProtocolException.class);
        assertThatThrownBy(() -> reader("?\r\n").read()).isInstanceOf(RespProtocolException.class);
    }

    @Test
    void writesCommandsAsArraysOfBulkStrings() {
        byte[] wire = RespWriter.command(List.of(RespValue.bytes("HSET"), new byte[] {0, (byte) 0xff}));
        assertThat(RespValue.latin1(wire)).isEqualTo("*2\r\n$4\r\nHSET\r\n$2\r\n\u0000\u00ff\r\n");
    }

    private static String resp2(String resp3) throws IOException {
        return RespValue.latin1(RespWriter.encode(reader(resp3).read(), 2));
    }

    private static List<String> texts(List<byte[]> args) {
        return args.stream().map(RespValue::latin1).toList();
    }

    private static RespReader reader(String wire) {
        return new RespReader(new ByteArrayInputStream(RespValue.bytes(wire)));
    }
}
