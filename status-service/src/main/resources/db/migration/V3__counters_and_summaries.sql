-- What the queries answer from without scanning messages: per-campaign counters and a
-- per-recipient summary, both kept by the store's projector in the same transaction as
-- message_status, plus what sms.campaign-events tells about each campaign and the ledger
-- of the completion events this service published.
--
-- Indexes, and the query each one keeps fast at 10,000,000 messages (every list is
-- keyset-paginated newest first, so each is read backwards from the cursor, LIMIT n+1):
--   message_status_account_bucket_created      GET /api/v1/messages?status=<bucket or status>&createdFrom&createdTo
--   message_status_account_recipient_created   GET /api/v1/recipients/{e164}/messages, and the projector's
--                                              "latest message of this recipient" lookup
--   message_status_ageing (partial)            the ageing job: SUBMITTED/SENT not yet aged, oldest first
--   recipient_summary primary key              the projector's per-recipient upsert
--   recipient_summary_account_bucket_latest    GET /api/v1/recipients?latestStatus=<bucket or status>
--   recipient_summary_failed (partial)         GET /api/v1/recipients?minFailed=N (only recipients with a failure)
--   campaign_counters primary key              GET /api/v1/campaigns/{id}/stats and the projector's upsert
--   campaign_counters_account_created          GET /api/v1/campaigns (newest first)
--   campaign_counters_open (partial)           the completion job: released campaigns not yet completed
-- A single status name (latestStatus=UNDELIVERED, status=SENT) uses its bucket's index and
-- filters on the status: one index per table instead of one per status and one per bucket.
-- Built without CONCURRENTLY because Flyway runs this in a transaction; on a large existing
-- table create them CONCURRENTLY by hand first (same names) and this migration's IF NOT
-- EXISTS skips them.

-- The bucket of the current status, as DESIGN.md maps them: in_queue (REQUESTED, SCHEDULED,
-- QUEUED, and a status this build does not know), outbox (SUBMITTED, SENT), delivered,
-- error (UNDELIVERED, FAILED, REJECTED, EXPIRED), delivery_unknown, canceled, deleted
-- (CANCELED with reason LEAD_DELETED). Written by the projector with the status.
ALTER TABLE message_status ADD COLUMN bucket text;
-- When the text was handed to the carrier: the earliest and the latest SUBMITTED or SENT
-- event. Both only ever move outwards, so they end the same whatever order events arrive in.
ALTER TABLE message_status ADD COLUMN submitted_at timestamptz;
ALTER TABLE message_status ADD COLUMN last_submitted_at timestamptz;
-- When the ageing job published this text's DELIVERY_UNKNOWN (operational, not from the
-- topic): keeps the job from publishing it again before the store applies it.
ALTER TABLE message_status ADD COLUMN aged_at timestamptz;

UPDATE message_status SET bucket = CASE
    WHEN status IN ('SUBMITTED', 'SENT') THEN 'outbox'
    WHEN status = 'DELIVERED' THEN 'delivered'
    WHEN status IN ('UNDELIVERED', 'FAILED', 'REJECTED', 'EXPIRED') THEN 'error'
    WHEN status = 'DELIVERY_UNKNOWN' THEN 'delivery_unknown'
    WHEN status = 'CANCELED' AND reason_code = 'LEAD_DELETED' THEN 'deleted'
    WHEN status = 'CANCELED' THEN 'canceled'
    ELSE 'in_queue' END;
UPDATE message_status m SET submitted_at = h.first_submitted, last_submitted_at = h.last_submitted
FROM (SELECT message_id, min(occurred_at) AS first_submitted, max(occurred_at) AS last_submitted
      FROM message_status_history
      WHERE status IN ('SUBMITTED', 'SENT') GROUP BY message_id) h
WHERE h.message_id = m.message_id;
ALTER TABLE message_status ALTER COLUMN bucket SET NOT NULL;

CREATE INDEX IF NOT EXISTS message_status_account_bucket_created
    ON message_status (account_id, bucket, created_at, message_id);
CREATE INDEX IF NOT EXISTS message_status_account_recipient_created
    ON message_status (account_id, recipient, created_at, message_id);
CREATE INDEX IF NOT EXISTS message_status_ageing
    ON message_status (updated_at) WHERE status IN ('SUBMITTED', 'SENT') AND aged_at IS NULL;

