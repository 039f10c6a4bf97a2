package io.vst.gui.run;

import io.vst.engine.ConnectionSpec;
import io.vst.gui.settings.WorkbenchSettings;
import java.nio.file.Path;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextField;
import net.miginfocom.swing.MigLayout;

/**
 * The TLS files of the connection bar (as {@code --tls-ca}, {@code --tls-cert}, {@code --tls-key} and
 * {@code --insecure}), edited in a dialog the bar's "TLS files…" button opens and remembered between
 * sessions; the connection manager edits a profile's TLS files with it too. EDT only.
 */
public final class TlsFilesPanel extends JPanel {

    private final JTextField ca = new JTextField(28);
    private final JTextField cert = new JTextField(28);
    private final JTextField key = new JTextField(28);
    private final JCheckBox insecure = new JCheckBox("Do not verify the server certificate or host name");

    /** EDT only. */
    public TlsFilesPanel() {
        super(new MigLayout("insets 4, gap 4", "[][grow, fill][]"));
        ca.setName("tlsCa");
        cert.setName("tlsCert");
        key.setName("tlsKey");
        insecure.setName("tlsInsecure");
        row("CA (PEM)", "CA certificates to trust; empty for the JVM's trust store", ca);
        row("client certificate", "PEM client certificate for mutual TLS; empty for none", cert);
        row("client key", "PEM (PKCS#8) key of the client certificate", key);
        add(insecure, "span 3");
    }

    private void row(String label, String tip, JTextField field) {
        JLabel l = new JLabel(label);
        l.setToolTipText(tip);
        l.setLabelFor(field);
        field.setToolTipText(tip);
        JButton browse = new JButton("…");
        browse.setToolTipText("Choose the file");
        browse.addActionListener(e -> {
            JFileChooser fc = new JFileChooser();
            if (fc.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
                field.setText(fc.getSelectedFile().getPath());
            }
        });
        add(l);
        add(field);
        add(browse, "wrap");
    }

    /** Shows the fields in a dialog over {@code parent}; Cancel puts back what they held. EDT only. */
    public void edit(java.awt.Component parent) {
        String[] before = {ca.getText(), cert.getText(), key.getText()};
        boolean wasInsecure = insecure.isSelected();
        int answer = JOptionPane.showConfirmDialog(parent, this, "TLS files", JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.PLAIN_MESSAGE);
        if (answer != JOptionPane.OK_OPTION) {
            ca.setText(before[0]);
            cert.setText(before[1]);
            key.setText(before[2]);
            insecure.setSelected(wasInsecure);
        }
    }

    /** TLS as the fields say, turned on when {@code on}. EDT only. */
    public ConnectionSpec.Tls tls(boolean on) {
        return new ConnectionSpec.Tls(on, path(ca), path(cert), path(key), insecure.isSelected());
    }

    /** Shows the files of {@code t} (empty fields for {@code null} files). EDT only. */
    public void showFiles(ConnectionSpec.Tls t) {
        ca.setText(t.ca() == null ? "" : t.ca().toString());
        cert.setText(t.cert() == null ? "" : t.cert().toString());
        key.setText(t.key() == null ? "" : t.key().toString());
        insecure.setSelected(t.insecure());
    }

    private static Path path(JTextField f) {
        String t = f.getText().trim();
        return t.isEmpty() ? null : Path.of(t);
    }

    void load(WorkbenchSettings settings) {
        ca.setText(settings.get("connection.tlsCa", ""));
        cert.setText(settings.get("connection.tlsCert", ""));
        key.setText(settings.get("connection.tlsKey", ""));
        insecure.setSelected(Boolean.parseBoolean(settings.get("connection.tlsInsecure", "false")));
    }

    void save(WorkbenchSettings settings) {
        settings.put("connection.tlsCa", ca.getText());
        settings.put("connection.tlsCert", cert.getText());
        settings.put("connection.tlsKey", key.getText());
        settings.put("connection.tlsInsecure", Boolean.toString(insecure.isSelected()));
    }
}
