//! Registration step 2: email, mobile number, password and photo. A plain multipart form
//! (files cannot go through the URL-encoded action forms), checked as the person types.

use crate::api::accounts::form_values::form_values;
use crate::api::accounts::register::get_registration_step;
use crate::api::accounts::register_details::RegisterDetails;
use crate::components::form::{problem_for, url_problems, ErrorSummary, Field, FormValues};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::RegistrationStep;
use crate::problem::FieldError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn DetailsPage() -> impl IntoView {
    // One resource for both, so the server waits for both before it renders.
    let data = Resource::new(
        || (),
        |_| async move {
            let step = get_registration_step().await?;
            let kept = form_values("register-details".into())
                .await
                .unwrap_or_default();
            Ok::<_, crate::error::AppError>((step, kept))
        },
    );
    view! {
        {loaded(data, |(step, kept)| match step {
            Some(step) => view! { <DetailsForm step kept=FormValues(kept) /> }.into_any(),
            None => view! { <StartAgain /> }.into_any(),
        })}
    }
}

/// Shown when a later step is opened without the earlier ones (or after the session ended).
#[component]
pub fn StartAgain() -> impl IntoView {
    let a = use_lang().accounts();
    view! {
        <Title text=a.register_title />
        <div class="prose">
            <h1>{a.register_title}</h1>
            <p>{use_lang().problem(crate::problem::Problem::StartAgain)}</p>
            <p><A href="/register" attr:class="button">{a.continue_button}</A></p>
        </div>
    }
}

#[component]
fn DetailsForm(step: RegistrationStep, kept: FormValues) -> impl IntoView {
    let a = use_lang().accounts();
    // The form posts natively; a failure comes back in the URL.
    let errors: Signal<Vec<FieldError>> = Signal::stored(url_problems::<RegisterDetails>());
    let mut labels = vec![
        ("email", a.email_label),
        ("phone", a.phone_label),
        ("password", a.password_label),
    ];
    if step.needs_photo {
        labels.push(("photo", a.photo_label));
    }
    view! {
        <Title text=a.details_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <p class="caption">{(a.step_of)(2, 3)}</p>
            <h1>{a.details_title}</h1>
            <p class="lead">{(a.details_intro)(&step.first_name)}</p>
            <ErrorSummary errors labels />
            <form class="form" method="post" enctype="multipart/form-data" action=RegisterDetails::url() novalidate>
                <Field name="email" label=a.email_label hint=a.email_hint kind="email" autocomplete="email"
                    value=kept.get("email") errors />
                <Field name="phone" label=a.phone_label hint=a.phone_hint kind="tel" autocomplete="tel"
                    value=kept.get("phone") errors class="input--20" />
                <Field name="password" label=a.password_label hint=a.password_hint kind="password"
                    autocomplete="new-password" errors />
                {step.needs_photo.then(|| view! { <PhotoField errors /> })}
                <button class="button" type="submit">{a.create_account_button}</button>
            </form>
        </div>
    }
}

#[component]
fn PhotoField(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let a = use_lang().accounts();
    let problem = move || errors.with(|e| problem_for(e, "photo"));
    view! {
        <div class="field" class:field--error=move || problem().is_some()>
            <label class="field__label" for="photo">{a.photo_label}</label>
            <p class="field__hint" id="photo-hint">{a.photo_hint}</p>
            {move || problem().map(|p| view! { <p class="field__error" id="photo-error">{use_lang().problem(p)}</p> })}
            <input class="field__file" type="file" id="photo" name="photo" accept="image/jpeg,image/png"
                aria-describedby=move || if problem().is_some() { "photo-hint photo-error" } else { "photo-hint" }
                aria-invalid=move || problem().is_some().then_some("true") />
        </div>
    }
}
