/**
 * dispatch-service: takes requested texts off {@code sms.message-requested}, paces them
 * per recipient number, hands them to the carrier and publishes what happened to
 * {@code sms.delivery-status}. Packages by capability: {@code intake} (the listener, its
 * manual acknowledgments, rebalance hooks and dead-letter topic), {@code offsets} (the
 * commit rule: up to the first unfinished record), {@code queue} (per-number lanes, the
 * scheduler and workers), {@code throttle} (the pacing rules), {@code backlog} (texts
 * parked in PostgreSQL), {@code submission} (one attempt at a text: precheck, carrier
 * call, outcome, statuses), {@code consent} (cancellations and opt-outs) and
 * {@code carrier} (the Twilio-compatible adapter). See {@code docs/architecture.md}.
 */
package dev.smspipeline.dispatch;
