//! Waiting for M-Pesa: "Check your phone". Without JavaScript the page is right whenever
//! it is loaded (and asks M-Pesa itself once the callback is late), with a "Check again"
//! link; in the browser an island checks every three seconds and says what changed in a
//! live region.

use crate::api::payments::get_payment_status;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use crate::model::{PaymentState, PaymentStatus};
use crate::money::format_kes;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

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
        {loaded(status, |status| view! {
            <Title text=title(&status) />
            <Meta name="robots" content="noindex" />
            <IslandScripts />
            <LiveWaiting status />
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

/// In the browser: looks again every three seconds while M-Pesa has not answered, and
/// stops looking once it has. The island lives as long as the page (navigation is a page
/// load), so nothing it reads is ever disposed under the timer.
#[island(lazy)]
fn LiveWaiting(status: PaymentStatus) -> impl IntoView {
    let current = RwSignal::new(status);
    let timer = StoredValue::new(None::<IntervalHandle>);
    let look_again = move || {
        let (waiting, id, key) = current.with_untracked(|s| {
            (
                s.state == PaymentState::Waiting,
                s.id.clone(),
                s.key.clone(),
            )
        });
        if !waiting {
            if let Some(timer) = timer.get_value() {
                timer.clear();
            }
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(status) = get_payment_status(id, key).await {
                let before = current.get_untracked();
                if status != before {
                    // The new heading in place of the old one, keeping the rest of the title
                    // as the server wrote it (the string table's suffix stays out of the wasm).
                    #[cfg(feature = "hydrate")]
                    {
                        let old = document().title();
                        let rest = old.strip_prefix(title(&before)).unwrap_or_default();
                        document().set_title(&format!("{}{rest}", title(&status)));
                    }
                    current.set(status);
                }
            }
        });
    };
    Effect::new(move |_| {
        let handle = set_interval_with_handle(look_again, std::time::Duration::from_secs(3)).ok();
        timer.set_value(handle);
    });
    move || view! { <Waiting status=current.get() /> }
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
        <div class="prose">
            <p class="caption">{status.service_name.clone()}</p>
            <div role="status" aria-live="polite">
                <h1>{title}</h1>
                {body.map(|b| view! { <p>{b}</p> })}
            </div>
            {next}
        </div>
    }
}
