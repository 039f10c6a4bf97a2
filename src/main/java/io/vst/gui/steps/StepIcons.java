package io.vst.gui.steps;

import io.vst.scenario.StepType;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.EnumMap;
import java.util.Map;
import javax.swing.Icon;

/** A small coloured tile with a letter for each step type, with a red (errors) or amber (warnings) badge. */
public final class StepIcons {

    private static final Map<StepType, Color> COLORS = new EnumMap<>(StepType.class);

    static {
        COLORS.put(StepType.WORKLOAD, new Color(0x2E7D32));
        COLORS.put(StepType.CHECKPOINT, new Color(0x1565C0));
        COLORS.put(StepType.WAIT, new Color(0x757575));
        COLORS.put(StepType.CLEANUP, new Color(0x6D4C41));
        COLORS.put(StepType.CONDITIONAL, new Color(0xEF6C00));
        COLORS.put(StepType.PARALLEL, new Color(0x6A1B9A));
        COLORS.put(StepType.LOOP, new Color(0x00838F));
    }

    private StepIcons() {
    }

    /** Badge of a step with an error. */
    public static final Color ERROR_BADGE = new Color(0xD32F2F);
    /** Badge of a step with warnings only. */
    public static final Color WARNING_BADGE = new Color(0xF9A825);

    /**
     * The icon of a step type, with a red badge when it has errors and an amber one when it has only warnings
     * or notes. Any thread.
     */
    public static Icon of(StepType type, int problems, int errors) {
        return new Tile(COLORS.getOrDefault(type, Color.GRAY), letter(type),
                errors > 0 ? ERROR_BADGE : problems > 0 ? WARNING_BADGE : null);
    }

    private static String letter(StepType t) {
        return switch (t) {
            case CONDITIONAL -> "?";
            case PARALLEL -> "=";
            case LOOP -> "↻";
            default -> t.yamlName().substring(0, 1).toUpperCase(java.util.Locale.ROOT);
        };
    }

    private record Tile(Color color, String letter, Color badge) implements Icon {
        @Override
        public void paintIcon(Component c, Graphics g, int x, int y) {
            Graphics2D g2 = (Graphics2D) g.create();
            try {
                g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g2.setColor(color);
                g2.fillRoundRect(x + 1, y + 1, 14, 14, 5, 5);
                g2.setColor(Color.WHITE);
                g2.setFont(g2.getFont().deriveFont(Font.BOLD, 10f));
                int w = g2.getFontMetrics().stringWidth(letter);
                g2.drawString(letter, x + 8 - w / 2, y + 12);
                if (badge != null) {
                    g2.setColor(badge);
                    g2.fillOval(x + 10, y, 7, 7);
                    g2.setColor(Color.WHITE);
                    g2.setStroke(new BasicStroke(1f));
                    g2.drawOval(x + 10, y, 7, 7);
                }
            } finally {
                g2.dispose();
            }
        }

        @Override
        public int getIconWidth() {
            return 18;
        }

        @Override
        public int getIconHeight() {
            return 16;
        }
    }
}
