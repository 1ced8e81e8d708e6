//! Public: check a document. The QR code on a receipt or certificate opens this page with
//! its signed code (`?code=`), checked against the record; offline, the installed app's
//! service worker checks the signature on this page itself (`OfflineCheckWords`). A receipt
//! can also be checked by its reference number (and M-Pesa receipt number), with a plain
//! GET form that works the same without JavaScript. It says nothing about who applied.

use super::document_check::{CheckResult, OfflineCheckWords};
use crate::api::documents::check_document;
use crate::api::payments::verify_receipt;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::Verification;
use crate::money::format_kes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        (
            q.get("reference").unwrap_or_default(),
            q.get("receipt").unwrap_or_default(),
        )
    };
    let result = Resource::new(asked, |(reference, receipt)| {
        verify_receipt(reference, receipt)
    });
    let code = move || query.read().get("code").unwrap_or_default();
    let checked = Resource::new(code, check_document);
    let p = use_lang().payments();
    view! {
        <Title text=p.verify_title />
        <div class="prose">
            <h1>{p.verify_title}</h1>
            <p class="lead">{p.verify_intro}</p>
            {loaded(checked, |check| check.map(|check| view! { <CheckResult check /> }))}
            <OfflineCheckWords />
            {move || {
                let (reference, receipt) = asked();
                view! {
                    <form method="get" action="/verify" class="form">
                        <div class="field">
                            <label class="field__label" for="reference">{p.reference_label}</label>
                            <p class="field__hint" id="reference-hint">{p.reference_hint}</p>
                            <input class="field__input" id="reference" name="reference" value=reference
                                autocomplete="off" spellcheck="false" aria-describedby="reference-hint" />
                        </div>
                        <div class="field">
                            <label class="field__label" for="receipt">{p.receipt_label}</label>
                            <input class="field__input" id="receipt" name="receipt" value=receipt
                                autocomplete="off" spellcheck="false" />
                        </div>
                        <button class="button" type="submit">{p.verify_button}</button>
                    </form>
                }
            }}
            {loaded(result, move |v| match v {
                Verification::Blank => ().into_any(),
                Verification::NotAReference { typo } => view! {
                    <p class="notice" role="status">{if typo { p.reference_typo } else { p.not_a_reference }}</p>
                }.into_any(),
                Verification::NotFound => view! {
                    <p class="notice" role="status">{p.verify_not_found}</p>
                }.into_any(),
                Verification::ReceiptMissing => view! {
                    <p class="notice" role="status">{p.verify_receipt_missing}</p>
                }.into_any(),
                Verification::Genuine { reference, service_name, total_cents, paid_at, mpesa_receipt } => view! {
                    <div class="panel panel--confirmation" role="status">
                        <h2 class="panel__title">{p.genuine_title}</h2>
                    </div>
                    <dl class="summary-list">
                        <div><dt>{p.reference_label}</dt><dd class="summary-list__value">{reference}</dd></div>
                        <div><dt>{p.service}</dt><dd class="summary-list__value">{service_name}</dd></div>
                        <div><dt>{p.amount_paid}</dt><dd class="summary-list__value">{format_kes(total_cents)}</dd></div>
                        <div><dt>{p.paid_on}</dt><dd class="summary-list__value">{paid_at}</dd></div>
                        <div><dt>{p.mpesa_receipt}</dt><dd class="summary-list__value">
                            {mpesa_receipt.unwrap_or_else(|| p.receipt_to_follow.to_string())}
                        </dd></div>
                    </dl>
                }.into_any(),
            })}
        </div>
    }
}
