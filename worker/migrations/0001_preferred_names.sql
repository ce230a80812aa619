-- The walking skeleton's one table: a client's preferred name (roepnaam).
CREATE TABLE preferred_names (
    client_id      TEXT PRIMARY KEY NOT NULL CHECK (length(client_id) = 36),
    preferred_name TEXT NOT NULL CHECK (length(preferred_name) BETWEEN 1 AND 50),
    updated_at     TEXT NOT NULL
) STRICT;
