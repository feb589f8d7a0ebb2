/**
 * The submission flow of one requested text: skip what was decided before, expire what is
 * past its validity, otherwise queue it, hand it to the carrier, retry what is retryable,
 * record the outcome and publish every status change to {@code sms.delivery-status}.
 */
package dev.smspipeline.dispatch.submission;
