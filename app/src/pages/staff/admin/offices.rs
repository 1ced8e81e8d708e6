//! `/staff/admin/offices` (every office by kind) and `/staff/admin/offices/:slug`: an
//! office's names, address and hours as people read them, the short hours its appointment
//! slots are made from, and how many people one slot takes.

use super::{form_problem, kept, AdminHead, Input};
use crate::api::admin::{get_office_edit, get_offices, SaveOffice};
use crate::components::form::{problems_of, ErrorSummary, FormValues};
use crate::components::loaded::{loaded, use_slug};
use crate::i18n::use_lang;
use crate::model::{OfficeEdit, OfficeGroup};
use leptos::prelude::*;

#[component]
pub fn OfficesPage() -> impl IntoView {
    let offices = Resource::new(|| (), |_| get_offices());
    view! { {loaded(offices, |groups| view! { <Offices groups /> })} }
}

#[component]
fn Offices(groups: Vec<OfficeGroup>) -> impl IntoView {
    let a = use_lang().admin();
    view! {
        <div class="staff">
            <AdminHead title=a.offices />
            <p class="lead">{a.offices_intro}</p>
            {groups.into_iter().map(|g| view! {
                <h2>{g.label.clone()}</h2>
                <div class="table-wrap">
                    <table class="table">
                        <caption class="visually-hidden">{g.label}</caption>
                        <thead><tr>
                            <th scope="col">{a.office}</th>
                            <th scope="col">{a.county}</th>
                            <th scope="col">{a.hours_short}</th>
                            <th scope="col" class="num">{a.capacity}</th>
                        </tr></thead>
                        <tbody>
                            {g.offices.into_iter().map(|o| view! {
                                <tr>
                                    <td><a href=format!("/staff/admin/offices/{}", o.slug)>{o.name}</a></td>
                                    <td>{o.county}</td>
                                    <td><code>{o.hours_short}</code></td>
                                    <td class="num">{o.capacity}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn OfficePage() -> impl IntoView {
    let slug = use_slug();
    let office = Resource::new(slug, |slug| async move {
        let office = get_office_edit(slug).await?;
        let kept = kept(format!("office-{}", office.slug)).await;
        Ok::<_, crate::error::AppError>((office, kept))
    });
    view! { {loaded(office, |(office, kept)| view! { <Office office kept=FormValues(kept) /> })} }
}

#[component]
fn Office(office: OfficeEdit, kept: FormValues) -> impl IntoView {
    let a = use_lang().admin();
    let kept_slots = super::query_param("kept");
    let over = move || {
        kept_slots
            .get()
            .and_then(|k| k.parse::<i64>().ok())
            .filter(|k| *k > 0)
    };
    view! {
        <div class="staff">
            <AdminHead title=office.name.clone() caption=office.kind.clone() />
            {move || over().map(|n| view! { <p class="notice" role="status">{(a.slots_kept)(n)}</p> })}
            <p><a href="/staff/admin/offices">{a.back_to_offices}</a></p>
            <OfficeForm office kept />
        </div>
    }
}

#[component]
fn OfficeForm(office: OfficeEdit, kept: FormValues) -> impl IntoView {
    let a = use_lang().admin();
    let action = ServerAction::<SaveOffice>::new();
    let errors = problems_of(action.value());
    let value = super::starting_value(&kept);
    let labels = vec![
        ("name_en", a.name_en),
        ("name_sw", a.name_sw),
        ("address_en", a.address_en),
        ("address_sw", a.address_sw),
        ("hours_en", a.hours_en),
        ("hours_sw", a.hours_sw),
        ("hours_short", a.hours_short),
        ("phone", a.phone),
        ("capacity", a.capacity),
    ];
    let capacity_hint = (a.capacity_hint)(office.default_capacity);
    view! {
        {form_problem(errors)}
        <ErrorSummary errors labels />
        <ActionForm action attr:class="form" attr:novalidate="">
            <input type="hidden" name="slug" value=office.slug.clone() />
            <Input id="name_en" name="name_en" label=a.name_en value=value("name_en", &office.name_en) errors />
            <Input id="name_sw" name="name_sw" label=a.name_sw value=value("name_sw", &office.name_sw) errors />
            <Input id="address_en" name="address_en" label=a.address_en textarea=true value=value("address_en", &office.address_en) errors />
            <Input id="address_sw" name="address_sw" label=a.address_sw textarea=true value=value("address_sw", &office.address_sw) errors />
            <Input id="hours_en" name="hours_en" label=a.hours_en value=value("hours_en", &office.hours_en) errors />
            <Input id="hours_sw" name="hours_sw" label=a.hours_sw value=value("hours_sw", &office.hours_sw) errors />
            <Input id="hours_short" name="hours_short" label=a.hours_short hint=a.hours_short_hint value=value("hours_short", &office.hours_short) errors />
            <Input id="phone" name="phone" label=a.phone kind="tel" optional=true value=value("phone", &office.phone) errors />
            <Input id="capacity" name="capacity" label=a.capacity hint=capacity_hint optional=true inputmode="numeric"
                value=value("capacity", &office.capacity) errors />
            <button class="button" type="submit" disabled=move || action.pending().get()>{a.save}</button>
        </ActionForm>
    }
}
