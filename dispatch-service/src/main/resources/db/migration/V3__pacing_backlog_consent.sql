-- The durable backlog: a number's texts beyond what dispatch keeps in memory. A row is the
-- original record of sms.message-requested (its value as read, Confluent wire format), keyed
-- by source partition and offset: parking a redelivered record again changes nothing, and
-- the offset is the text's place in its number's order. Rows are fed back in offset order
-- and deleted once their text has its outcome.
CREATE TABLE parked_message (
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    recipient        text        NOT NULL,
    message_id       text        NOT NULL,
    campaign_id      text,
    request          bytea       NOT NULL,
    parked_at        timestamptz NOT NULL,
    PRIMARY KEY (source_partition, source_offset)
);

CREATE INDEX parked_message_by_number ON parked_message (recipient, source_partition, source_offset);

-- Campaign cancellations and lead deletions from sms.campaign-events, kept so a cancellation
-- that arrives before (some of) its texts is still honoured, on every instance. recipient is
-- '' for the whole campaign.
CREATE TABLE campaign_cancellation (
    id          bigserial   PRIMARY KEY,
    campaign_id text        NOT NULL,
    recipient   text        NOT NULL,
    reason_code text        NOT NULL,
    event_id    text        NOT NULL UNIQUE,
    recorded_at timestamptz NOT NULL,
    UNIQUE (campaign_id, recipient)
);

-- The latest opt-out state of each (account, recipient), from the compacted sms.opt-outs.
CREATE TABLE opt_out (
    account_id text        NOT NULL,
    recipient  text        NOT NULL,
    opted_out  boolean     NOT NULL,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, recipient)
);
