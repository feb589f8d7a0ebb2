/**
 * The carrier's inbound messages: {@code POST /webhooks/carrier/inbound}, Twilio's
 * incoming-message webhook, signed like the status callbacks (the callback package's
 * signature filter covers every {@code /webhooks/carrier/*}). A lead's STOP or START
 * reply becomes one {@code OptOutChange} on the compacted {@code sms.opt-outs} per
 * account that texted the lead from that number; HELP is answered with TwiML.
 */
package dev.smspipeline.status.inbound;
