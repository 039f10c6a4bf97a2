package io.vst.gui.connection;

import io.vst.VstException;
import io.vst.engine.ConnectionSpec;
import io.vst.engine.ServerOverview;
import io.vst.gui.run.ConnectionBar;
import io.vst.gui.table.RowTableModel;
import io.vst.valkey.EndpointProfiles;
import java.awt.Window;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import net.miginfocom.swing.MigLayout;

/**
 * The connection manager (Run ▸ Connection profiles…): lists the profiles {@code vst --profile NAME} reads,
 * adds, edits and deletes them, tests a connection (PING, version, modules), shows the server overview of
 * {@code vst info server} with memory and clients, and makes the connection bar use a profile. The server is
 * reached off the EDT, through {@link io.vst.engine.ServerOpener} as a run does; the dialog owns that thread
 * and stops it when closed.
 */
public final class ConnectionManagerDialog extends JDialog {

    private static final String NAME = "connectionManager";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", java.util.Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final transient EndpointProfiles profiles;
    private final ConnectionBar bar;
    private final DefaultListModel<String> names = new DefaultListModel<>();
    private final JList<String> list = new JList<>(names);
    private final ProfileForm form = new ProfileForm();
    private final JTextArea result = new JTextArea(3, 60);
    private final JLabel overviewTitle = new JLabel("Server overview: not read yet");
    private final RowTableModel<ServerOverview.Row> overview = new RowTableModel<>(new String[] {"figure", "value"}) {
        @Override
        protected Object value(ServerOverview.Row row, int column) {
            return column == 0 ? row.name() : row.value();
        }
    };
    private final JButton test = button("Test connection", "profileTest", "PING the server; show its version and "
            + "modules (as the fields say, saved or not)");
    private final JButton showOverview = button("Server overview", "profileOverview", "What vst info server "
            + "prints, with memory in use and connected clients");
    private final transient ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vst-connection-check");
        t.setDaemon(true);
        return t;
    });

    /** EDT only. */
    public ConnectionManagerDialog(JFrame owner, ConnectionBar bar, EndpointProfiles profiles) {
        super(owner, "Connection profiles", false);
        this.profiles = profiles;
        this.bar = bar;
        setName(NAME);
        list.setName("profileList");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        result.setName("connectionResult");
        result.setEditable(false);
        result.setLineWrap(true);
        result.setWrapStyleWord(true);
        JTable table = new JTable(overview);
        table.setName("serverOverview");
        table.getColumnModel().getColumn(0).setPreferredWidth(110);
        table.getColumnModel().getColumn(1).setPreferredWidth(600);
        overviewTitle.setName("serverOverviewTitle");
        JButton add = button("New", "profileNew", "Empty fields for a new profile");
        JButton delete = button("Delete", "profileDelete", "Delete the selected profile's file");
        JButton save = button("Save", "profileSave", "Write the profile to " + profiles.directory()
                + " (never a password)");
        JButton use = button("Use in connection bar", "profileUse", "Save, then let the next run use this profile");
        JButton close = button("Close", "profileClose", "Close this window");
        JPanel left = new JPanel(new MigLayout("insets 6, gap 4", "[grow, fill][grow, fill]", "[][grow, fill][]"));
        left.add(new JLabel("Profiles in " + profiles.directory()), "span 2, wrap");
        left.add(new JScrollPane(list), "span 2, w 200!, wrap");
        left.add(add);
        left.add(delete);
        JPanel buttons = new JPanel(new MigLayout("insets 0, gap 6"));
        for (JButton b : new JButton[] {save, test, showOverview, use, close}) {
            buttons.add(b);
        }
        JPanel content = new JPanel(new MigLayout("insets 8, gap 6", "[][grow, fill]", "[][][][grow, fill]"));
        content.add(left, "spany 2, growy");
        content.add(form, "wrap");
        content.add(buttons, "wrap");
        content.add(new JScrollPane(result), "span 2, growx, wrap");
        content.add(overviewTitle, "span 2, wrap");
        content.add(new JScrollPane(table), "span 2, grow, h 200:280:");
        setContentPane(content);
        list.addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting() && list.getSelectedValue() != null) {
                showSelected(list.getSelectedValue());
            }
        });
        add.addActionListener(e -> {
            list.clearSelection();
            form.showProfile(null);
            result.setText("");
        });
        delete.addActionListener(e -> delete());
        save.addActionListener(e -> save());
        use.addActionListener(e -> use());
        test.addActionListener(e -> check(o -> result.setText("Connected: " + o.summary())));
        showOverview.addActionListener(e -> check(this::showOverview));
        close.addActionListener(e -> dispose());
        reload(null);
        form.showProfile(null);
        pack();
        setLocationRelativeTo(owner);
    }

    /** Shows the manager of {@code owner}'s window, making it on first use. EDT only. */
    public static ConnectionManagerDialog open(JFrame owner, ConnectionBar bar, EndpointProfiles profiles) {
        for (Window w : owner.getOwnedWindows()) {
            if (w instanceof ConnectionManagerDialog d && w.isDisplayable()) {
                d.reload(d.list.getSelectedValue());
                d.setVisible(true);
                return d;
            }
        }
        ConnectionManagerDialog d = new ConnectionManagerDialog(owner, bar, profiles);
        d.setVisible(true);
        return d;
    }

    private static JButton button(String text, String name, String tip) {
        JButton b = new JButton(text);
        b.setName(name);
        b.setToolTipText(tip);
        return b;
    }

    private void reload(String select) {
        names.clear();
        try {
            profiles.names().forEach(names::addElement);
        } catch (VstException e) {
            fail("Cannot list the profiles", e);
        }
        if (select != null && names.contains(select)) {
            list.setSelectedValue(select, true);
        }
    }

    private void showSelected(String name) {
        try {
            form.showProfile(profiles.read(name));
            result.setText("");
        } catch (VstException e) {
            fail("Cannot read profile " + name, e);
        }
    }

    private boolean save() {
        try {
            EndpointProfiles.Profile p = form.profile();
            java.nio.file.Path file = profiles.write(p);
            reload(p.name());
            result.setText("Saved " + file + " (vst --profile " + p.name() + ")");
            return true;
        } catch (VstException e) {
            fail("Not saved", e);
            return false;
        }
    }

    private void delete() {
        String name = list.getSelectedValue();
        if (name == null) {
            result.setText("Choose the profile to delete in the list first.");
            return;
        }
        int answer = JOptionPane.showConfirmDialog(this, "Delete profile " + name + "?", "Delete profile",
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE);
        if (answer != JOptionPane.OK_OPTION) {
            return;
        }
        try {
            profiles.delete(name);
            reload(null);
            form.showProfile(null);
            result.setText("Deleted profile " + name);
        } catch (VstException e) {
            fail("Not deleted", e);
        }
    }

    private void use() {
        if (save()) {
            bar.useProfile(form.profileName());
            result.setText("The next run uses profile " + form.profileName() + ".");
        }
    }

    /** Reads the server the fields describe on the dialog's thread and hands the overview to {@code done}. */
    private void check(Consumer<ServerOverview> done) {
        ConnectionSpec spec;
        try {
            spec = form.spec();
        } catch (VstException e) {
            fail("Cannot connect", e);
            return;
        }
        if (form.prompts()) {
            JPasswordField field = new JPasswordField(20);
            field.setName("profilePassword");
            int answer = JOptionPane.showConfirmDialog(this, field, "Password for " + spec.describe(),
                    JOptionPane.OK_CANCEL_OPTION, JOptionPane.QUESTION_MESSAGE);
            if (answer != JOptionPane.OK_OPTION) {
                return;
            }
            spec = spec.withPassword(ConnectionSpec.Password.typed(field.getPassword()));
        }
        ConnectionSpec target = spec;
        result.setText("Connecting to " + target.describe() + "…");
        test.setEnabled(false);
        showOverview.setEnabled(false);
        background.execute(() -> {
            try {
                ServerOverview o = ServerOverview.read(target);
                SwingUtilities.invokeLater(() -> {
                    done.accept(o);
                    checked();
                });
            } catch (VstException e) {
                SwingUtilities.invokeLater(() -> {
                    fail("Cannot connect", e);
                    checked();
                });
            } catch (RuntimeException e) {
                // No exception class name for the user: the message is all they can act on.
                String why = e.getMessage() == null ? "unexpected error" : e.getMessage();
                SwingUtilities.invokeLater(() -> {
                    result.setText("Cannot connect: " + why);
                    checked();
                });
            } finally {
                char[] typed = target.password().typed();
                if (typed != null) {
                    Arrays.fill(typed, '\0');
                }
            }
        });
    }

    private void checked() {
        test.setEnabled(true);
        showOverview.setEnabled(true);
    }

    private void showOverview(ServerOverview o) {
        result.setText("Connected: " + o.summary());
        overview.setRows(new java.util.ArrayList<>(o.rows()));
        overviewTitle.setText("Server overview of " + o.endpoint().address() + ", read at " + CLOCK.format(Instant.now()));
    }

    private void fail(String what, VstException e) {
        result.setText(what + ": " + e.getMessage() + (e.hint() == null ? "" : "\n" + e.hint()));
    }

    /** What the result line says (the connection test's answer, a saved file, or why something failed). EDT only. */
    public String resultText() {
        return result.getText();
    }

    @Override
    public void dispose() {
        background.shutdownNow();
        super.dispose();
    }
}
