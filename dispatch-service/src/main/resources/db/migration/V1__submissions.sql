-- Every text dispatch has handed to the carrier. The primary key makes a redelivered
-- request (after a crash or rebalance) find its earlier submission instead of sending again.
CREATE TABLE submission (
    message_id         text        PRIMARY KEY,
    account_id         text        NOT NULL,
    recipient          text        NOT NULL,
    carrier_message_id text,
    outcome            text        NOT NULL,
    submitted_at       timestamptz NOT NULL DEFAULT now()
);
