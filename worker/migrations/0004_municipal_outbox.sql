-- Issue 7: the outbox of calls to the municipality's systems (the ZGW Zaken API: zaak, rol,
-- status) and the link between an aanvraag (application) and the zaak (case) made for it, with
-- what the zaak system last said about it (polled, flows back to devices as operations).
--
-- A row is stored in the same D1 batch as the pushed operation that causes it, so nothing is
-- sent that was not stored and nothing stored is lost. Delivery (worker/src/municipal/delivery.rs)
-- sends a client's rows one after another, in `id` order; a row leaves the queue only as
-- `delivered`; a row the other side refuses (4xx) is `parked` with the reason until someone sends
-- it again. The request body is built when it is sent, from the operation log and the current
-- configuration, so a call refused for a wrong configuration succeeds once the cause is fixed.
CREATE TABLE municipal_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Unique per intended effect (`zaak:<aanvraag id>`, `rol:<aanvraag id>`,
    -- `status:<milestone>:<client id>`): enqueueing twice stores one row.
    idempotency_key TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 120),
    client_id       TEXT NOT NULL CHECK (length(client_id) = 36),
    -- create_zaak | create_rol | set_status | create_document (Documenten API) | link_document
    action          TEXT NOT NULL CHECK (action IN ('create_zaak', 'create_rol', 'set_status', 'create_document',
                                                    'link_document')),
    -- The aanvraag id (create_zaak, create_rol), the milestone (set_status) or the document (its kind).
    subject         TEXT NOT NULL,
    -- The login subject of the person whose change caused the call (the JWT's user_id).
    acted_by        TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'parked')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Milliseconds since 1970 (UTC): not sent before then.
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    -- Why the last attempt failed (status and the other side's answer, shortened); never logged.
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    delivered_at    TEXT
) STRICT;
CREATE INDEX municipal_outbox_due ON municipal_outbox (state, next_attempt_at);
CREATE INDEX municipal_outbox_by_client ON municipal_outbox (client_id, id);

-- The zaak made for an aanvraag: its URL in the Zaken API and its identificatie.
CREATE TABLE municipal_zaken (
    aanvraag_id    TEXT PRIMARY KEY NOT NULL CHECK (length(aanvraag_id) = 36),
    client_id      TEXT NOT NULL CHECK (length(client_id) = 36),
    zaak_url       TEXT NOT NULL,
    identificatie  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    -- The last status our outbox set, and the time it was set (shown to the team's consulents).
    last_status    TEXT,
    last_status_at TEXT,
    -- What the zaak system last said (worker/src/municipal/flow_back.rs): the URL of the zaak's
    -- current status, the day it was closed (einddatum), and when we last asked (ms since 1970).
    seen_status_url TEXT,
    closed_on       TEXT,
    polled_at       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX municipal_zaken_open ON municipal_zaken (closed_on, polled_at);
CREATE INDEX municipal_zaken_by_client ON municipal_zaken (client_id, created_at);

-- A document made in the Documenten API for a client (the submitted klantfoto): its URL and
-- identificatie, and the zaak it was linked to once that is done.
CREATE TABLE municipal_documents (
    client_id     TEXT NOT NULL CHECK (length(client_id) = 36),
    kind          TEXT NOT NULL CHECK (kind IN ('klantfoto')),
    document_url  TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (client_id, kind)
) STRICT;

-- At most one delivery run at a time (a push's run and the cron's run would otherwise race and
-- send a row twice). A run holds the lease until `until_ms` or until it ends.
CREATE TABLE municipal_delivery_lease (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    holder   TEXT NOT NULL,
    until_ms INTEGER NOT NULL
) STRICT;
INSERT INTO municipal_delivery_lease (id, holder, until_ms) VALUES (1, 'nobody', 0);
