package dev.smspipeline.chaos;

/**
 * One look at the pipeline's progress during a run; a figure is {@code null} when its
 * source did not answer (the part was down).
 *
 * @param at epoch milliseconds
 * @param accepted creates the carrier has accepted since it started
 * @param finals texts of the campaign in a final bucket (status-service's counters)
 * @param inQueue texts of the campaign not yet submitted (REQUESTED, SCHEDULED, QUEUED)
 * @param total texts of the campaign status-service knows
 */
record Sample(long at, Long accepted, Long finals, Long inQueue, Long total) {
}
