package io.vst.gui.run;

import io.vst.engine.ConnectionSpec;
import io.vst.gui.settings.WorkbenchSettings;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.EndpointProfiles;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import net.miginfocom.swing.MigLayout;

/**
 * Which server the next run uses: the embedded valkey-server (optionally with a module), a server
 * given by host and port, or a connection profile (chosen from those saved); with user, TLS (and its
 * files) and cluster (with the embedded server: a local 3-primary cluster). A password is read from an
 * environment variable or asked for at Run (also when the chosen profile says so); the bar remembers its
 * fields between sessions, never a password. It only fills in a
 * {@link ConnectionSpec}: the run opens the server with {@link io.vst.engine.ServerOpener}, as
 * {@code vst run} does.
 */
public final class ConnectionBar extends JPanel {

    /** Where a server password comes from. */
    public enum PasswordSource { NONE, PROMPT, ENV }

    private static final String EMBEDDED = "Embedded valkey-server";
    private static final String SERVER = "Server";
    private static final String PROFILE = "Profile";
    private static final String PROFILE_TIP = "Connection profile ~/.config/vst/profiles/NAME.yaml (as --profile "
            + "NAME; Run ▸ Connection profiles… edits them); user, TLS, cluster and password given here apply on top";
    private final JComboBox<String> mode = new JComboBox<>(new String[] {EMBEDDED, SERVER, PROFILE});
    private final JComboBox<String> profile = new JComboBox<>() {
        @Override
        public void updateUI() {
            super.updateUI();
            // A new look makes a new editor: keep the name tests and the profile field are found by.
            if (getEditor() != null) {
                getEditor().getEditorComponent().setName("connectionProfile");
            }
        }
    };
    private final JButton tlsFilesButton = new JButton("TLS files…");
    private final TlsFilesPanel tlsFiles = new TlsFilesPanel();
    private final JTextField module = new JTextField(18);
    private final JButton browse = new JButton("…");
    private final JTextField host = new JTextField("127.0.0.1", 12);
    private final JSpinner port = new JSpinner(new SpinnerNumberModel(6379, 1, 65535, 1));
    private final JTextField user = new JTextField(8);
    private final JCheckBox tls = new JCheckBox("TLS");
    private final JCheckBox cluster = new JCheckBox("Cluster");
    private final JComboBox<PasswordSource> password = new JComboBox<>(PasswordSource.values());
    private final JTextField passwordEnv = new JTextField("VST_PASSWORD", 14);
    private final JSpinner timeScale = new JSpinner(new SpinnerNumberModel(1.0, 0.001, 100.0, 0.1));
    private final WorkbenchSettings settings;

