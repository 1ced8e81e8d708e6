-- The back office: who is working on an application and when it is due, officers limited
-- to some of their agency's services, internal notes, collections, and the tamper-evident
-- audit log.

-- The officer holding an application (claimed or assigned), and its service-level date.
ALTER TABLE applications ADD COLUMN assigned_to BIGINT REFERENCES users (id);
ALTER TABLE applications ADD COLUMN assigned_at TIMESTAMPTZ;
ALTER TABLE applications ADD COLUMN due_at TIMESTAMPTZ;
UPDATE applications a SET due_at = a.submitted_at + s.processing_days_max * INTERVAL '1 day'
FROM services s WHERE s.id = a.service_id AND a.submitted_at IS NOT NULL;
-- The work queue pages through these (keyset: due date, then id).
CREATE INDEX applications_due ON applications (due_at, id);
CREATE INDEX applications_queue_service ON applications (service_id, status, due_at, id);
CREATE INDEX applications_assigned ON applications (assigned_to, status, due_at, id);

-- An officer with rows here works only on these services of their agency; none: all of it.
CREATE TABLE officer_services (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    service_id  BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, service_id)
);

-- Staff notes on an application: internal, never shown to the applicant.
CREATE TABLE staff_notes (
    id              BIGSERIAL PRIMARY KEY,
    application_id  BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id       BIGINT NOT NULL REFERENCES users (id),
    body            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX staff_notes_application ON staff_notes (application_id, id);

-- A refusal's reason (a code from the list; the note carries the officer's words), and the
-- questions a request for information asks again (JSON array of question keys).
ALTER TABLE application_events ADD COLUMN reason TEXT;
ALTER TABLE application_events ADD COLUMN requested TEXT;

-- Who collected the document: their ID number, and a guardian's for a minor.
CREATE TABLE collections (
    application_id       BIGINT PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
    event_id             BIGINT NOT NULL REFERENCES application_events (id),
    collector_id_number  TEXT NOT NULL,
    guardian_id_number   TEXT,
    recorded_by          BIGINT NOT NULL REFERENCES users (id),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every sign-in, status change, staff view of an application or file and administrative
-- change. Entry n carries the hash of entry n-1 (`prev_hash`) in its own `hash`, so a
-- changed, removed or inserted row breaks the chain (`uraia audit verify`). No foreign
-- keys: entries outlive the accounts and applications they name. Ids are given by the
-- writer (one more than the head), so the chain has no gaps.
CREATE TABLE audit_log (
    id              BIGINT PRIMARY KEY,
    at              TIMESTAMPTZ NOT NULL,
    actor_user_id   BIGINT,
    -- citizen, officer, supervisor, administrator or system.
    actor_role      TEXT NOT NULL,
    -- The agency (slug) a staff member acted for.
    actor_agency    TEXT,
    action          TEXT NOT NULL,
    application_id  BIGINT,
    subject         TEXT NOT NULL,
    detail          TEXT NOT NULL,
    ip              TEXT,
    device          TEXT,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX audit_log_application ON audit_log (application_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id);

-- The chain's newest link. Writers update this row first, which serialises them (one
-- writer at a time extends the chain); verify also compares it with the last entry, so
-- entries cut off the end are noticed.
CREATE TABLE audit_head (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    last_id     BIGINT NOT NULL,
    last_hash   TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO audit_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Nothing in the application updates or deletes entries; the database refuses it too.
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
