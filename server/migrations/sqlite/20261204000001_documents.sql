-- Issued documents: receipts and certificates whose QR code carries a signed copy of their
-- essential fields. The public check compares a code with its row here (and whether it was
-- revoked); offline, a phone checks the signature alone.
CREATE TABLE documents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Printed on the document: the kind's letter and the application's reference.
    number          TEXT NOT NULL UNIQUE,
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    kind            TEXT NOT NULL CHECK (kind IN ('receipt', 'certificate')),
    -- The signed JSON exactly as signed, and its Ed25519 signature (base64url).
    payload         TEXT NOT NULL,
    signature       TEXT NOT NULL,
    key_id          TEXT NOT NULL,
    issued_at       TEXT NOT NULL,
    revoked_at      TEXT,
    revoked_reason  TEXT,
    revoked_by      INTEGER REFERENCES users (id),
    UNIQUE (application_id, kind)
);
