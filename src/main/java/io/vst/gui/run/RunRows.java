package io.vst.gui.run;

import io.vst.gui.table.RowTableModel;
import io.vst.rundir.RunDataReader;
import io.vst.rundir.RunInfo;
import io.vst.units.Units;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run browser's rows: for each run directory, what its run.json says (read through
 * {@link RunDataReader}, so a run whose writer is gone reads as {@code aborted}): outcome, start, duration,
 * scenario, server and vst version. A directory that cannot be read keeps its row with a one-line reason.
 * EDT only, except {@link #read(Path)}.
 */
final class RunRows extends RowTableModel<RunRows.Entry> {

    static final String[] COLUMNS = {"run", "outcome", "started (UTC)", "duration", "scenario", "server",
        "vst version"};

    /**
     * One run directory.
     *
     * @param dir the run directory
     * @param info its run.json, or null when it could not be read
     * @param problem why it could not be read (one line), or null
     */
    record Entry(Path dir, RunInfo info, String problem) {

        /** How the run ended, with the message of a run that did not complete; or why it cannot be read. */
        String outcome() {
            if (info == null) {
                return "unreadable: " + problem;
            }
            String o = info.outcome() == null ? "" : info.outcome().spelling();
            String m = info.message() == null ? "" : info.message();
            return m.isEmpty() || io.vst.rundir.RunOutcome.COMPLETED.spelling().equals(o) ? o : o + ": " + m;
        }

        String started() {
            return info == null || info.startedAt() == null ? "" : info.startedAt().toString();
        }

        /** From start to end; a run still going (no end yet) shows "running". */
        String duration() {
            if (info == null || info.startedAt() == null) {
                return "";
            }
            if (info.endedAt() == null) {
                return "running";
            }
            return Units.duration((info.endedAt().toEpochMilli() - info.startedAt().toEpochMilli()) / 1000.0);
        }

        String scenario() {
            return info == null || info.scenario() == null ? "" : info.scenario();
        }

        /** "valkey 8.1.1 / 127.0.0.1:6379", from run.json's server description. */
        String server() {
            if (info == null || info.server() == null) {
                return "";
            }
            Map<String, Object> s = info.server();
            String name = text(s.get("server"));
            String version = text(s.get("version"));
            String address = text(s.get("address"));
            String what = (name + " " + version).trim();
            return what.isEmpty() ? address : address.isEmpty() ? what : what + " / " + address;
        }

        String tool() {
            return info == null || info.tool() == null ? "" : info.tool();
        }

        private static String text(Object o) {
            return o == null ? "" : String.valueOf(o);
        }
    }

    RunRows() {
        super(COLUMNS);
    }

    /** Reads one run directory's run.json. Any thread; never throws for a damaged directory. */
    static Entry read(Path dir) {
        try {
            return new Entry(dir, RunDataReader.read(dir).info(), null);
        } catch (RuntimeException e) {
            String why = ExportCommands.why(e);
            int nl = why.indexOf('\n');
            return new Entry(dir, null, nl < 0 ? why : why.substring(0, nl));
        }
    }

    /** The row of {@code dir}, or null. EDT only. */
    Entry find(Path dir) {
        return rows.stream().filter(e -> e.dir().equals(dir)).findFirst().orElse(null);
    }

    @Override
    protected Object value(Entry e, int column) {
        return switch (column) {
            case 0 -> String.valueOf(e.dir().getFileName());
            case 1 -> e.outcome();
            case 2 -> e.started();
            case 3 -> e.duration();
            case 4 -> e.scenario();
            case 5 -> e.server();
            default -> e.tool();
        };
    }
}
