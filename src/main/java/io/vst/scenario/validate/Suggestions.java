package io.vst.scenario.validate;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?" for misspelt names: the closest candidate by edit distance, if close enough. */
final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code word}, or {@code null} when none is plausibly meant. */
    static String closest(String word, Collection<String> candidates) {
        if (word == null) {
            return null;
        }
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            int d = distance(w, lc);
            // a word that is a clear prefix/extension of a candidate ("ingests", "collect_full") counts as close
            if (lc.startsWith(w) || w.startsWith(lc) || containsAllWords(lc, w)) {
                d = Math.min(d, 2);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(2, w.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** Whether every '_'-separated word of {@code w} is a word of {@code candidate} ("memory_mb" in "memory_usage_mb"). */
    private static boolean containsAllWords(String candidate, String w) {
        java.util.List<String> words = java.util.Arrays.asList(candidate.split("_"));
        for (String part : w.split("_")) {
            if (!words.contains(part)) {
                return false;
            }
        }
        return w.contains("_");
    }

    /** {@code " — did you mean 'x'?"} or the empty string. */
    static String didYouMean(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c == null ? "" : " — did you mean '" + c + "'?";
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
