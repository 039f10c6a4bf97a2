package io.vst.valkey;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.RedisInputStream;

/**
 * One recorded exchange of a real valkey-search, decoded with Jedis' own protocol reader so tests see
 * exactly the objects Jedis hands to vst at runtime.
 */
record Fixture(String file, int protocol, List<String> command, JsonElement readable, Object decoded,
        JedisDataException error, byte[] wire) {

    static final Path DIR = Path.of(System.getProperty("vst.fixtures", "src/test/resources/fixtures/valkey-search"));
    /** The same exchanges recorded from valkey-search 1.0.3 (bench/search/record-fixtures.py). */
    static final Path DIR_1_0_3 = DIR.resolveSibling("valkey-search-1.0.3");

    /** The 1.2.1 recordings. */
    static List<Fixture> all() throws IOException {
        return all(DIR);
    }

    static List<Fixture> all(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Fixture> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(load(p));
            }
            return out;
        }
    }

    static Fixture named(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            Path p = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no fixture " + prefix));
            return load(p);
        }
    }

    static Fixture load(Path p) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> command = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("command")) {
            command.add(e.isJsonPrimitive() ? e.getAsString() : "hex:" + e.getAsJsonObject().get("hex").getAsString());
        }
        byte[] wire = Base64.getDecoder().decode(json.get("reply_base64").getAsString());
        Object decoded = null;
        JedisDataException error = null;
        try {
            decoded = Protocol.read(new RedisInputStream(new ByteArrayInputStream(wire)));
        } catch (JedisDataException e) {
            error = e;
        }
        String file = p.getParent().equals(DIR) ? p.getFileName().toString()
                : p.getParent().getFileName() + "/" + p.getFileName();
        return new Fixture(file, json.get("protocol").getAsInt(), command, json.get("reply"),
                decoded, error, wire);
    }

    boolean isError() {
        return readable.isJsonObject() && readable.getAsJsonObject().has("error");
    }

    String errorText() {
        return readable.getAsJsonObject().get("error").getAsString();
    }

    String commandName() {
        String first = command.get(0);
        return first.equals("MODULE") || first.equals("INFO") || first.equals("MEMORY")
                ? first + " " + command.get(1) : first;
    }

    /** The binary argument of the command at {@code index} (a hex-encoded vector). */
    byte[] binaryArgument(int index) {
        return HexFormat.of().parseHex(command.get(index).substring("hex:".length()));
    }

    @Override
    public String toString() {
        return file;
    }
}
