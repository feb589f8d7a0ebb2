-- When each API key was last used, to the minute, as campaign-service saw it
-- (account.KeyUsageRecorder stores what the key filter noted, every 30 s).
ALTER TABLE api_key ADD COLUMN last_used_at timestamptz;
