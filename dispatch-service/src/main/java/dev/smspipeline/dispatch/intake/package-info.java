/**
 * The Kafka edge of dispatch: the listener on {@code sms.message-requested}, its
 * transactional commit, its dead-letter topic, and the topics dispatch declares.
 */
package dev.smspipeline.dispatch.intake;
