//! Registration step 1: the identity details for the chosen account type, then "Validate".

use crate::api::accounts::register::ValidateIdentity;
use crate::components::form::{
    problems_of, with_form_values, ErrorSummary, Field, FormValues, Radios,
};
use crate::i18n::use_lang;
use crate::model::AccountType;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn IdentityPage() -> impl IntoView {
    let query = use_query_map();
    let account_type = query
        .read_untracked()
        .get("type")
        .and_then(|c| AccountType::from_code(&c))
        .unwrap_or(AccountType::Citizen);
    let form = format!("register-{}", account_type.code());
    view! { {with_form_values(form, move |kept| view! { <IdentityForm account_type kept /> })} }
}

#[component]
fn IdentityForm(account_type: AccountType, kept: FormValues) -> impl IntoView {
    let t = use_lang().t();
    let a = t.accounts;
    let action = ServerAction::<ValidateIdentity>::new();
    let errors = problems_of(action.value());
    let foreigner = account_type == AccountType::Foreigner;
    let with_date = foreigner || account_type == AccountType::Diplomat;
    let id_label = (a.id_number_label)(account_type);
    let mut labels = vec![("id_number", id_label), ("first_name", a.first_name_label)];
    if foreigner {
        labels.extend([
            ("last_name", a.last_name_label),
            ("other_names", a.other_names_label),
            ("gender", a.gender_label),
        ]);
    }
    labels.push(if with_date {
        ("date_of_birth", a.date_of_birth_label)
    } else {
        ("year_of_birth", a.year_of_birth_label)
    });
    view! {
        <Title text=(a.identity_title)(account_type) />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <p class="caption">{(a.step_of)(1, 3)}</p>
            <h1>{(a.identity_title)(account_type)}</h1>
            <p class="lead">{a.identity_intro}</p>
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="account_type" value=account_type.code() />
                <Field name="id_number" label=id_label hint=(a.id_number_hint)(account_type)
                    value=kept.get("id_number") errors autocomplete="off" class="input--20" />
                <Field name="first_name" label=a.first_name_label hint=a.first_name_hint
                    value=kept.get("first_name") errors autocomplete="given-name" />
                {foreigner.then(|| view! {
                    <Field name="last_name" label=a.last_name_label value=kept.get("last_name")
                        errors autocomplete="family-name" />
                    <Field name="other_names" label=a.other_names_label value=kept.get("other_names")
                        errors optional=true autocomplete="additional-name" />
                    <Radios name="gender" legend=a.gender_label value=kept.get("gender") errors
                        options=vec![("female", a.gender_female, None), ("male", a.gender_male, None)] />
                })}
                {if with_date {
                    view! {
                        <Field name="date_of_birth" label=a.date_of_birth_label hint=a.date_of_birth_hint
                            kind="date" value=kept.get("date_of_birth") errors
                            autocomplete="bday" class="input--10" />
                    }.into_any()
                } else {
                    view! {
                        <Field name="year_of_birth" label=a.year_of_birth_label hint=a.year_of_birth_hint
                            inputmode="numeric" value=kept.get("year_of_birth") errors
                            autocomplete="bday-year" class="input--4" />
                    }.into_any()
                }}
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    {a.validate_button}
                </button>
            </ActionForm>
            <p><A href="/register">{a.change_account_type}</A></p>
        </div>
    }
}
