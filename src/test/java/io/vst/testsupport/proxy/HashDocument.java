package io.vst.testsupport.proxy;

import java.util.Map;

/**
 * One hash read from the backend: its key and fields in {@code HGETALL} order (names one char per byte).
 *
 * @param key the key, one char per byte
 * @param fields field name → raw value bytes, in the backend's order
 */
public record HashDocument(String key, Map<String, byte[]> fields) { }
