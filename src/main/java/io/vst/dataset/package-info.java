/**
 * Vectors and their truth: the dataset catalog and downloader, readers (HDF5, fvecs/ivecs/bvecs, npy),
 * synthetic and expanded sources, exact k-NN ground truth and the live set of ids a run has written.
 */
package io.vst.dataset;
