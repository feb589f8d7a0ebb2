-- The relay claims the oldest unpublished rows (batch_id IS NULL ORDER BY seq). The outbox
-- is a queue: rows are deleted once published, so the primary key's index fills with dead
-- entries between vacuums; a partial index on the pending rows alone keeps the claim an
-- index range scan however long the backlog, and vacuuming more eagerly keeps it small.
CREATE INDEX outbox_pending ON outbox (seq) WHERE batch_id IS NULL;

ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000);
