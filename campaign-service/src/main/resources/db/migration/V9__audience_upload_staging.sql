-- A CSV audience upload is staged here in short transactions, batch by batch, while
-- nothing locks its campaign; one transaction holding the campaign's row lock then moves
-- the rows into audience_member (Audiences.stage / merge). UNLOGGED: a crash loses only
-- uploads in progress, which fail with it anyway.
CREATE UNLOGGED TABLE audience_upload (
    id          uuid        PRIMARY KEY,
    campaign_id uuid        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audience_upload_by_start ON audience_upload (started_at);

CREATE UNLOGGED TABLE audience_upload_row (
    upload_id     uuid   NOT NULL,
    phone_key     text   NOT NULL,
    phone         text   NOT NULL,
    e164          text,
    reject_code   text,
    reject_reason text,
    time_zones    text,
    attributes    jsonb  NOT NULL,
    source_line   bigint NOT NULL,
    PRIMARY KEY (upload_id, source_line)
);
