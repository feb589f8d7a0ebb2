package dev.smspipeline.bench;

/**
 * One text of the run.
 *
 * @param seq its position in the run, from 0
 * @param recipient the E.164 number it goes to
 * @param firstToNumber whether it is the run's first text to that number (not held back
 * by the per-number interval)
 */
record PlannedText(int seq, String recipient, boolean firstToNumber) {
}
