/**
 * Plumbing every service shares and none owns: who is calling ({@code account}) and how
 * errors are answered ({@code problem}). Auto-configured; a service opts in by depending
 * on the jar.
 */
package dev.smspipeline.platform;
