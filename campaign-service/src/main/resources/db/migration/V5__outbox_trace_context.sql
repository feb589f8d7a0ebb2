-- The W3C trace context (traceparent) of the request or record that wrote an outbox row,
-- so the relay's publish continues that trace; NULL when nothing was traced (the release
-- poller), and the relay then starts a new trace for the record.
ALTER TABLE outbox ADD COLUMN trace_parent text;
