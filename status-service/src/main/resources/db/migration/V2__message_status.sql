-- The status store: sms.delivery-status projected by the store's listener. Both tables can
-- be rebuilt by replaying the topic into them empty; every write is idempotent.

-- The current state of every text, one row per message id.
CREATE TABLE message_status (
    message_id                text        PRIMARY KEY,
    account_id                text        NOT NULL,
    campaign_id               text,
    recipient                 text,
    sender                    text,
    -- A MessageStatus name; only ever replaced by a status of a higher status_rank.
    status                    text        NOT NULL,
    -- REQUESTED 1 < SCHEDULED 2 < QUEUED 3 < SUBMITTED 4 < SENT 5 < DELIVERY_UNKNOWN 6 < terminal 7.
    status_rank               smallint    NOT NULL,
    -- Reason and carrier error of the current status: they change with it.
    reason_code               text,
    carrier_error_code        text,
    carrier_error_description text,
    carrier_message_id        text,
    segments                  integer,
    -- Event times, not row times, so a rebuild gives the same table: when the earliest
    -- event of the text occurred, and when the latest status change applied occurred.
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL
);

-- A lookup by (account_id, message_id) needs no index of its own: message ids are unique
-- across accounts (campaign-service makes them), so the primary key finds the one row and
-- the account is checked on it. A second (account_id, message_id) index would only cost
-- every write. The searches by account, status and time come with their own indexes.

-- Every status event of every text, once: a repeated event id is ignored.
CREATE TABLE message_status_history (
    id                        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id                  text        NOT NULL UNIQUE,
    message_id                text        NOT NULL,
    account_id                text        NOT NULL,
    status                    text        NOT NULL,
    -- A StatusSource name: CAMPAIGN, DISPATCH, CARRIER_CALLBACK, STATUS_AGEING.
    source                    text        NOT NULL,
    reason_code               text,
    carrier_error_code        text,
    carrier_error_description text,
    carrier_message_id        text,
    attempt                   integer     NOT NULL DEFAULT 0,
    occurred_at               timestamptz NOT NULL,
    recorded_at               timestamptz NOT NULL DEFAULT now()
);

-- A text's history in the order it is shown: by event time, then by arrival.
CREATE INDEX message_status_history_message ON message_status_history (message_id, occurred_at, id);
