package io.vst.dataset;

/** A bounded max-heap keeping the k smallest distances seen, with their ids. */
final class TopK {

    private final float[] dist;
    private final long[] ids;
    private int size;

    TopK(int k) {
        dist = new float[k];
        ids = new long[k];
    }

    /** Distance a candidate must beat to enter (+Inf until full). */
    float bound() {
        return size < dist.length ? Float.POSITIVE_INFINITY : dist[0];
    }

    void offer(float d, long id) {
        if (size < dist.length) {
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (worse(p, d, id)) {
                    break;
                }
                dist[i] = dist[p];
                ids[i] = ids[p];
                i = p;
            }
            dist[i] = d;
            ids[i] = id;
        } else if (d < dist[0] || (d == dist[0] && id < ids[0])) {
            siftDown(d, id);
        }
    }

    /** True when the entry at {@code p} ranks after (d, id): larger distance, ties by larger id. */
    private boolean worse(int p, float d, long id) {
        return dist[p] > d || (dist[p] == d && ids[p] > id);
    }

    private void siftDown(float d, long id) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                break;
            }
            int r = l + 1;
            int c = r < size && (dist[r] > dist[l] || (dist[r] == dist[l] && ids[r] > ids[l])) ? r : l;
            if (!(dist[c] > d || (dist[c] == d && ids[c] > id))) {
                break;
            }
            dist[i] = dist[c];
            ids[i] = ids[c];
            i = c;
        }
        dist[i] = d;
        ids[i] = id;
    }

    void mergeInto(TopK other) {
        for (int i = 0; i < size; i++) {
            other.offer(dist[i], ids[i]);
        }
    }

    int size() {
        return size;
    }

    long id(int i) {
        return ids[i];
    }
}
