package io.vst.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code --log-level} to logback's root logger. */
final class LogLevels {

    private LogLevels() {
    }

    static void apply(String level) {
        Level parsed = Level.toLevel(level, null);
        if (parsed == null) {
            throw io.vst.VstException.invalidInput("Unknown log level '" + level + "'",
                    "use one of ERROR, WARN, INFO, DEBUG, TRACE");
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(parsed);
    }
}
