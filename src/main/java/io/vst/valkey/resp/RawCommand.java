package io.vst.valkey.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.commands.ProtocolCommand;

/** A command Jedis has no constant for (FT.*), sent as raw arguments. */
public final class RawCommand implements ProtocolCommand {

    private final byte[] name;

    private RawCommand(String name) {
        this.name = name.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] getRaw() {
        return name;
    }

    /** Arguments for a textual command, name first. */
    public static CommandArguments of(String... words) {
        CommandArguments args = new CommandArguments(new RawCommand(words[0]));
        for (int i = 1; i < words.length; i++) {
            args.add(words[i].getBytes(StandardCharsets.UTF_8));
        }
        return args;
    }

    /** Arguments for a binary command, name first. */
    public static CommandArguments ofBytes(List<byte[]> words) {
        CommandArguments args = new CommandArguments(new RawCommand(new String(words.get(0), StandardCharsets.UTF_8)));
        for (int i = 1; i < words.size(); i++) {
            args.add(words.get(i));
        }
        return args;
    }

    @Override
    public String toString() {
        return new String(name, StandardCharsets.UTF_8);
    }
}
