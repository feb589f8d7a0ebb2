-- The suppression list: each account's recipients who opted out (STOP, carrier 21610,
-- the API), materialised from the compacted sms.opt-outs topic and written directly by
-- the opt-out API. The last change applied wins, in the topic's order per
-- <account>:<number> key; a row with opted_out = false is an opt-in (START); a tombstone
-- on the topic deletes the row.
CREATE TABLE opt_out (
    account_id text        NOT NULL,
    recipient  text        NOT NULL,
    opted_out  boolean     NOT NULL,
    source     text        NOT NULL,
    keyword    text,
    event_id   text        NOT NULL,
    -- OptOutChange.occurredAt of the change applied last.
    changed_at timestamptz NOT NULL,
    -- The eventId of an API change applied here but not yet read back from the topic.
    -- Until it is, older API changes read back are skipped, so a caller reads its own
    -- write (a DELETE right after a PUT is not undone by the PUT's echo).
    pending_event_id text,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, recipient)
);
