/**
 * The carrier's status callbacks: {@code POST /webhooks/carrier/status}, signed with
 * Twilio's {@code X-Twilio-Signature}, turned into one {@code DeliveryStatus} on
 * {@code sms.delivery-status} and answered only once the broker holds it. The intake
 * never touches the database, so it keeps answering while the store catches up.
 */
package dev.smspipeline.status.callback;
