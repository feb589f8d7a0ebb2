/**
 * Consent: each account's suppression list, materialised from the compacted
 * {@code sms.opt-outs} topic (STOP and START replies, carrier 21610, API changes) and
 * changed through {@code /api/v1/opt-outs/{e164}}. Texts to an opted-out number end
 * REJECTED with {@code OPTED_OUT}: one-off texts at request time, campaign texts when the
 * campaign is processed and again when each is released.
 */
package dev.smspipeline.campaign.consent;
