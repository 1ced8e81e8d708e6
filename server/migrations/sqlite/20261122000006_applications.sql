-- Applications: a person's answers to a service's form, from draft to submission, and the
-- files they upload with it.

CREATE TABLE applications (
    id            INTEGER PRIMARY KEY,
    -- The application's name in addresses: random, so nobody can guess another's.
    public_id     TEXT NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    service_id    INTEGER NOT NULL REFERENCES services (id),
    -- The form version the answers were given against (form_versions).
    form_version  INTEGER NOT NULL,
    -- draft, then the states of the tracking issue.
    status        TEXT NOT NULL DEFAULT 'draft',
    -- forms::Answers as JSON: question key -> answer (a file's public id for file questions).
    answers       TEXT NOT NULL DEFAULT '{}',
    -- Given at submission.
    reference     TEXT UNIQUE,
    -- Drafts only: when an untouched draft is deleted, and when its owner was reminded.
    expires_at    TEXT,
    reminded_at   TEXT,
    submitted_at  TEXT,
    created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX applications_user ON applications (user_id, status);
CREATE INDEX applications_expiry ON applications (status, expires_at);

CREATE TABLE application_files (
    id              INTEGER PRIMARY KEY,
    public_id       TEXT NOT NULL UNIQUE,
    application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    question_key    TEXT NOT NULL,
    -- Where the bytes are in the file store (never derived from anything a person typed).
    storage_key     TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL,
    -- The name the person's device gave it, cleaned, for display only.
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    uploaded_by     INTEGER NOT NULL REFERENCES users (id),
    created_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX application_files_application ON application_files (application_id, question_key);
