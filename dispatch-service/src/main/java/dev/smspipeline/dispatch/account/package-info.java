/**
 * Who may send from which number: the accounts read from {@code sms.accounts} (the
 * platform's {@code AccountDirectory}) and the shared numbers of
 * {@code sms.senders.shared} decide, before the carrier call, whether a text's From
 * number belongs to its account and whether the account may send at all.
 */
package dev.smspipeline.dispatch.account;
