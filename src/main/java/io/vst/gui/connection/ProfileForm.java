package io.vst.gui.connection;

import io.vst.engine.ConnectionSpec;
import io.vst.gui.run.ConnectionBar.PasswordSource;
import io.vst.gui.run.TlsFilesPanel;
import io.vst.valkey.ClusterMode;
import io.vst.valkey.EndpointProfiles.Profile;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import net.miginfocom.swing.MigLayout;

/**
 * The fields of one connection profile: host, port, database, ACL user, TLS with its files, cluster mode and
 * where the password comes from (typed at each connection, or an environment variable; never stored). EDT only.
 */
final class ProfileForm extends JPanel {

    private final JTextField name = new JTextField(16);
    private final JTextField host = new JTextField("127.0.0.1", 18);
    private final JSpinner port = new JSpinner(new SpinnerNumberModel(6379, 1, 65535, 1));
    private final JSpinner db = new JSpinner(new SpinnerNumberModel(0, 0, 9999, 1));
    private final JTextField user = new JTextField(12);
    private final JCheckBox tls = new JCheckBox("TLS");
    private final JButton tlsFilesButton = new JButton("TLS files…");
    private final TlsFilesPanel tlsFiles = new TlsFilesPanel();
    private final JComboBox<ClusterMode> cluster = new JComboBox<>(ClusterMode.values());
    private final JComboBox<PasswordSource> password = new JComboBox<>(PasswordSource.values());
    private final JTextField passwordEnv = new JTextField("VST_PASSWORD", 14);

    ProfileForm() {
        super(new MigLayout("insets 6, gap 6", "[right][grow, fill]"));
        name.setName("profileName");
        host.setName("profileHost");
        port.setName("profilePort");
        db.setName("profileDb");
        user.setName("profileUser");
        tls.setName("profileTls");
        tlsFilesButton.setName("profileTlsFiles");
        cluster.setName("profileCluster");
        password.setName("profilePasswordSource");
        passwordEnv.setName("profilePasswordEnv");
        // A port is no quantity: no thousands separator ("6379", not "6,379").
        port.setEditor(new JSpinner.NumberEditor(port, "#"));
        db.setEditor(new JSpinner.NumberEditor(db, "#"));
        cluster.setSelectedItem(ClusterMode.AUTO);
        row("name", "The profile's name: vst --profile NAME uses it (letters, digits, '.', '_', '-')", name);
        row("host", "Host name or address of the server", host);
        row("port", "TCP port of the server", port);
        row("database", "Database number (SELECT); 0 for most servers", db);
        row("user", "ACL user name (empty for the default user)", user);
        JPanel tlsRow = new JPanel(new MigLayout("insets 0, gap 6"));
        tlsRow.add(tls);
        tlsRow.add(tlsFilesButton);
        row("TLS", "Encrypt the connection; TLS files… sets the CA, client certificate and key", tlsRow);
        row("cluster", "AUTO reads INFO cluster; CLUSTER or STANDALONE forces the mode", cluster);
        row("password", "NONE; PROMPT: typed at each connection, never stored; ENV: read from a variable", password);
        row("variable", "Environment variable holding the password (ENV): only its name is stored", passwordEnv);
        tlsFilesButton.addActionListener(e -> tlsFiles.edit(this));
        password.addActionListener(e -> refresh());
        tls.addActionListener(e -> refresh());
        refresh();
    }

    private void row(String label, String tip, JComponent field) {
        JLabel l = new JLabel(label);
        l.setToolTipText(tip);
        l.setLabelFor(field);
        field.setToolTipText(tip);
        add(l);
        add(field, "wrap");
    }

    private void refresh() {
        passwordEnv.setEnabled(password.getSelectedItem() == PasswordSource.ENV);
        tlsFilesButton.setEnabled(tls.isSelected());
    }

    /** Shows {@code p}, or empty fields for a new profile when {@code p} is {@code null}. */
    void showProfile(Profile p) {
        Profile shown = p == null ? Profile.of("new", "127.0.0.1", 6379) : p;
        name.setText(p == null ? "" : p.name());
        host.setText(shown.host());
        port.setValue(shown.port());
        db.setValue(shown.db());
        user.setText(shown.user() == null ? "" : shown.user());
        tls.setSelected(shown.tls());
        tlsFiles.showFiles(new ConnectionSpec.Tls(shown.tls(), shown.tlsCa(), shown.tlsCert(), shown.tlsKey(),
                shown.insecure()));
        cluster.setSelectedItem(shown.cluster());
        password.setSelectedItem(shown.passwordPrompt() ? PasswordSource.PROMPT
                : shown.passwordEnv() != null ? PasswordSource.ENV : PasswordSource.NONE);
        passwordEnv.setText(shown.passwordEnv() == null ? "VST_PASSWORD" : shown.passwordEnv());
        refresh();
    }

    /** The name typed, trimmed. */
    String profileName() {
        return name.getText().trim();
    }

    /** The profile the fields describe; a wrong name or field is a {@link io.vst.VstException} in words. */
    Profile profile() {
        return profile(profileName());
    }

    private Profile profile(String profileName) {
        ConnectionSpec.Tls t = tlsFiles.tls(tls.isSelected());
        PasswordSource source = (PasswordSource) password.getSelectedItem();
        return new Profile(profileName, host.getText().trim(), (Integer) port.getValue(), (Integer) db.getValue(),
                user.getText(), source == PasswordSource.ENV ? passwordEnv.getText() : null,
                source == PasswordSource.PROMPT, t.on(), t.ca(), t.cert(), t.key(), t.insecure(),
                (ClusterMode) cluster.getSelectedItem());
    }

    /** Whether the password is typed at each connection. */
    boolean prompts() {
        return password.getSelectedItem() == PasswordSource.PROMPT;
    }

    /**
     * The connection the fields describe as they are (saved or not), without a typed password, for Test
     * connection: the profile's settings as a run applies them to the server.
     */
    ConnectionSpec spec() {
        Profile p = profile(profileName().isEmpty() ? "unsaved" : profileName());
        return ConnectionSpec.server(p.uri()).withCluster(p.cluster())
                .withTls(new ConnectionSpec.Tls(p.tls(), p.tlsCa(), p.tlsCert(), p.tlsKey(), p.insecure()))
                .withPassword(p.passwordEnv() == null ? ConnectionSpec.Password.NONE
                        : ConnectionSpec.Password.fromEnv(p.passwordEnv()));
    }
}
