//! Before starting: what the application asks about, and "Start now" (or "Sign in to
//! apply", or why this account cannot apply).

use crate::api::applications::{get_apply_start, StartApplication};
use crate::components::loaded::{loaded, use_slug};
use crate::i18n::use_lang;
use crate::model::ApplyStart;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let slug = use_slug();
    let start = Resource::new(slug, get_apply_start);
    view! { {loaded(start, |start| view! { <Apply start /> })} }
}

#[component]
fn Apply(start: ApplyStart) -> impl IntoView {
    let t = use_lang().t();
    let a = t.applications;
    let action = ServerAction::<StartApplication>::new();
    let title = (a.apply_title)(&start.service_name);
    let service_link = format!("/services/{}", start.service_slug);
    let sign_in = format!("/sign-in?next=/apply/{}", start.service_slug);
    let button = if start.draft.is_some() {
        a.continue_draft
    } else {
        a.start_now
    };
    view! {
        <Title text=title.clone() />
        <div class="prose">
            <p><A href=service_link.clone()>{start.service_name.clone()}</A></p>
            <h1>{title}</h1>
            <p class="lead">{a.apply_intro}</p>
            <h2>{a.apply_sections}</h2>
            <ol>{start.sections.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ol>
            <p class="hint">{a.apply_save_note}</p>
            {if !start.signed_in {
                view! { <p><a class="button" href=sign_in>{a.sign_in_to_apply}</a></p> }.into_any()
            } else if start.not_eligible {
                view! { <p class="notice">{a.not_eligible}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action>
                        <input type="hidden" name="service" value=start.service_slug.clone() />
                        <button class="button button--start" type="submit">{button}</button>
                    </ActionForm>
                }.into_any()
            }}
        </div>
    }
}
