-- One-off texts held in campaign-service until they may go out: a sendAt more than a
-- second ahead, or the recipient's quiet hours when the request respects them. Written
-- in the request's transaction (with its SCHEDULED status in the outbox and its
-- idempotency key's answer); OneOffRelease claims due rows FOR UPDATE SKIP LOCKED, so
-- several instances release disjoint rows, and deletes each row in the transaction that
-- writes its MessageRequested (or its EXPIRED / REJECTED status) to the outbox. A row
-- that falls into quiet hours again at release gets a later release_at.
CREATE TABLE held_one_off (
    message_id          uuid        PRIMARY KEY,
    account_id          text        NOT NULL,
    campaign_id         text,
    recipient           text        NOT NULL,
    sender              text        NOT NULL,
    body                text        NOT NULL,
    segments            int         NOT NULL,
    idempotency_key     text,
    source              text        NOT NULL,
    priority            text        NOT NULL,
    attributes          jsonb       NOT NULL DEFAULT '{}',
    respect_quiet_hours boolean     NOT NULL,
    -- The recipient's zones (IANA ids, comma-separated) when it respects quiet hours.
    time_zones          text,
    requested_at        timestamptz NOT NULL,
    release_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL
);

CREATE INDEX held_one_off_due ON held_one_off (release_at);
