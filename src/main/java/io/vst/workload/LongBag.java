package io.vst.workload;

import java.util.Arrays;

/** A growable bag of longs without boxing; thread-safe. */
final class LongBag {

    private long[] items = new long[1024];
    private int size;

    synchronized void add(long v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, items.length * 2);
        }
        items[size++] = v;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(items, size);
    }

    synchronized int size() {
        return size;
    }
}
