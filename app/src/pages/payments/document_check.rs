//! What `/verify?code=…` shows for a document's code: genuine (with the signed details to
//! compare with the paper), revoked (when and why), or not genuine. Also the words the
//! service worker needs to show its own offline check of a code on this page: inert
//! hidden sections it fills from the code itself when there is no connection.

use crate::i18n::use_lang;
use crate::model::{DocumentCheck, DocumentFacts};
use leptos::prelude::*;

#[component]
pub fn CheckResult(check: DocumentCheck) -> impl IntoView {
    let d = use_lang().documents();
    match check {
        DocumentCheck::Genuine(facts) => view! {
            <div class="panel panel--confirmation" role="status">
                <h2 class="panel__title">{d.genuine_title}</h2>
                <p>{d.genuine_online}</p>
            </div>
            <Facts facts />
        }
        .into_any(),
        DocumentCheck::Revoked { facts, on, reason } => view! {
            <div class="panel panel--refused" role="alert">
                <h2 class="panel__title">{d.revoked_title}</h2>
                <p>{d.revoked_on} " " {on} ". " {d.revoked_reason} ": " {reason}</p>
            </div>
            <Facts facts />
        }
        .into_any(),
        DocumentCheck::Broken => view! {
            <div class="panel panel--refused" role="alert">
                <h2 class="panel__title">{d.broken_title}</h2>
                <p>{d.broken_text}</p>
            </div>
        }
        .into_any(),
    }
}

/// The signed details, in the order the paper prints them.
#[component]
fn Facts(facts: DocumentFacts) -> impl IntoView {
    let d = use_lang().documents();
    let kind = if facts.certificate {
        d.kind_certificate
    } else {
        d.kind_receipt
    };
    let mut rows = vec![
        (d.what.to_string(), format!("{kind}: {}", facts.title)),
        (d.number.to_string(), facts.number),
        (d.reference.to_string(), facts.reference),
        (d.issued_on.to_string(), facts.issued_on),
    ];
    if let Some(holder) = facts.holder {
        rows.push((d.holder.to_string(), holder));
    }
    rows.extend(facts.lines);
    view! {
        <dl class="summary-list" data-facts="">
            {rows.into_iter().map(|(label, value)| view! {
                <div><dt>{label}</dt><dd class="summary-list__value">{value}</dd></div>
            }).collect_view()}
        </dl>
    }
}

/// For the service worker's offline check (see `frontend/sw/sw.js`): where its result
/// goes, and the words in the page's language, in hidden sections it copies from. Not
/// `<template>`s: their content is not part of the page's tree, so hydration could not
/// walk it.
#[component]
pub fn OfflineCheckWords() -> impl IntoView {
    let d = use_lang().documents();
    view! {
        <div data-offline-check=""></div>
        <section hidden data-offline="genuine">
            <div class="panel panel--confirmation" role="status">
                <h2 class="panel__title">{d.offline_genuine_title}</h2>
                <p>{d.offline_genuine_text}</p>
            </div>
        </section>
        <section hidden data-offline="broken">
            <div class="panel panel--refused" role="alert">
                <h2 class="panel__title">{d.broken_title}</h2>
                <p>{d.broken_text}</p>
            </div>
        </section>
        <section hidden data-offline="nokey">
            <p class="notice" role="status">{d.offline_no_key}</p>
        </section>
        <section hidden data-offline="unsupported">
            <p class="notice" role="status">{d.offline_unsupported}</p>
        </section>
        <span hidden data-offline="labels" data-what=d.what data-number=d.number
            data-reference=d.reference data-issued=d.issued_on data-holder=d.holder
            data-receipt=d.kind_receipt data-certificate=d.kind_certificate></span>
    }
}
