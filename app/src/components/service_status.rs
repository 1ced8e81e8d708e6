//! The notice an agency's trouble puts on its service pages and the pay page: what is wrong
//! (in the administrators' words), that one can apply now and pay later, and the status page.

use crate::i18n::use_lang;
use crate::model::AgencyStatus;
use leptos::prelude::*;

#[component]
pub fn StatusNotice(status: AgencyStatus) -> impl IntoView {
    let s = use_lang().status();
    view! {
        <div class="notice notice--warning" role="status" data-service-status=status.state.code()>
            <p>
                <strong>{(s.notice)(status.state, &status.agency.name)}</strong>
                {status.message.map(|m| view! { ": " {m} })}
            </p>
            <p>{s.pay_later}</p>
            <p><a href="/status">{s.title}</a></p>
        </div>
    }
}
