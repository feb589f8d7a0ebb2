package dev.smspipeline.dispatch.queue;

import java.time.Duration;

/**
 * How a text whose processing throws (the database down, a bug) is retried before it is
 * dead-lettered; the intake's settings provide it.
 *
 * @param maxAttempts tries in all
 * @param backoff the wait between two
 */
public record IntakeRetry(int maxAttempts, Duration backoff) {

}
