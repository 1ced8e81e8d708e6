//! Integration tests: the real router, driven without a socket, against a real database —
//! a fresh temporary SQLite file per test, and a fresh PostgreSQL database per test when
//! one is reachable (`TEST_POSTGRES_URL`, default postgres://postgres@127.0.0.1:5432/test).

mod browser;
mod support;

mod account_care;
mod accounts;
mod adapters;
mod catalogue;
mod health;
mod pages;
mod reset;
mod second_factors;
mod seed;
mod startup;