    /** EDT only. */
    public ConnectionBar(WorkbenchSettings settings) {
        super(new MigLayout("insets 2 6 2 6, gap 4", ""));
        this.settings = settings;
        setName("connectionBar");
        mode.setName("connectionMode");
        module.setName("modulePath");
        host.setName("connectionHost");
        profile.setName("connectionProfileChoice");
        profile.setEditable(true);
        // About as wide as the text field it replaced: the bar has no room to spare.
        profile.setPrototypeDisplayValue("profile");
        profile.setToolTipText(PROFILE_TIP);
        profile.addPopupMenuListener(new javax.swing.event.PopupMenuListener() {
            @Override
            public void popupMenuWillBecomeVisible(javax.swing.event.PopupMenuEvent e) {
                listProfiles();
            }

            @Override
            public void popupMenuWillBecomeInvisible(javax.swing.event.PopupMenuEvent e) {
                // Nothing to do: the chosen name stays in the field.
            }

            @Override
            public void popupMenuCanceled(javax.swing.event.PopupMenuEvent e) {
                // Nothing to do: the field keeps what it held.
            }
        });
        tlsFilesButton.setName("tlsFiles");
        tlsFilesButton.setToolTipText("CA, client certificate and key for TLS (as --tls-ca, --tls-cert, --tls-key); "
                + "used when TLS is on");
        port.setName("connectionPort");
        passwordEnv.setName("passwordEnv");
        password.setName("passwordSource");
        cluster.setName("clusterMode");
        tls.setName("connectionTls");
        cluster.setToolTipText("The server is a cluster; with the embedded server, vst starts a local 3-primary "
                + "cluster");
        // A port is no quantity: no thousands separator ("6379", not "6,379").
        JSpinner.NumberEditor portEditor = new JSpinner.NumberEditor(port, "#");
        portEditor.getTextField().setColumns(5);
        port.setEditor(portEditor);
        String moduleTip = "Module the embedded server loads at start, e.g. /path/to/libsearch.so for valkey-search"
                + " (vector steps need it); empty for a plain server";
        module.setToolTipText(moduleTip);
        browse.setToolTipText("Choose the module file");
        passwordEnv.setToolTipText("Environment variable holding the password (read at Run, never stored)");
        password.setToolTipText("NONE, PROMPT (asked at Run, never stored) or ENV (read from a variable)");
        String scaleTip = "Time scale: multiplies every duration of the scenario (0.1 runs it ten times shorter)";
        timeScale.setName("timeScale");
        timeScale.setToolTipText(scaleTip);
        add(label("Server:", "Embedded: vst starts a private valkey-server; Server: an existing one; Profile: the "
                + "server a connection profile names", mode));
        add(mode);
        add(label("module", moduleTip, module));
        add(module);
        add(browse);
        add(label("host", "Host name or address of the server", host));
        add(host);
        add(label("port", "TCP port of the server", port));
        add(port);
        add(label("profile", PROFILE_TIP, profile));
        add(profile);
        add(label("user", "ACL user name (empty for the default user)", user));
        add(user);
        add(tls);
        add(tlsFilesButton);
        add(cluster);
        add(label("password", password.getToolTipText(), password));
        add(password);
        add(passwordEnv, "wmin 130");
        add(label("time scale ×", scaleTip, timeScale), "gapleft 12");
        add(timeScale);
        browse.addActionListener(e -> {
            JFileChooser fc = new JFileChooser();
            if (fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
                module.setText(fc.getSelectedFile().getPath());
            }
        });
        tlsFilesButton.addActionListener(e -> tlsFiles.edit(this));
        load();
        mode.addActionListener(e -> refresh());
        password.addActionListener(e -> refresh());
        refresh();
    }

    /** The profile names in the field's list, from the profiles directory; the typed name stays. */
    private void listProfiles() {
        String typed = profileName();
        List<String> names;
        try {
            names = EndpointProfiles.user().names();
            profile.setToolTipText(PROFILE_TIP);
        } catch (io.vst.VstException e) {
            names = List.of();
            profile.setToolTipText("Cannot list the profiles: " + e.getMessage());
        }
        profile.removeAllItems();
        names.forEach(profile::addItem);
        profile.setSelectedItem(typed);
    }

    private String profileName() {
        Object item = profile.getEditor().getItem();
        return item == null ? "" : item.toString().trim();
    }

    /** Whether {@code c} names a profile whose password is typed at each connection. */
    private static boolean profilePrompts(ConnectionSpec c) {
        if (c.profile() == null) {
            return false;
        }
        try {
            return EndpointProfiles.user().read(c.profile()).passwordPrompt();
        } catch (io.vst.VstException unreadable) {
            // Opening the profile at Run says what is wrong with it, in the run's banner; nothing to ask here.
            return false;
        }
    }

    /**
     * Makes the next run use profile {@code name} as it is saved: mode Profile, and no user, TLS, cluster or
     * password given on top of it (a profile whose password is typed has it asked for at Run). EDT only.
     */
    public void useProfile(String name) {
        mode.setSelectedItem(PROFILE);
        listProfiles();
        profile.setSelectedItem(name);
        user.setText("");
        tls.setSelected(false);
        cluster.setSelected(false);
        password.setSelectedItem(PasswordSource.NONE);
        refresh();
    }

    /** The profile the bar names, or "" (the field as typed). EDT only. */
    public String chosenProfile() {
        return profileName();
    }

    private static JLabel label(String text, String tip, java.awt.Component forField) {
        JLabel l = new JLabel(text);
        l.setToolTipText(tip);
        l.setLabelFor(forField);
        return l;
    }

    private void load() {
        mode.setSelectedItem(settings.get("connection.mode", EMBEDDED));
        module.setText(settings.get("connection.module", ""));
        host.setText(settings.get("connection.host", "127.0.0.1"));
        listProfiles();
        profile.setSelectedItem(settings.get("connection.profile", ""));
        tlsFiles.load(settings);
        port.setValue(Integer.parseInt(settings.get("connection.port", "6379")));
        user.setText(settings.get("connection.user", ""));
        tls.setSelected(Boolean.parseBoolean(settings.get("connection.tls", "false")));
        cluster.setSelected(Boolean.parseBoolean(settings.get("connection.cluster", "false")));
        password.setSelectedItem(PasswordSource.valueOf(settings.get("connection.passwordSource", "NONE")));
        passwordEnv.setText(settings.get("connection.passwordEnv", "VST_PASSWORD"));
    }

