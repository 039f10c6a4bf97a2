/**
 * The live-view contract of the workbench: a run's events drained in one {@link io.vst.gui.live.FeedBatch}
 * and the {@link io.vst.gui.live.LiveView} every view of a running run implements. A leaf: it knows no panel.
 */
package io.vst.gui.live;
