/**
 * No account can take more than its share of a service: a token bucket per account on
 * every {@code /api/**} call ({@link RateLimitFilter}), and the count of calls refused
 * for an account's sake ({@link ApiRefusals}, {@code sms_api_refused_total{reason}}). A
 * refused call answers 429 problem+json with {@code Retry-After}.
 */
package dev.smspipeline.platform.ratelimit;
