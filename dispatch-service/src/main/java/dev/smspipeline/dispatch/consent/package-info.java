/**
 * What must stop a text before the carrier: campaign cancellations and lead deletions
 * from {@code sms.campaign-events}, opt-outs from {@code sms.opt-outs}. Both are kept in
 * dispatch's own tables, so a cancellation that arrives before its texts is still
 * honoured, and every instance sees what one instance consumed.
 */
package dev.smspipeline.dispatch.consent;
