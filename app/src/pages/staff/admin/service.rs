//! `/staff/admin/services/:slug`: how long a service takes, the form version applicants
//! fill, where its documents can be collected, and its fees (each fee its own form).

use super::{form_problem, AdminHead, Input};
use crate::api::admin::{get_service_edit, RemoveFee, SaveFee, SaveService};
use crate::components::form::{problem_for, problems_of, ErrorSummary, FormValues, KeptForms};
use crate::components::loaded::{loaded, use_slug};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::{FeeEdit, FeeKind, ServiceEdit};
use crate::problem::FieldError;
use leptos::prelude::*;

#[component]
pub fn ServiceAdminPage() -> impl IntoView {
    let slug = use_slug();
    let service = Resource::new(slug, load);
    view! { {loaded(service, |(service, kept)| view! { <Service service kept /> })} }
}

/// The service's settings, with what was typed into each of its forms (the settings, each
/// fee by id, the new fee as 0) when a plain post failed.
async fn load(slug: String) -> Result<(ServiceEdit, KeptForms), AppError> {
    let service = get_service_edit(slug).await?;
    let forms: Vec<String> = std::iter::once(format!("service-{}", service.slug))
        .chain(
            service
                .fees
                .iter()
                .map(|f| f.id)
                .chain([0])
                .map(|id| fee_key(&service.slug, id)),
        )
        .collect();
    let kept = KeptForms::load(forms).await;
    Ok((service, kept))
}

fn fee_key(service: &str, fee: i64) -> String {
    format!("fee-{service}-{fee}")
}

#[component]
fn Service(service: ServiceEdit, kept: KeptForms) -> impl IntoView {
    let a = use_lang().admin();
    let settings = service.clone();
    let fees = service.fees.clone();
    let slug = service.slug.clone();
    let fee_kept = {
        let (kept, slug) = (kept.clone(), slug.clone());
        move |id: i64| kept.get(&fee_key(&slug, id))
    };
    let new_kept = fee_kept(0);
    view! {
        <div class="staff">
            <AdminHead title=service.name.clone() caption=service.agency.name.clone() />
            <p><a href=format!("/staff/admin/agencies/{}", service.agency.slug)>{a.back_to_agency}</a>
                " · "<a href=format!("/services/{}", service.slug)>{a.public_page}</a></p>
            <Settings service=settings kept=kept.get(&format!("service-{}", service.slug)) />
            <h2 id="fees">{a.fees}</h2>
            <p class="hint">{a.fees_hint}</p>
            <div class="moves">
                {fees.into_iter().map(|fee| {
                    let kept = fee_kept(fee.id);
                    view! { <Fee service=slug.clone() fee=Some(fee) kept /> }
                }).collect_view()}
                <Fee service=service.slug.clone() fee=None kept=new_kept />
            </div>
        </div>
    }
}

