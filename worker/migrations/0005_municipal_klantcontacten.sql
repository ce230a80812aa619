-- Issue 7: contact moments (an appointment held, a home visit done) become klantcontacten in the
-- municipality's Klantinteracties API (Open Klant), through the same outbox.
--
-- SQLite cannot change a CHECK constraint, so the outbox is rebuilt with one more action,
-- `create_klantcontact` (subject: the appointment id; idempotency key `klantcontact:<appointment id>`).
-- Every row is copied as it is (ids, states, attempts), so nothing waiting is lost.
CREATE TABLE municipal_outbox_rebuilt (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 120),
    client_id       TEXT NOT NULL CHECK (length(client_id) = 36),
    action          TEXT NOT NULL CHECK (action IN ('create_zaak', 'create_rol', 'set_status', 'create_document',
                                                    'link_document', 'create_klantcontact')),
    subject         TEXT NOT NULL,
    acted_by        TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'parked')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    delivered_at    TEXT
) STRICT;
INSERT INTO municipal_outbox_rebuilt
    (id, idempotency_key, client_id, action, subject, acted_by, state, attempts, next_attempt_at, last_error,
     created_at, delivered_at)
    SELECT id, idempotency_key, client_id, action, subject, acted_by, state, attempts, next_attempt_at, last_error,
           created_at, delivered_at
    FROM municipal_outbox;
DROP TABLE municipal_outbox;
ALTER TABLE municipal_outbox_rebuilt RENAME TO municipal_outbox;
CREATE INDEX municipal_outbox_due ON municipal_outbox (state, next_attempt_at);
CREATE INDEX municipal_outbox_by_client ON municipal_outbox (client_id, id);

-- The client as a partij (party) in the Klantinteracties API, found by BSN or made once: its URL
-- and uuid, so later klantcontacten link to it without asking by BSN again.
CREATE TABLE municipal_partijen (
    client_id  TEXT PRIMARY KEY NOT NULL CHECK (length(client_id) = 36),
    partij_url TEXT NOT NULL,
    partij_uuid TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- The klantcontact made for an appointment that was held.
CREATE TABLE municipal_klantcontacten (
    appointment_id   TEXT PRIMARY KEY NOT NULL CHECK (length(appointment_id) = 36),
    client_id        TEXT NOT NULL CHECK (length(client_id) = 36),
    klantcontact_url TEXT NOT NULL,
    created_at       TEXT NOT NULL
) STRICT;
