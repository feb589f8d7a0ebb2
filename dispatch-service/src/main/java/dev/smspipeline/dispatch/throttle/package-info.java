/**
 * Per-number pacing: the minimum interval between two texts to one recipient, rolling
 * window caps per recipient and per (sender, recipient) pair, carrier holds (HTTP 429,
 * Twilio 14107) and the optional per-sender cap in segments per second. Pure logic on
 * explicit instants, so it is tested with a moving clock; the dispatcher serialises
 * access.
 */
package dev.smspipeline.dispatch.throttle;
