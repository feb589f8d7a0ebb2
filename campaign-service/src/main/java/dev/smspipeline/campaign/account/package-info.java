/**
 * Accounts at run time: the operators' admin API ({@code /admin/v1/accounts}, operator
 * key), the accounts' store, and their publication as whole states on the compacted
 * {@code sms.accounts} topic (through the outbox, in the transaction of each change),
 * from which every service builds its view of keys, suspensions and senders.
 */
package dev.smspipeline.campaign.account;
