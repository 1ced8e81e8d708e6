-- Files chosen on the phone while offline, sent on reconnect a chunk at a time: an upload
-- that breaks off goes on from the last chunk the server has. Kept in the database so any
-- instance can take the next chunk; the finished file goes to file storage like any upload,
-- and the rows go. Unfinished ones are removed after a day (server/src/drafts.rs).
CREATE TABLE resumable_uploads (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Given to the browser; with the user id, the only way to reach the upload.
    token           TEXT NOT NULL UNIQUE,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    section_key     TEXT NOT NULL,
    question_key    TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL CHECK (size_bytes > 0),
    received_bytes  INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    UNIQUE (application_id, question_key)
);
CREATE TABLE resumable_upload_chunks (
    upload_id   INTEGER NOT NULL REFERENCES resumable_uploads (id) ON DELETE CASCADE,
    start_byte  INTEGER NOT NULL,
    bytes       BLOB NOT NULL,
    PRIMARY KEY (upload_id, start_byte)
);
