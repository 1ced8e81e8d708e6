//! Integration tests: the real router, driven without a socket, against a real database —
//! a fresh temporary SQLite file per test, and a fresh PostgreSQL database per test when
//! one is reachable (`TEST_POSTGRES_URL`, default postgres://postgres@127.0.0.1:5432/test).

mod browser;
mod support;

mod account_care;
mod accounts;
mod adapters;
mod administration;
mod analytics;
mod application_files;
mod applications;
mod appointments;
mod audit;
mod back_office;
mod body_limits;
mod brute_force;
mod catalogue;
mod confirm_it_is_you;
mod daraja;
mod delivery;
mod digital_id;
mod documents;
mod feature_phones;
mod health;
mod identifiers;
mod installable;
mod instances;
mod islands;
mod notifications;
mod offline_drafts;
mod open_redirects;
mod pages;
mod passkeys;
mod payment_checks;
mod payments;
mod rate_keys;
mod reset;
mod s3_store;
mod same_answer;
mod second_factors;
mod seed;
mod separation_of_duties;
mod service_status;
mod sessions;
mod startup;
mod statuses;
mod support_tickets;
mod tracking;
mod transport;
mod upload_bombs;
