-- One-off requests (POST /api/v1/messages, crm.sms-requests): idempotency keys and the
-- texts recently handed to dispatch, for the duplicate-trigger window.

-- One row per (account, key): the Idempotency-Key header of the API or the eventId of a
-- crm.sms-requests record (one namespace per account). The row is inserted first, in the
-- transaction that also writes the text's records to the outbox and then the answer
-- here: a concurrent request with the same key waits on the primary key until that
-- transaction ends, then reads the answer. A row whose expires_at passed is taken over
-- by the next request with its key.
CREATE TABLE idempotency_key (
    account_id      text        NOT NULL,
    idempotency_key text        NOT NULL,
    -- SHA-256 of the request as normalised (Fingerprints): another request under the
    -- same key is refused (422, or the DLT).
    fingerprint     bytea       NOT NULL,
    source          text        NOT NULL,
    message_id      uuid,
    status_code     int,
    answer          jsonb,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);

CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);

-- One-off texts handed to dispatch (REQUESTED) within the duplicate window. Looked up
-- under a transaction-scoped advisory lock per (account, recipient), so two identical
-- triggers cannot both miss each other.
CREATE TABLE recent_text (
    message_id  uuid        PRIMARY KEY,
    account_id  text        NOT NULL,
    recipient   text        NOT NULL,
    body_sha256 bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX recent_text_lookup ON recent_text (account_id, recipient, body_sha256, created_at DESC);
CREATE INDEX recent_text_age ON recent_text (created_at);
