package io.vst.rundir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reading the run directory's JSON back: the inverse of {@link Json}'s conventions. Instants are
 * ISO-8601 strings and a {@code null} figure is NaN (not 0, which Jackson would otherwise make of a
 * null {@code double}).
 */
final class RunJson {

    private static final ObjectMapper READER = build();

    private RunJson() {
    }

    static ObjectMapper reader() {
        return READER;
    }

    private static ObjectMapper build() {
        SimpleModule module = new SimpleModule("vst-read");
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                try {
                    return Instant.parse(p.getValueAsString());
                } catch (DateTimeParseException e) {
                    return (Instant) ctx.handleWeirdStringValue(Instant.class, p.getValueAsString(), e.getMessage());
                }
            }
        });
        NanForNull nan = new NanForNull();
        module.addDeserializer(Double.class, nan);
        module.addDeserializer(double.class, nan);
        return Json.mapper().copy().registerModule(module);
    }

    private static final class NanForNull extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return p.getValueAsDouble(Double.NaN);
        }

        @Override
        public Double getNullValue(DeserializationContext ctx) {
            return Double.NaN;
        }
    }
}
