-- Issue 16: logout ends access. `POST /api/v1/logout` revokes the access token it is called with, and
-- with it every token of the same login session at the identity provider: a row names the session
-- (`sid`, the provider's login session) when the token carries one, else the token itself (`jti`).
-- Every authenticated request asks this table whether its token is revoked
-- (worker/src/auth/revocation.rs decides; worker/src/auth/deny_list.rs reads and writes).
--
-- Retention: a row is kept only until the tokens it revokes have expired (`expires_at`: the expiry of
-- the token presented at logout plus the minute of clock leeway; the provider ends the session at the
-- same logout, so no later token of it is made). Every logout first deletes the rows past their
-- `expires_at`; an expired row revokes nothing, as its tokens are refused as expired anyway.
-- The ids are random values of the provider, no names; nothing here is logged.
CREATE TABLE token_revocations (
    -- The `iss` of the revoked tokens: ids are unique per identity provider only.
    issuer     TEXT NOT NULL CHECK (length(issuer) BETWEEN 1 AND 255),
    kind       TEXT NOT NULL CHECK (kind IN ('sid', 'jti')),
    token_id   TEXT NOT NULL CHECK (length(token_id) BETWEEN 1 AND 255),
    -- Seconds since 1970 (UTC): after this, every token the row revokes has expired.
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (issuer, kind, token_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX token_revocations_by_expiry ON token_revocations (expires_at);
