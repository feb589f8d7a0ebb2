/**
 * Logging every service shares: the ids of the text being worked on in the MDC
 * ({@link dev.smspipeline.platform.logging.LogContext}), and phone numbers masked in log
 * lines ({@link dev.smspipeline.platform.logging.PhoneNumberMask}), also as a safety net
 * over every value of a structured (JSON) log line.
 */
package dev.smspipeline.platform.logging;
