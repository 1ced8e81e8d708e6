//! "Pay for your application": the invoice, an M-Pesa prompt to the person's phone, or the
//! Paybill details to pay from the phone's menu.

use crate::api::payments::{get_pay_page, PayByMpesa};
use crate::components::form::{problems_of, with_form_values, ErrorSummary, Field};
use crate::components::invoice::InvoiceTable;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::PayPage;
use crate::money::format_kes;
use crate::pages::applications::use_id;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn PayPageView() -> impl IntoView {
    let id = use_id();
    let page = Resource::new(id, get_pay_page);
    view! { {loaded(page, |page| view! { <Pay page /> })} }
}

#[component]
fn Pay(page: PayPage) -> impl IntoView {
    let p = use_lang().payments();
    view! {
        <Title text=p.pay_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            <p class="caption">{page.service_name.clone()}</p>
            <h1>{p.pay_title}</h1>
            <p class="lead">{(p.pay_intro)(&page.reference)}</p>
            {page.status.clone().map(|status| view! { <crate::components::service_status::StatusNotice status /> })}
            <p>{p.invoice_number} ": " <strong>{page.invoice.number.clone()}</strong></p>
            <InvoiceTable invoice=page.invoice.clone() />
            {if page.paybill.is_some() {
                view! { <MpesaForm page=page.clone() /> <Paybill page=page.clone() /> }.into_any()
            } else {
                view! { <p class="notice">{p.mpesa_unavailable}</p> }.into_any()
            }}
        </div>
    }
}

#[component]
fn MpesaForm(page: PayPage) -> impl IntoView {
    let p = use_lang().payments();
    let action = ServerAction::<PayByMpesa>::new();
    let errors = problems_of(action.value());
    let labels = vec![("phone", p.phone_label)];
    let (id, key, phone) = (page.id.clone(), page.key.clone(), page.phone.clone());
    view! {
        <h2>{p.mpesa_heading}</h2>
        <p>{p.mpesa_intro}</p>
        {page.dev_phone.then(|| view! {
            <p class="notice">{p.dev_phone_note} " " <a href="/dev/phone" target="_blank">{p.dev_phone_link}</a></p>
        })}
        <ErrorSummary errors labels />
        {with_form_values("pay".into(), move |kept| {
            let typed = kept.get("phone");
            let value = if typed.is_empty() { phone.clone() } else { typed };
            let (id, key) = (id.clone(), key.clone());
            view! {
                <ActionForm action attr:class="form" attr:novalidate="">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="key" value=key />
                    <Field name="phone" label=p.phone_label hint=p.phone_hint kind="tel"
                        autocomplete="tel" inputmode="tel" value errors />
                    // Never tried offline.
                    <crate::islands::IslandScripts />
                    <crate::offline::SendWhenOnline label=p.send_request.to_string()
                        waiting=use_lang().offline().needs_connection.to_string() />
                </ActionForm>
            }
        })}
    }
}

#[component]
fn Paybill(page: PayPage) -> impl IntoView {
    let p = use_lang().payments();
    let shillings = (page.invoice.total_cents + 99) / 100;
    view! {
        <h2>{p.paybill_heading}</h2>
        <p>{p.paybill_steps}</p>
        <dl class="summary-list">
            <div><dt>{p.paybill_business}</dt><dd class="summary-list__value">{page.paybill.clone()}</dd></div>
            <div><dt>{p.paybill_account}</dt><dd class="summary-list__value">{page.invoice.number.clone()}</dd></div>
            <div><dt>{p.paybill_amount}</dt><dd class="summary-list__value">{shillings.to_string()}
                <span class="visually-hidden">{format!(" ({})", format_kes(page.invoice.total_cents))}</span></dd></div>
        </dl>
        <p><a href=format!("/applications/{}/pay", page.id)>{p.paybill_then}</a></p>
    }
}
