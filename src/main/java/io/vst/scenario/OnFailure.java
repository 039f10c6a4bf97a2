package io.vst.scenario;

/** What to do when a step fails ({@code error_handling.on_failure}). */
public enum OnFailure { CONTINUE, STOP, RETRY }
