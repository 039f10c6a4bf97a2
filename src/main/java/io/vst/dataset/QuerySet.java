package io.vst.dataset;

import java.util.Optional;

/** Test (query) vectors of a dataset, with their exact neighbours when the dataset ships them. */
public interface QuerySet {

    int size();

    int dimensions();

    /** Copies query {@code row} into {@code into} (length {@link #dimensions()}); any thread. */
    void read(int row, float[] into);

    /** Ground truth over the full base set as published, if known. */
    Optional<GroundTruth> groundTruth();
}
