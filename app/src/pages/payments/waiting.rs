//! Waiting for M-Pesa: "Check your phone". Without JavaScript the page is right whenever
//! it is loaded (and asks M-Pesa itself once the callback is late), with a "Check again"
//! link; after hydration it checks every three seconds and says what changed in a live
//! region.

use crate::api::payments::get_payment_status;
use crate::i18n::use_lang;
use crate::model::{PaymentState, PaymentStatus};
use crate::money::format_kes;
use crate::pages::errors::ErrorView;
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
    // In the browser only (effects do not run on the server): look again every three
    // seconds while M-Pesa has not answered.
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || {
                let waiting = status
                    .get_untracked()
                    .and_then(Result::ok)
                    .is_some_and(|s| s.state == PaymentState::Waiting);
                if waiting {
                    status.refetch();
                }
            },
            std::time::Duration::from_secs(3),
        );
        on_cleanup(move || {
            if let Ok(handle) = handle {
                handle.clear();
            }
        });
    });
    let t = use_lang().t();
    // A transition, not a suspense: the page keeps showing while it looks again.
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(status) => view! { <Waiting status /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Waiting(status: PaymentStatus) -> impl IntoView {
    let p = use_lang().t().payments;
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
        <Title text=title />
        <Meta name="robots" content="noindex" />
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
