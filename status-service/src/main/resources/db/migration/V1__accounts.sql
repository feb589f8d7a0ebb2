-- This service's copy of the accounts that may call its API. Keys are kept as SHA-256 only.
CREATE TABLE account (
    id             text        PRIMARY KEY,
    api_key_sha256 text        NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT now()
);
