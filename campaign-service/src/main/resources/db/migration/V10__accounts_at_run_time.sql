-- Accounts managed at run time through the admin API (issue 17). campaign-service is the
-- accounts' owner: every change here is published, in the same transaction through the
-- outbox, as the account's whole state on the compacted sms.accounts topic, which every
-- service reads.
ALTER TABLE account
    ADD COLUMN name             text,
    ADD COLUMN status           text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    ADD COLUMN default_sender   text,
    ADD COLUMN daily_limit      bigint      CHECK (daily_limit >= 0),
    ADD COLUMN monthly_limit    bigint      CHECK (monthly_limit >= 0),
    ADD COLUMN trial            boolean     NOT NULL DEFAULT false,
    ADD COLUMN verified_numbers text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN version          bigint      NOT NULL DEFAULT 1,
    ADD COLUMN updated_at       timestamptz NOT NULL DEFAULT now();
UPDATE account SET name = id;
ALTER TABLE account ALTER COLUMN name SET NOT NULL;

-- Several keys per account, for rotation; only the SHA-256 is kept. A revoked key stays
-- listed with its revocation time.
CREATE TABLE api_key (
    account_id  text        NOT NULL REFERENCES account (id),
    key_id      text        NOT NULL,
    sha256      text        NOT NULL UNIQUE,
    name        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    PRIMARY KEY (account_id, key_id)
);
INSERT INTO api_key (account_id, key_id, sha256, name, created_at)
SELECT id, 'bootstrap', api_key_sha256, 'configured at start-up', created_at FROM account;
ALTER TABLE account DROP COLUMN api_key_sha256;

-- A sender number belongs to one account (the primary key), in its canonical form: E.164
-- for long codes and toll-free numbers, the digits of a short code.
CREATE TABLE sender (
    number              text             PRIMARY KEY,
    account_id          text             NOT NULL REFERENCES account (id),
    kind                text             NOT NULL CHECK (kind IN ('LONG_CODE', 'TOLL_FREE', 'SHORT_CODE')),
    segments_per_second double precision NOT NULL CHECK (segments_per_second > 0)
);
CREATE INDEX sender_by_account ON sender (account_id);
