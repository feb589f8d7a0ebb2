-- Bulk flow control (issue 16). A campaign text now stays RELEASED only while it is in
-- Kafka or in dispatch; dispatch's first word on it moves it on:
--   SUBMITTED  handed to the carrier (submitted_at)
--   UNSENT     released, then ended by dispatch without reaching the carrier
--              (canceled, rejected, expired or failed; reason_code is that status)
-- The release job keeps the RELEASED texts to a few seconds of what dispatch submits.
ALTER TABLE campaign_message ADD COLUMN submitted_at timestamptz;

-- Each running campaign's due texts, so release can take turns between campaigns.
CREATE INDEX campaign_message_due_by_campaign ON campaign_message (campaign_id, release_at) WHERE state = 'HELD';
DROP INDEX campaign_message_due;

-- The texts in dispatch: few (the release window), counted every release round.
CREATE INDEX campaign_message_in_dispatch ON campaign_message (released_at) WHERE state = 'RELEASED';

-- Campaign texts dispatch submitted or ended, per second, every instance together: the
-- measured throughput the release window is sized from. Rows older than a minute are purged.
CREATE TABLE release_pace (
    second    bigint PRIMARY KEY,
    settled   int    NOT NULL
);
