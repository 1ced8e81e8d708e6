//! `/staff/admin/agencies/:slug` and `/staff/admin/new-agency`: an agency's names and
//! summaries in both languages, its contacts, whether applicants see staff names, and its
//! services (each with its own settings page).

use super::{form_problem, kept, AdminHead, Input};
use crate::api::admin::{get_agency_edit, SaveAgency};
use crate::components::form::{problem_for, problems_of, ErrorSummary, FormValues};
use crate::components::loaded::{loaded, use_slug};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::model::{AgencyEdit, AgencyKind};
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn AgencyPage() -> impl IntoView {
    let slug = use_slug();
    let agency = Resource::new(slug, load);
    view! { {loaded(agency, |(agency, kept, status)| view! { <Agency agency kept=FormValues(kept) status=FormValues(status) /> })} }
}

#[component]
pub fn NewAgencyPage() -> impl IntoView {
    let agency = Resource::new(String::new, load);
    view! { {loaded(agency, |(agency, kept, status)| view! { <Agency agency kept=FormValues(kept) status=FormValues(status) /> })} }
}

type Kept = HashMap<String, String>;

async fn load(slug: String) -> Result<(AgencyEdit, Kept, Kept), AppError> {
    let agency = get_agency_edit(slug).await?;
    let kept_agency = kept(format!("agency-{}", agency.slug)).await;
    let kept_status = if agency.slug.is_empty() {
        Kept::new()
    } else {
        kept(super::agency_status::form_key(&agency.slug)).await
    };
    Ok((agency, kept_agency, kept_status))
}

#[component]
fn Agency(agency: AgencyEdit, kept: FormValues, status: FormValues) -> impl IntoView {
    let a = use_lang().admin();
    let lang = use_lang();
    let title = if agency.slug.is_empty() {
        a.add_agency.to_string()
    } else {
        match lang {
            Lang::En => agency.name_en.clone(),
            Lang::Sw => agency.name_sw.clone(),
        }
    };
    let services = agency.services.clone();
    let existing = (!agency.slug.is_empty()).then(|| agency.clone());
    view! {
        <div class="staff">
            <AdminHead title caption=a.agencies />
            <AgencyForm agency kept />
            {existing.map(|agency| view! { <super::agency_status::StatusForm agency kept=status /> })}
            {(!services.is_empty()).then(|| view! {
                <h2>{a.services}</h2>
                <ul class="link-list">
                    {services.into_iter().map(|s| view! {
                        <li><a href=format!("/staff/admin/services/{}", s.slug)>{s.name}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

#[component]
fn AgencyForm(agency: AgencyEdit, kept: FormValues) -> impl IntoView {
    let a = use_lang().admin();
    let t = use_lang().t();
    let action = ServerAction::<SaveAgency>::new();
    let errors = problems_of(action.value());
    let failed = !kept.0.is_empty();
    let value = super::starting_value(&kept);
    let is_new = agency.slug.is_empty();
    let kind = value("kind", &agency.kind);
    let show = if failed {
        kept.get("show_staff_names") == "on"
    } else {
        agency.show_staff_names
    };
    let labels = vec![
        ("slug", a.slug),
        ("kind", a.kind),
        ("name_en", a.name_en),
        ("name_sw", a.name_sw),
        ("summary_en", a.summary_en),
        ("summary_sw", a.summary_sw),
        ("website", a.website),
        ("phone", a.phone),
        ("email", a.email),
    ];
    let kind_invalid = move || {
        errors
            .with(|e| problem_for(e, "kind"))
            .is_some()
            .then_some("true")
    };
    view! {
        {form_problem(errors)}
        <ErrorSummary errors labels />
        <ActionForm action attr:class="form" attr:novalidate="">
            <input type="hidden" name="original" value=agency.slug.clone() />
            {if is_new {
                view! {
                    <Input id="slug" name="slug" label=a.slug hint=a.slug_hint value=value("slug", "") errors />
                }.into_any()
            } else {
                view! {
                    <p><span class="field__label">{a.slug}</span><br /><code>{agency.slug.clone()}</code></p>
                }.into_any()
            }}
            <div class="field" class:field--error=move || kind_invalid().is_some()>
                <label class="field__label" for="kind">{a.kind}</label>
                <select class="field__input" id="kind" name="kind" aria-invalid=kind_invalid>
                    {AgencyKind::ALL.into_iter().map(|k| view! {
                        <option value=k.code() selected=kind == k.code()>{(t.agency_kind)(k)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Input id="name_en" name="name_en" label=a.name_en value=value("name_en", &agency.name_en) errors />
            <Input id="name_sw" name="name_sw" label=a.name_sw value=value("name_sw", &agency.name_sw) errors />
            <Input id="summary_en" name="summary_en" label=a.summary_en textarea=true value=value("summary_en", &agency.summary_en) errors />
            <Input id="summary_sw" name="summary_sw" label=a.summary_sw textarea=true value=value("summary_sw", &agency.summary_sw) errors />
            <Input id="website" name="website" label=a.website kind="url" optional=true value=value("website", &agency.website) errors />
            <Input id="phone" name="phone" label=a.phone kind="tel" optional=true value=value("phone", &agency.phone) errors />
            <Input id="email" name="email" label=a.email kind="email" optional=true value=value("email", &agency.email) errors />
            <div class="checkbox">
                <input id="show_staff_names" name="show_staff_names" type="checkbox" value="on" checked=show
                    aria-describedby="show_staff_names-hint" />
                <label for="show_staff_names">{a.show_names}</label>
                <p class="field__hint" id="show_staff_names-hint">{a.show_names_hint}</p>
            </div>
            <button class="button" type="submit" disabled=move || action.pending().get()>{a.save}</button>
        </ActionForm>
    }
}
