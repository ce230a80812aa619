-- Issue 16: quotas (shared::sync::quotas). Before admitting a push, the worker counts what the
-- signed-in person stored in the last minute and what each of the push's client files got in
-- the last 24 hours, by the time the log stored them (`received_at`, text that sorts as time).
CREATE INDEX operations_by_author_received ON operations (author, received_at);
CREATE INDEX operations_by_client_received ON operations (client_id, received_at);
