/**
 * An account's limits: the trial mode's verified recipients and the daily and monthly
 * sending quotas, read from the account's state on {@code sms.accounts}.
 */
package dev.smspipeline.campaign.limits;
