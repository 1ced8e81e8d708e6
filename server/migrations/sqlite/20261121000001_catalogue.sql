-- The public service catalogue: agencies, categories, services, their documents and fees.
-- Texts come in English (_en) and Kiswahili (_sw). Money is integer KES cents.
-- Lists (eligibility bullets, keywords) are newline-separated text.

CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('ministry', 'department', 'authority', 'commission', 'county', 'judiciary', 'agency')),
    parent_id   INTEGER REFERENCES agencies (id) ON DELETE SET NULL,
    name_en     TEXT NOT NULL,
    name_sw     TEXT NOT NULL,
    summary_en  TEXT NOT NULL,
    summary_sw  TEXT NOT NULL,
    website     TEXT,
    phone       TEXT,
    email       TEXT,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX agencies_parent_id ON agencies (parent_id);

CREATE TABLE categories (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    sort_order      INTEGER NOT NULL,
    name_en         TEXT NOT NULL,
    name_sw         TEXT NOT NULL,
    description_en  TEXT NOT NULL,
    description_sw  TEXT NOT NULL,
    created_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE services (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE,
    agency_id            INTEGER NOT NULL REFERENCES agencies (id),
    category_id          INTEGER NOT NULL REFERENCES categories (id),
    popular_rank         INTEGER,
    -- comma-separated account types that may apply: citizen,resident,refugee,diplomat,foreigner
    account_types        TEXT NOT NULL,
    processing_days_min  INTEGER NOT NULL CHECK (processing_days_min > 0),
    processing_days_max  INTEGER NOT NULL CHECK (processing_days_max >= processing_days_min),
    name_en              TEXT NOT NULL,
    name_sw              TEXT NOT NULL,
    summary_en           TEXT NOT NULL,
    summary_sw           TEXT NOT NULL,
    keywords_en          TEXT NOT NULL DEFAULT '',
    keywords_sw          TEXT NOT NULL DEFAULT '',
    eligibility_en       TEXT NOT NULL DEFAULT '',
    eligibility_sw       TEXT NOT NULL DEFAULT '',
    collection_en        TEXT NOT NULL,
    collection_sw        TEXT NOT NULL,
    -- The application form (JSON), versioned; filled by the applications issue.
    form_definition      TEXT,
    form_version         INTEGER,
    created_at           TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at           TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX services_agency_id ON services (agency_id);
CREATE INDEX services_category_id ON services (category_id);
CREATE INDEX services_popular_rank ON services (popular_rank);

CREATE TABLE service_documents (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    required    BOOLEAN NOT NULL DEFAULT TRUE,
    name_en     TEXT NOT NULL,
    name_sw     TEXT NOT NULL,
    note_en     TEXT,
    note_sw     TEXT,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (service_id, position)
);

CREATE TABLE service_fees (
    id            INTEGER PRIMARY KEY,
    service_id    INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('government', 'convenience')),
    label_en      TEXT NOT NULL,
    label_sw      TEXT NOT NULL,
    -- When set, the fee applies only in this case and is not part of the minimum total.
    when_en       TEXT,
    when_sw       TEXT,
    amount_cents  INTEGER NOT NULL CHECK (amount_cents >= 0),
    currency      TEXT NOT NULL DEFAULT 'KES',
    created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (service_id, position)
);
