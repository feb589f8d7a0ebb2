-- Campaigns, their audiences, their texts and the transactional outbox that publishes
-- what changed. Every table belongs to campaign-service alone.

CREATE TABLE campaign (
    id                    uuid        PRIMARY KEY,
    account_id            text        NOT NULL,
    name                  text        NOT NULL,
    body                  text        NOT NULL,
    sender                text,
    send_at               timestamptz,
    send_at_local_time    time,
    quiet_hours_enabled   boolean     NOT NULL,
    quiet_hours_start     time        NOT NULL,
    quiet_hours_end       time        NOT NULL,
    validity_seconds      bigint      NOT NULL,
    smart_sending_seconds bigint,
    segments              int         NOT NULL,
    status                text        NOT NULL,
    failure_reason        text,
    -- Bumped by every lifecycle transition; campaign event ids are <id>:<version>.
    version               int         NOT NULL DEFAULT 0,
    audience_size         bigint      NOT NULL DEFAULT 0,
    duplicates            bigint      NOT NULL DEFAULT 0,
    -- Processing: when it starts, and how far through the audience (by phone_key) it is.
    start_at              timestamptz,
    processed_key         text,
    -- Set when a running campaign is canceled, until every held text of it is CANCELED.
    cancel_pending        boolean     NOT NULL DEFAULT false,
    -- What status-service counted when it completed the campaign (COMPLETED event).
    final_counts          jsonb,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    activated_at          timestamptz,
    processing_at         timestamptz,
    sending_at            timestamptz,
    sent_at               timestamptz,
    done_at               timestamptz,
    canceled_at           timestamptz,
    failed_at             timestamptz
);

CREATE INDEX campaign_page ON campaign (account_id, created_at DESC, id DESC);
CREATE INDEX campaign_page_by_status ON campaign (account_id, status, created_at DESC, id DESC);
CREATE INDEX campaign_due ON campaign (start_at) WHERE status = 'SCHEDULED';
CREATE INDEX campaign_running ON campaign (status) WHERE status IN ('PROCESSING', 'SENDING');
CREATE INDEX campaign_cancel_pending ON campaign (canceled_at) WHERE cancel_pending;

-- One row per distinct phone of a campaign's audience. phone_key is the E.164 number, or
-- the number as given when it could not be read, so duplicates collapse on the key.
CREATE TABLE audience_member (
    campaign_id   uuid   NOT NULL REFERENCES campaign (id),
    phone_key     text   NOT NULL,
    phone         text   NOT NULL,
    e164          text,
    reject_code   text,
    reject_reason text,
    time_zones    text,
    attributes    jsonb  NOT NULL DEFAULT '{}',
    source_line   bigint,
    PRIMARY KEY (campaign_id, phone_key)
);

CREATE INDEX audience_member_by_phone ON audience_member (phone_key);

-- One row per text of a campaign, created when the campaign is processed. Its id is
-- UUID.nameUUIDFromBytes("<campaign id>:<phone key>"): processing it again cannot make a
-- second text.
--   HELD      waiting for release_at
--   RELEASED  MessageRequested written to the outbox (handed to dispatch)
--   REJECTED  our own checks refused it (reason_code)
--   EXPIRED   its validity would pass before it may be sent
--   CANCELED  the campaign was canceled, or smart sending skipped it (reason_code)
--   DELETED   its lead was deleted
CREATE TABLE campaign_message (
    id           uuid        PRIMARY KEY,
    campaign_id  uuid        NOT NULL REFERENCES campaign (id),
    account_id   text        NOT NULL,
    recipient    text        NOT NULL,
    state        text        NOT NULL,
    reason_code  text,
    body         text,
    segments     int         NOT NULL,
    time_zones   text,
    attributes   jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    release_at   timestamptz,
    expires_at   timestamptz,
    released_at  timestamptz
);

CREATE INDEX campaign_message_due ON campaign_message (release_at) WHERE state = 'HELD';
CREATE INDEX campaign_message_by_campaign ON campaign_message (campaign_id, state) INCLUDE (segments);
CREATE INDEX campaign_message_by_recipient ON campaign_message (account_id, recipient, released_at);

-- Transactional outbox: every record this service publishes from a database change is
-- written here in the same transaction, and the relay publishes it to Kafka exactly once.
-- batch_id is set while a batch is in flight (see OutboxRelay).
CREATE TABLE outbox (
    seq         bigserial   PRIMARY KEY,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    record_type text        NOT NULL,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    batch_id    uuid
);

CREATE INDEX outbox_in_flight ON outbox (batch_id) WHERE batch_id IS NOT NULL;