-- One row per campaign: how many of its texts are in each bucket now. The projector moves a
-- text from its old bucket to its new one only when its stored status really changes, so
-- duplicates and replays change nothing. Rebuilt by replaying sms.delivery-status (counts,
-- times) and sms.campaign-events (released_total, campaign_status, completed_at).
CREATE TABLE campaign_counters (
    account_id         text        NOT NULL,
    campaign_id        text        NOT NULL,
    in_queue           bigint      NOT NULL DEFAULT 0,
    outbox             bigint      NOT NULL DEFAULT 0,
    delivered          bigint      NOT NULL DEFAULT 0,
    error              bigint      NOT NULL DEFAULT 0,
    delivery_unknown   bigint      NOT NULL DEFAULT 0,
    canceled           bigint      NOT NULL DEFAULT 0,
    deleted            bigint      NOT NULL DEFAULT 0,
    -- The earliest and latest SUBMITTED or SENT event of any of its texts.
    first_submitted_at timestamptz,
    last_submitted_at  timestamptz,
    -- The earliest event of the campaign seen: orders the campaign list.
    created_at         timestamptz NOT NULL,
    -- From campaign-service's STATUS_CHANGED/SENT event: how many texts it released in all.
    released_total     bigint,
    released_at        timestamptz,
    -- The latest lifecycle status campaign-service announced, if any.
    campaign_status    text,
    -- When the campaign was completed (this service's COMPLETED event) and why.
    completed_at       timestamptz,
    completion_reason  text,
    PRIMARY KEY (account_id, campaign_id)
);

CREATE INDEX campaign_counters_account_created ON campaign_counters (account_id, created_at, campaign_id);
CREATE INDEX campaign_counters_open ON campaign_counters (released_at)
    WHERE released_total IS NOT NULL AND completed_at IS NULL;

-- The completion events this service published, one per campaign. Not a projection: a
-- rebuild truncates the tables above but keeps this one, so replaying the topics never
-- completes a campaign twice. (Losing it too is covered by sms.campaign-events, whose
-- COMPLETED events refill it.)
CREATE TABLE campaign_completion (
    account_id   text        NOT NULL,
    campaign_id  text        NOT NULL,
    reason       text        NOT NULL,
    completed_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, campaign_id)
);

-- One row per (account, recipient): the latest text (by creation time, then id) and how
-- many of the recipient's texts are in the error bucket. Kept by the projector.
CREATE TABLE recipient_summary (
    account_id        text   NOT NULL,
    recipient         text   NOT NULL,
    message_count     bigint NOT NULL DEFAULT 0,
    failed_count      bigint NOT NULL DEFAULT 0,
    latest_message_id text,
    latest_status     text,
    latest_bucket     text,
    latest_created_at timestamptz,
    PRIMARY KEY (account_id, recipient)
);

CREATE INDEX recipient_summary_account_bucket_latest
    ON recipient_summary (account_id, latest_bucket, latest_created_at, recipient);
CREATE INDEX recipient_summary_failed
    ON recipient_summary (account_id, latest_created_at, recipient) WHERE failed_count > 0;

-- Fill both from what the store already holds (empty on a new installation).
INSERT INTO campaign_counters (account_id, campaign_id, in_queue, outbox, delivered, error, delivery_unknown,
    canceled, deleted, first_submitted_at, last_submitted_at, created_at)
SELECT account_id, campaign_id,
    count(*) FILTER (WHERE bucket = 'in_queue'), count(*) FILTER (WHERE bucket = 'outbox'),
    count(*) FILTER (WHERE bucket = 'delivered'), count(*) FILTER (WHERE bucket = 'error'),
    count(*) FILTER (WHERE bucket = 'delivery_unknown'), count(*) FILTER (WHERE bucket = 'canceled'),
    count(*) FILTER (WHERE bucket = 'deleted'), min(submitted_at), max(last_submitted_at), min(created_at)
FROM message_status WHERE campaign_id IS NOT NULL
GROUP BY account_id, campaign_id;

INSERT INTO recipient_summary (account_id, recipient, message_count, failed_count, latest_message_id,
    latest_status, latest_bucket, latest_created_at)
SELECT counted.account_id, counted.recipient, counted.messages, counted.failed, latest.message_id, latest.status,
    latest.bucket, latest.created_at
FROM (SELECT account_id, recipient, count(*) AS messages, count(*) FILTER (WHERE bucket = 'error') AS failed
      FROM message_status WHERE recipient IS NOT NULL GROUP BY account_id, recipient) counted
JOIN (SELECT DISTINCT ON (account_id, recipient) account_id, recipient, message_id, status, bucket, created_at
      FROM message_status WHERE recipient IS NOT NULL
      ORDER BY account_id, recipient, created_at DESC, message_id DESC) latest
    ON latest.account_id = counted.account_id AND latest.recipient = counted.recipient;
