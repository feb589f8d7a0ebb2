package dev.smspipeline.campaign.account;

/**
 * A sender number an account owns.
 *
 * @param number canonical form: E.164 for long codes and toll-free numbers, the 5 or 6
 * digits of a short code
 * @param kind its kind
 * @param segmentsPerSecond its carrier throughput
 */
public record Sender(String number, SenderKind kind, double segmentsPerSecond) {
}
