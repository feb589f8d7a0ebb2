-- The accounts this service serves now come from the compacted sms.accounts topic, read
-- into memory at start-up (platform AccountDirectory); this copy of them is no longer
-- read or written.
DROP TABLE account;
