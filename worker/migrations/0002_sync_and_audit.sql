-- Issue 4: the operation log that devices sync through, who relates to whom (for the
-- authorization decision in shared::access), and the append-only audit log.
--
-- The operation log is the truth: the current value of every field is the merge
-- (shared::merge) of its operations, so no "current state" table can drift from it.

-- Client files (dossiers): the team whose caseload they are in, and the login subject of the
-- client themself once their login is linked to the file.
CREATE TABLE client_files (
    client_id      TEXT PRIMARY KEY NOT NULL CHECK (length(client_id) = 36),
    team_id        TEXT NOT NULL CHECK (length(team_id) BETWEEN 1 AND 64),
    client_subject TEXT UNIQUE CHECK (client_subject IS NULL OR length(client_subject) BETWEEN 1 AND 255),
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
) STRICT;
CREATE INDEX client_files_by_team ON client_files (team_id);

-- The assigned caseload of outreach workers.
CREATE TABLE caseload_assignments (
    client_id     TEXT NOT NULL REFERENCES client_files (client_id),
    staff_subject TEXT NOT NULL,
    PRIMARY KEY (client_id, staff_subject)
) STRICT;
CREATE INDEX caseload_assignments_by_staff ON caseload_assignments (staff_subject);

-- Training groups, the team that organises them, and their trainers.
CREATE TABLE training_groups (
    group_id   TEXT PRIMARY KEY NOT NULL CHECK (length(group_id) = 36),
    team_id    TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE TABLE group_trainers (
    group_id        TEXT NOT NULL REFERENCES training_groups (group_id),
    trainer_subject TEXT NOT NULL,
    PRIMARY KEY (group_id, trainer_subject)
) STRICT;
CREATE INDEX group_trainers_by_trainer ON group_trainers (trainer_subject);

-- Who is a member of which group now: the merged value of the membership records, kept up to
-- date by the worker when a membership operation is pushed (derived, never edited directly).
CREATE TABLE group_members (
    group_id  TEXT NOT NULL,
    client_id TEXT NOT NULL,
    PRIMARY KEY (group_id, client_id)
) STRICT;
CREATE INDEX group_members_by_client ON group_members (client_id);

-- Every record's owner, fixed by its first operation: a record never moves to another file.
CREATE TABLE records (
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    owner_json TEXT NOT NULL,
    PRIMARY KEY (kind, record_id)
) STRICT;

-- The operation log. `seq` is the cursor devices pull after. The owner columns and the data
-- class are copies from the operation, so that a pull can select by them.
CREATE TABLE operations (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id          TEXT NOT NULL UNIQUE CHECK (length(op_id) = 36),
    operation_json TEXT NOT NULL,
    kind           TEXT NOT NULL,
    record_id      TEXT NOT NULL,
    field          TEXT NOT NULL,
    data_class     TEXT NOT NULL,
    client_id      TEXT,
    group_id       TEXT,
    team_id        TEXT,
    author         TEXT NOT NULL,
    hlc            TEXT NOT NULL,
    received_at    TEXT NOT NULL
) STRICT;
CREATE INDEX operations_by_field ON operations (kind, record_id, field);
CREATE INDEX operations_by_client ON operations (client_id, seq);
CREATE INDEX operations_by_group ON operations (group_id, seq);
CREATE INDEX operations_by_team ON operations (team_id, seq);

-- Every read and write of personal data: who, in which role, which client file, what, when,
-- from which device. Append-only: the triggers refuse every change and every deletion.
CREATE TABLE audit_log (
    entry         INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,
    actor_subject TEXT NOT NULL,
    actor_role    TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('read', 'write')),
    client_id     TEXT NOT NULL,
    what          TEXT NOT NULL,
    device        TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_by_client ON audit_log (client_id, entry);
CREATE TRIGGER audit_log_refuses_updates BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_refuses_deletes BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
