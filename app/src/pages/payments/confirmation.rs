//! "Application sent": the reference, what happens next, and the receipt (also as a PDF).

use crate::api::payments::get_receipt;
use crate::components::invoice::InvoiceTable;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::Receipt;
use crate::pages::applications::use_id;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let id = use_id();
    let receipt = Resource::new(id, get_receipt);
    view! { {loaded(receipt, |receipt| view! { <Confirmation receipt /> })} }
}

#[component]
fn Confirmation(receipt: Receipt) -> impl IntoView {
    let p = use_lang().payments();
    let (min, max) = receipt.processing_days;
    let method = if receipt.free {
        p.no_fee
    } else if receipt.method_paybill {
        p.paid_by_paybill
    } else {
        p.paid_by_prompt
    };
    view! {
        <Title text=p.confirmation_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            <div class="panel panel--confirmation">
                <h1 class="panel__title">{p.confirmation_title}</h1>
                <p class="panel__body">
                    {p.your_reference} <br />
                    <strong class="reference">{receipt.reference.clone()}</strong>
                </p>
            </div>
            <p>{receipt.service_name.clone()}</p>
            <p>{p.confirmation_sent}</p>
            <h2>{p.next_heading}</h2>
            <p>{(p.next_text)(min, max)}</p>
            <h2>{p.receipt_heading}</h2>
            <dl class="summary-list">
                <div><dt>{p.invoice_number}</dt><dd class="summary-list__value">{receipt.invoice.number.clone()}</dd></div>
                <div><dt>{p.paid_on}</dt><dd class="summary-list__value">{receipt.paid_at.clone()}</dd></div>
                <div><dt>{p.paid_with}</dt><dd class="summary-list__value">{method}</dd></div>
                {(!receipt.free).then(|| view! {
                    <div><dt>{p.mpesa_receipt}</dt><dd class="summary-list__value">
                        {receipt.mpesa_receipt.clone().unwrap_or_else(|| p.receipt_to_follow.to_string())}
                    </dd></div>
                })}
            </dl>
            <InvoiceTable invoice=receipt.invoice.clone() paid=true />
            // A file, not a page: a plain link, so the router does not try to render it.
            <p><a href=format!("/applications/{}/receipt.pdf", receipt.id) rel="external" download="">{p.download_receipt}</a></p>
            {receipt.check_code.clone().map(|code| {
                let d = use_lang().documents();
                // A full page load, so the installed app's worker can check it offline too.
                view! { <p>{d.check_this} " " <a href=format!("/verify?code={code}") rel="external">{d.check_link}</a></p> }
            })}
            <p><A href="/applications">{p.to_my_applications}</A></p>
        </div>
    }
}
