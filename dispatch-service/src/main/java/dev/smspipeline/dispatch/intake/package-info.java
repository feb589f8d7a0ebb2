/**
 * The Kafka edge of dispatch: the listener on {@code sms.message-requested} and its
 * container (manual acknowledgments, the rebalance hooks, the pause gate), its dead
 * letters (through the platform's {@code DeadLetterPublisher}), and the topics dispatch
 * declares.
 */
package dev.smspipeline.dispatch.intake;
