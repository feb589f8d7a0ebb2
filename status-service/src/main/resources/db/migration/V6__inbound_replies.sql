-- Every signed STOP / START reply, once per carrier MessageSid: a replayed webhook finds
-- its row and changes nothing. A reply no account can be found for yet stays with
-- applied_at NULL and is attributed again until one can (issue 17).
CREATE TABLE inbound_reply (
    message_sid  text        PRIMARY KEY,
    lead         text        NOT NULL,
    sender       text        NOT NULL,
    keyword      text        NOT NULL,
    received_at  timestamptz NOT NULL,
    applied_at   timestamptz
);
CREATE INDEX inbound_reply_pending ON inbound_reply (received_at) WHERE applied_at IS NULL;
