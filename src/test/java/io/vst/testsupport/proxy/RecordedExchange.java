package io.vst.testsupport.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One exchange recorded from a real valkey-search (a {@code NN-name.respP.json} fixture file).
 *
 * @param file the file name
 * @param command the arguments sent, binary ones decoded from {@code {"hex": ...}}
 * @param protocol 2 or 3
 * @param reply the exact reply bytes
 */
public record RecordedExchange(String file, List<byte[]> command, int protocol, byte[] reply) {

    /** The fixture directory: {@code -Dvst.fixtures.dir}, else {@code ../shared/fixtures/valkey-search}. */
    public static Optional<Path> directory() {
        String configured = System.getProperty("vst.fixtures.dir");
        List<Path> candidates = configured != null ? List.of(Path.of(configured))
                : List.of(Path.of("src/test/resources/fixtures/valkey-search"),
                        Path.of("../shared/fixtures/valkey-search"));
        return candidates.stream().filter(Files::isDirectory).findFirst();
    }

    /** Every exchange of a directory, in file order. */
    public static List<RecordedExchange> loadAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<RecordedExchange> exchanges = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                exchanges.add(load(file));
            }
            return exchanges;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One fixture file. */
    public static RecordedExchange load(Path file) throws IOException {
        Map<?, ?> json = (Map<?, ?>) FixtureJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<byte[]> command = new ArrayList<>();
        for (Object arg : (List<?>) json.get("command")) {
            command.add(arg instanceof Map<?, ?> hex ? HexFormat.of().parseHex((String) hex.get("hex"))
                    : ((String) arg).getBytes(StandardCharsets.UTF_8));
        }
        return new RecordedExchange(file.getFileName().toString(), List.copyOf(command),
                ((Number) json.get("protocol")).intValue(),
                Base64.getDecoder().decode((String) json.get("reply_base64")));
    }

    /** The exchange's number, {@code 1} for {@code 01-module-list.resp2.json}. */
    public int number() {
        return Integer.parseInt(file.substring(0, file.indexOf('-')));
    }
}
