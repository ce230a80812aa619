-- Demo data for `cargo xtask run` (never loaded in tests or production).
-- Safe to load twice.
INSERT OR REPLACE INTO preferred_names (client_id, preferred_name, updated_at) VALUES
    ('0b6c2d3e-4f5a-4b7c-8d9e-0f1a2b3c4d5e', 'Jan', '2026-11-02T09:00:00.000Z'),
    ('5d1e8f3a-2b4c-4d6e-9f8a-1b2c3d4e5f60', 'Fatima', '2026-11-03T14:30:00.000Z');
