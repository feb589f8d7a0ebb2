/**
 * RFC 9457 problem+json answers for every error, with a field-level reason where the
 * input was at fault. Bad input never answers 500.
 */
package dev.smspipeline.platform.problem;
