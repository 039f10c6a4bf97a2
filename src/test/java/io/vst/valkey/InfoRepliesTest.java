package io.vst.valkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** INFO text to fields, against a line-splitting parse written here by regular expression. */
class InfoRepliesTest {

    /** The reference: split into lines on CRLF or LF, skip blank and '#' lines, key before the first colon. */
    private static Map<String, String> reference(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.isEmpty() && !line.startsWith("#") && colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    @Test
    void everyShapeOfLineParsesAsTheReferenceParsesIt() {
        List<String> texts = List.of(
                "# Server\r\nredis_version:7.2.4\r\nvalkey_version:8.1.1\r\n\r\n# Memory\r\nused_memory:1024\r\n",
                "used_memory:1\nused_memory_human:1.00B\n",
                "no_newline_at_end:42",
                "executable:/usr/bin/valkey-server\r\nconfig_file:\r\nlist:a:b:c\r\n",
                ":no key\r\nnocolon\r\n#comment:with colon\r\nkey: padded value  \r\n",
                "db0:keys=3,expires=0,avg_ttl=0\r\n\r\n\r\n",
                "",
                "\r\n",
                "lonely\r\rkey:v\r\n");
        for (String t : texts) {
            assertThat(InfoReplies.parseInfo(t)).as("%s", t.replace("\r", "\\r").replace("\n", "\\n"))
                    .containsExactlyEntriesOf(reference(t));
        }
        assertThat(InfoReplies.parseInfo(null)).isEmpty();
    }

    @Test
    void aReplyOfThousandsOfLinesKeepsEveryFieldInOrder() {
        StringBuilder b = new StringBuilder("# Keyspace\r\n");
        for (int i = 0; i < 5000; i++) {
            b.append("db").append(i).append(":keys=").append(i * 7).append(",expires=0\r\n");
        }
        Map<String, String> parsed = InfoReplies.parseInfo(b.toString());
        assertThat(parsed).hasSize(5000).containsExactlyEntriesOf(reference(b.toString()));
        assertThat(parsed.get("db4999")).isEqualTo("keys=34993,expires=0");
    }
}
