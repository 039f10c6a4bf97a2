package io.vst.scenario;

/** Lenient conversions of YAML values used when building the model (the validator reports bad ones). */
public final class Values {

    private Values() {
    }

    public static Double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                return null; // not a number: the caller keeps its default
            }
        }
        return null;
    }

    public static Long toLong(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        Double d = toDouble(v);
        if (d == null || d != Math.rint(d) || Double.isInfinite(d)) {
            return null;
        }
        return d.longValue();
    }

    public static int asInt(Object v, int def) {
        Long l = toLong(v);
        return l == null ? def : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
    }

    public static Integer asNullableInt(Object v) {
        Long l = toLong(v);
        return l == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
    }

    static double asDouble(Object v, double def) {
        Double d = toDouble(v);
        return d == null ? def : d;
    }

    public static Double asNullableDouble(Object v) {
        return toDouble(v);
    }

    static Boolean toBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("true") || t.equals("yes") || t.equals("on")) {
                return true;
            }
            if (t.equals("false") || t.equals("no") || t.equals("off")) {
                return false;
            }
        }
        return null;
    }

    public static boolean asBool(Object v, boolean def) {
        Boolean b = toBool(v);
        return b == null ? def : b;
    }
}
