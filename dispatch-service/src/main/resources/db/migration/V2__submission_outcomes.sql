-- Every outcome dispatch decides (SUBMITTED, FAILED, EXPIRED) is kept with what its status
-- event needs, so a redelivered request republishes the same event (same event id) instead
-- of calling the carrier again: the row is written before the Kafka transaction commits,
-- and a crash in between must not lose the status.
ALTER TABLE submission
    ADD COLUMN attempt                   integer NOT NULL DEFAULT 0,
    ADD COLUMN reason_code               text,
    ADD COLUMN carrier_error_code        text,
    ADD COLUMN carrier_error_description text;
