/**
 * Duplicate triggers: a one-off text with the same account, recipient and body as one
 * handed to dispatch within {@code sms.messages.duplicate-window} is answered with the
 * first text's id and not sent again, unless the request says {@code allowDuplicate}.
 */
package dev.smspipeline.campaign.dedupe;
