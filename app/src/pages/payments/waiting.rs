//! Waiting for M-Pesa: "Check your phone". The server draws every state: without
//! JavaScript the page is right whenever it is loaded (and asks M-Pesa itself once the
//! callback is late), with a "Check again" link. In the browser, while M-Pesa has not
//! answered, an island asks for the payment's state every three seconds and, once it has
//! changed, has the page's region drawn anew from the server (components/region.rs) and
//! says its new heading in a live region: the island carries no drawing and no words.

use crate::api::payments::get_payment_status;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use crate::model::{PaymentState, PaymentStatus};
use crate::money::format_kes;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// The id of the region `LiveWaiting` has drawn anew.
const PAYMENT: &str = "payment";

#[component]
pub fn WaitingPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("id").unwrap_or_default(),
            p.get("key").unwrap_or_default(),
        )
    };
    let status = Resource::new(key, |(id, key)| get_payment_status(id, key));
    view! {
        {loaded(status, |status| {
            // Once M-Pesa has answered there is nothing to watch: no island, no wasm.
            let watch = (status.state == PaymentState::Waiting)
                .then(|| (status.id.clone(), status.key.clone()));
            view! {
                <Title text=title(&status) />
                <Meta name="robots" content="noindex" />
                <div class="prose" id=PAYMENT><Waiting status /></div>
                {watch.map(|(id, key)| view! { <IslandScripts /><LiveWaiting id key /> })}
            }
        })}
    }
}

/// The page's heading for a state (also its title).
fn title(status: &PaymentStatus) -> &'static str {
    let p = use_lang().payments();
    match status.state {
        PaymentState::Waiting => p.waiting_title,
        PaymentState::Paid | PaymentState::PaidTwice => p.paid_title,
        _ => p.not_paid_title,
    }
}

/// In the browser: looks again every three seconds while M-Pesa has not answered; once it
/// has, the region is drawn anew (with the page's title) and the looking stops. The
/// island lives as long as the page (navigation is a page load), so nothing it reads is
/// ever disposed under the timer.
#[island(lazy)]
fn LiveWaiting(id: String, key: String) -> impl IntoView {
    let said = RwSignal::new(None::<String>);
    let waiting = StoredValue::new(true);
    let payment = StoredValue::new((id, key));
    let timer = StoredValue::new(None::<IntervalHandle>);
    let look_again = move || {
        if !waiting.get_value() {
            if let Some(timer) = timer.get_value() {
                timer.clear();
            }
            return;
        }
        let (id, key) = payment.get_value();
        leptos::task::spawn_local(async move {
            let Ok(status) = get_payment_status(id, key).await else {
                return;
            };
            // Answered (and not already seen by a look that overlapped this one).
            if status.state == PaymentState::Waiting || !waiting.get_value() {
                return;
            }
            waiting.set_value(false);
            #[cfg(feature = "hydrate")]
            if crate::components::region::redraw(PAYMENT, false).await {
                let heading = document()
                    .query_selector(&format!("#{PAYMENT} h1"))
                    .ok()
                    .flatten()
                    .and_then(|h| h.text_content());
                said.set(heading);
            }
        });
    };
    Effect::new(move |_| {
        let handle = set_interval_with_handle(look_again, std::time::Duration::from_secs(3)).ok();
        timer.set_value(handle);
    });
    view! { <p class="visually-hidden" role="status" aria-live="polite">{move || said.get()}</p> }
}

#[component]
fn Waiting(status: PaymentStatus) -> impl IntoView {
    let p = use_lang().payments();
    let here = format!("/applications/{}/payment/{}", status.id, status.key);
    let pay = format!("/applications/{}/pay", status.id);
    let confirmation = format!("/applications/{}/confirmation", status.id);
    let (title, body) = match status.state {
        PaymentState::Waiting => (p.waiting_title, None),
        PaymentState::Paid => (p.paid_title, None),
        PaymentState::PaidTwice => (p.paid_title, Some(p.paid_twice)),
        PaymentState::Cancelled => (p.not_paid_title, Some(p.cancelled)),
        PaymentState::TimedOut => (p.not_paid_title, Some(p.timed_out)),
        PaymentState::NoFunds => (p.not_paid_title, Some(p.no_funds)),
        PaymentState::Failed => (p.not_paid_title, Some(p.failed)),
    };
    let next = match status.state {
        PaymentState::Waiting => view! {
            <p>{(p.waiting_text)(&format_kes(status.amount_cents), &status.phone)}</p>
            <p>{p.waiting_refresh}</p>
            <p><a class="button button--secondary" href=here>{p.check_again}</a></p>
            {status.dev_phone.then(|| view! {
                <p class="notice">{p.dev_phone_note} " " <a href="/dev/phone" target="_blank">{p.dev_phone_link}</a></p>
            })}
        }
        .into_any(),
        PaymentState::Paid | PaymentState::PaidTwice => {
            view! { <p><a class="button" href=confirmation>{p.go_to_confirmation}</a></p> }.into_any()
        }
        _ => view! { <p><a class="button" href=pay>{p.try_again}</a></p> }.into_any(),
    };
    view! {
        <p class="caption">{status.service_name.clone()}</p>
        <h1>{title}</h1>
        {body.map(|b| view! { <p>{b}</p> })}
        {next}
    }
}
