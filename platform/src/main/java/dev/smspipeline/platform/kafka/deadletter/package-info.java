/**
 * Dead letters and retries, one way in every service: the
 * {@link dev.smspipeline.platform.kafka.deadletter.DeadLetterPublisher} writes a record
 * that cannot be processed to {@code <topic>.DLT} with its original bytes and the headers
 * of {@link dev.smspipeline.schemas.DeadLetterHeaders}; a listener refuses a record with
 * a {@link dev.smspipeline.platform.kafka.deadletter.RejectedRecordException} and a
 * reason code; {@link dev.smspipeline.platform.kafka.deadletter.ListenerContainers}
 * builds each listener's container from its
 * {@link dev.smspipeline.platform.kafka.deadletter.RetryPolicy}, configurable under
 * {@code sms.kafka.retry.<listener>}.
 */
package dev.smspipeline.platform.kafka.deadletter;
