-- Segments each account used per UTC day ('D') and UTC calendar month ('M'), for its
-- sending quotas (limits.SendingQuotas). Only accounts with a limit get rows; a row is
-- locked by each text or campaign piece it counts, for as long as that transaction runs.
CREATE TABLE sending_usage (
    account_id   text   NOT NULL,
    period       char(1) NOT NULL CHECK (period IN ('D', 'M')),
    period_start date   NOT NULL,
    segments     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, period, period_start)
);
