package io.vst.scenario;

/** When a step runs: always, or only when the step before it failed ({@code trigger: on_previous_error}). */
public enum Trigger { ALWAYS, ON_PREVIOUS_ERROR }
