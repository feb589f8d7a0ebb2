/**
 * Accounts and their API keys. Every {@code /api/**} call carries
 * {@code Authorization: Bearer <key>}; the key's SHA-256 decides the account. Keys are
 * never stored, only their hashes, in the service's own {@code account} table.
 */
package dev.smspipeline.platform.account;