    /** Remembers the fields (never a password). EDT only. */
    public void save() {
        settings.put("connection.mode", (String) mode.getSelectedItem());
        settings.put("connection.module", module.getText());
        settings.put("connection.host", host.getText());
        settings.put("connection.profile", profileName());
        tlsFiles.save(settings);
        settings.put("connection.port", port.getValue().toString());
        settings.put("connection.user", user.getText());
        settings.put("connection.tls", Boolean.toString(tls.isSelected()));
        settings.put("connection.cluster", Boolean.toString(cluster.isSelected()));
        settings.put("connection.passwordSource", password.getSelectedItem().toString());
        settings.put("connection.passwordEnv", passwordEnv.getText());
    }

    private void refresh() {
        boolean embedded = EMBEDDED.equals(mode.getSelectedItem());
        boolean byProfile = PROFILE.equals(mode.getSelectedItem());
        module.setEnabled(embedded);
        browse.setEnabled(embedded);
        for (javax.swing.JComponent c : new javax.swing.JComponent[] {user, tls, tlsFilesButton, password}) {
            c.setEnabled(!embedded);
        }
        host.setEnabled(!embedded && !byProfile);
        port.setEnabled(!embedded && !byProfile);
        profile.setEnabled(byProfile);
        passwordEnv.setEnabled(!embedded && password.getSelectedItem() == PasswordSource.ENV);
    }

    /** The time scale for the next run (multiplies every duration). EDT only. */
    public double timeScale() {
        return ((Number) timeScale.getValue()).doubleValue();
    }

    /** Sets the time scale field. EDT only. */
    public void setTimeScale(double f) {
        timeScale.setValue(f);
    }

    /**
     * The connection the fields describe, without a typed password ({@link #askPassword} adds it). Nothing is
     * checked here: the run reports a wrong field when it opens the server. EDT only.
     */
    public ConnectionSpec spec() {
        ClusterMode clusterMode = cluster.isSelected() ? ClusterMode.CLUSTER : null;
        if (EMBEDDED.equals(mode.getSelectedItem())) {
            String m = module.getText().trim();
            return ConnectionSpec.embedded().withCluster(clusterMode)
                    .withModules(m.isEmpty() ? List.of() : List.of(Path.of(m)));
        }
        String h = host.getText().trim();
        String uri = (tls.isSelected() ? "valkeys://" : "valkey://") + (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":"
                + port.getValue();
        ConnectionSpec named = PROFILE.equals(mode.getSelectedItem()) ? ConnectionSpec.profile(profileName())
                : ConnectionSpec.server(uri);
        String u = user.getText().trim();
        ConnectionSpec.Password source = password.getSelectedItem() == PasswordSource.ENV
                ? ConnectionSpec.Password.fromEnv(passwordEnv.getText().trim()) : ConnectionSpec.Password.NONE;
        return named.withUser(u.isEmpty() ? null : u).withCluster(clusterMode).withPassword(source)
                .withTls(tls.isSelected() ? tlsFiles.tls(true) : ConnectionSpec.Tls.NONE);
    }

    /**
     * Asks for the password when the fields say it is typed at Run: {@code c} with the typed password, {@code c}
     * itself when none is asked for, or {@code null} when the user cancelled. EDT only.
     */
    public ConnectionSpec askPassword(ConnectionSpec c) {
        if (c.startsServer() || (password.getSelectedItem() != PasswordSource.PROMPT && !profilePrompts(c))) {
            return c;
        }
        JPasswordField field = new JPasswordField(20);
        int answer = javax.swing.JOptionPane.showConfirmDialog(this, field, "Password for " + c.describe(),
                javax.swing.JOptionPane.OK_CANCEL_OPTION, javax.swing.JOptionPane.QUESTION_MESSAGE);
        if (answer != javax.swing.JOptionPane.OK_OPTION) {
            return null;
        }
        return c.withPassword(ConnectionSpec.Password.typed(field.getPassword()));
    }
}
