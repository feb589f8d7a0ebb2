-- A lead's inbound reply (STOP, START) names only the lead (From) and our number (To); the
-- accounts it belongs to are those whose texts went to that lead from that number. The
-- existing recipient index starts with account_id, so this lookup across accounts gets
-- its own, covering the account so the table is never read.
CREATE INDEX IF NOT EXISTS message_status_recipient_sender
    ON message_status (recipient, sender, account_id);