#[component]
fn Settings(service: ServiceEdit, kept: FormValues) -> impl IntoView {
    let a = use_lang().admin();
    let action = ServerAction::<SaveService>::new();
    let errors = problems_of(action.value());
    let failed = !kept.0.is_empty();
    let value = super::starting_value(&kept);
    let version = value(
        "form_version",
        &service
            .form_version
            .map(|v| v.to_string())
            .unwrap_or_default(),
    );
    let labels = vec![
        ("days_min", a.days_min),
        ("days_max", a.days_max),
        ("form_version", a.form_version),
        ("places", a.places),
    ];
    let invalid = move |name: &'static str| {
        move || {
            errors
                .with(|e| problem_for(e, name))
                .is_some()
                .then_some("true")
        }
    };
    let places_error = move || {
        errors.with(|e| problem_for(e, "places")).map(|p| {
            view! { <p class="field__error" id="places-error">{use_lang().problem(p)}</p> }
        })
    };
    view! {
        <h2>{a.settings}</h2>
        {form_problem(errors)}
        <ErrorSummary errors labels />
        <ActionForm action attr:class="form" attr:novalidate="">
            <input type="hidden" name="slug" value=service.slug.clone() />
            <Input id="days_min" name="days_min" label=a.days_min inputmode="numeric"
                value=value("days_min", &service.days_min.to_string()) errors />
            <Input id="days_max" name="days_max" label=a.days_max hint=a.days_hint inputmode="numeric"
                value=value("days_max", &service.days_max.to_string()) errors />
            <div class="field" class:field--error=move || invalid("form_version")().is_some()>
                <label class="field__label" for="form_version">{a.form_version}</label>
                <p class="field__hint" id="form_version-hint">{a.form_version_hint}</p>
                <select class="field__input" id="form_version" name="form_version"
                    aria-describedby="form_version-hint" aria-invalid=invalid("form_version")>
                    {service.versions.iter().map(|(v, at)| view! {
                        <option value=v.to_string() selected=version == v.to_string()>{(a.version)(*v, at)}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="fieldset" id="places" aria-describedby="places-hint">
                <legend class="field__label">{a.places}</legend>
                <p class="field__hint" id="places-hint">{a.places_hint}</p>
                {places_error}
                {service.places.into_iter().map(|group| {
                    let kept = kept.clone();
                    let open = group.places.iter().any(|(_, on)| *on);
                    view! {
                    <details class="place-group" open=open>
                        <summary>{(a.place_group)(&group.label, group.places.iter().filter(|(_, on)| *on).count())}</summary>
                        <div class="checkboxes">
                            {group.places.into_iter().map(|(place, on)| {
                                let id = format!("place-{}", place.slug);
                                let ticked = if failed { kept.get(&format!("place:{}", place.slug)) == "on" } else { on };
                                view! {
                                    <div class="checkbox">
                                        <input id=id.clone() name=format!("place[{}]", place.slug) type="checkbox" value="on" checked=ticked />
                                        <label for=id>{place.name}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </details>
                }}).collect_view()}
            </fieldset>
            <button class="button" type="submit" disabled=move || action.pending().get()>{a.save}</button>
        </ActionForm>
    }
}

/// One fee's form (or, with no fee, the form to add one).
#[component]
fn Fee(service: String, fee: Option<FeeEdit>, kept: FormValues) -> impl IntoView {
    let a = use_lang().admin();
    let save = ServerAction::<SaveFee>::new();
    let remove = ServerAction::<RemoveFee>::new();
    let failed_here = !kept.0.is_empty();
    let all = problems_of(save.value());
    let errors: Signal<Vec<FieldError>> = Signal::derive(move || {
        if failed_here || save.version().get() > 0 {
            all.get()
        } else {
            Vec::new()
        }
    });
    let id = fee.as_ref().map(|f| f.id).unwrap_or(0);
    let stored = fee.clone();
    let value = move |name: &str| {
        if failed_here {
            return kept.get(name);
        }
        match (&stored, name) {
            (Some(f), "kind") => f.kind.clone(),
            (Some(f), "label_en") => f.label_en.clone(),
            (Some(f), "label_sw") => f.label_sw.clone(),
            (Some(f), "amount") => f.amount.clone(),
            (None, "kind") => FeeKind::Government.code().to_string(),
            _ => String::new(),
        }
    };
    let kind = value("kind");
    let title = match &fee {
        Some(f) => f.label_en.clone(),
        None => a.add_fee.to_string(),
    };
    let heading = format!("fee-{id}-title");
    let service_for_save = service.clone();
    let p = move |name: &str| format!("fee-{id}-{name}");
    view! {
        <section class="move panel" aria-labelledby=heading.clone()>
            <h3 class="h3" id=heading.clone()>{title}</h3>
            {fee.as_ref().and_then(|f| f.when.clone()).map(|w| view! { <p class="hint">{(a.fee_when)(&w)}</p> })}
            <ActionForm action=save attr:class="form" attr:novalidate="">
                <input type="hidden" name="service" value=service_for_save />
                <input type="hidden" name="fee" value=id />
                <div class="field">
                    <label class="field__label" for=p("kind")>{a.fee_kind}</label>
                    <select class="field__input" id=p("kind") name="kind">
                        <option value="government" selected=kind == "government">{a.fee_government}</option>
                        <option value="convenience" selected=kind == "convenience">{a.fee_convenience}</option>
                    </select>
                </div>
                <Input id=p("label_en") name="label_en" label=a.label_en value=value("label_en") errors />
                <Input id=p("label_sw") name="label_sw" label=a.label_sw value=value("label_sw") errors />
                <Input id=p("amount") name="amount" label=a.amount hint=a.amount_hint inputmode="decimal" value=value("amount") errors />
                <button class="button" type="submit" disabled=move || save.pending().get()>
                    {if id == 0 { a.add_fee } else { a.save }}
                </button>
            </ActionForm>
            {(id != 0).then(|| view! {
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="service" value=service.clone() />
                    <input type="hidden" name="fee" value=id />
                    <button class="link-button link-button--dark" type="submit">{a.remove_fee}</button>
                </ActionForm>
            })}
        </section>
    }
}
