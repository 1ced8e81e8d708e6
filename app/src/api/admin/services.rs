//! Administering a service: how long it takes, which version of its form applicants fill,
//! where its documents can be collected, and its fees.

use crate::error::AppError;
use crate::model::ServiceEdit;
use leptos::prelude::*;
use std::collections::HashMap;

#[server(endpoint = "admin/service")]
pub async fn get_service_edit(slug: String) -> Result<ServiceEdit, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        crate::api::staff::access::administrator(&call).await?;
        server::edit(&call, &slug).await
    }
    .await;
    call.answer(result)
}

/// Processing time, form version and collection places (`place[slug]` ticked).
#[server(endpoint = "admin/save-service")]
pub async fn save_service(
    slug: String,
    #[server(default)] days_min: String,
    #[server(default)] days_max: String,
    #[server(default)] form_version: String,
    #[server(default)] place: HashMap<String, String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let places: Vec<String> = place.into_keys().collect();
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        server::save(
            &call,
            &admin,
            &slug,
            &days_min,
            &days_max,
            &form_version,
            &places,
        )
        .await
    }
    .await;
    let ticked: Vec<String> = places.iter().map(|p| format!("place:{p}")).collect();
    let mut values = vec![
        ("days_min", days_min.as_str()),
        ("days_max", days_max.as_str()),
        ("form_version", form_version.as_str()),
    ];
    values.extend(ticked.iter().map(|k| (k.as_str(), "on")));
    let result = call
        .keep_on_error(&format!("service-{slug}"), &values, result)
        .await;
    call.answer(result)?;
    crate::paths::go(&format!("/staff/admin/services/{slug}?saved=1"));
    Ok(())
}

/// Changes one fee (`fee`: its id) or, with `fee` 0, adds one.
#[server(endpoint = "admin/save-fee")]
pub async fn save_fee(
    service: String,
    #[server(default)] fee: i64,
    #[server(default)] kind: String,
    #[server(default)] label_en: String,
    #[server(default)] label_sw: String,
    #[server(default)] amount: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        let form = server::FeeForm {
            kind: &kind,
            label_en: &label_en,
            label_sw: &label_sw,
            amount: &amount,
        };
        server::save_fee(&call, &admin, &service, fee, &form).await
    }
    .await;
    let values = [
        ("kind", kind.as_str()),
        ("label_en", label_en.as_str()),
        ("label_sw", label_sw.as_str()),
        ("amount", amount.as_str()),
    ];
    let result = call
        .keep_on_error(&format!("fee-{service}-{fee}"), &values, result)
        .await;
    call.answer(result)?;
    crate::paths::go(&format!("/staff/admin/services/{service}?saved=1#fees"));
    Ok(())
}

#[server(endpoint = "admin/remove-fee")]
pub async fn remove_fee(service: String, fee: i64) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        server::remove_fee(&call, &admin, &service, fee).await
    }
    .await;
    call.answer(result)?;
    crate::paths::go(&format!("/staff/admin/services/{service}?saved=1#fees"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::super::checks;
    use crate::api::staff::access::Staff;
    use crate::auth::Call;
    use crate::data::admin::services::{self, FeeFields, ServiceFields, ServiceRow};
    use crate::data::places;
    use crate::error::AppError;
    use crate::i18n::use_lang;
    use crate::model::{FeeEdit, FeeKind, NamedLink, PlaceChoices, ServiceEdit};
    use crate::problem::{Problem, Problems};
    use crate::shown::nairobi;

    /// The longest a service may say it takes.
    pub const DAYS_MAX: i64 = 365;

    async fn service(call: &Call, slug: &str) -> Result<ServiceRow, AppError> {
        services::by_slug(&call.state.db, slug)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn edit(call: &Call, slug: &str) -> Result<ServiceEdit, AppError> {
        let db = &call.state.db;
        let lang = use_lang();
        let t = lang.staff();
        let s = service(call, slug).await?;
        let agency = crate::data::admin::agencies::by_slug(db, &s.agency_slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let chosen = services::place_ids(db, s.id).await?;
        let mut groups: Vec<PlaceChoices> = Vec::new();
        for place in places::all(db).await? {
            let label = (t.place_kind)(&place.kind).to_string();
            let item = (
                NamedLink {
                    name: place.name(lang).to_string(),
                    slug: place.slug.clone(),
                },
                chosen.contains(&place.id),
            );
            match groups.iter_mut().find(|g| g.label == label) {
                Some(g) => g.places.push(item),
                None => groups.push(PlaceChoices {
                    label,
                    places: vec![item],
                }),
            }
        }
        let fees = services::fees(db, s.id)
            .await?
            .into_iter()
            .map(|f| FeeEdit {
                id: f.id,
                kind: f.kind,
                when: match lang {
                    crate::i18n::Lang::En => f.when_en,
                    crate::i18n::Lang::Sw => f.when_sw,
                },
                label_en: f.label_en,
                label_sw: f.label_sw,
                amount: checks::shillings_text(f.amount_cents),
            })
            .collect();
        Ok(ServiceEdit {
            name: crate::data::catalogue::pick(lang, s.name_en.clone(), s.name_sw.clone()),
            agency: NamedLink {
                name: crate::data::catalogue::pick(lang, agency.name_en, agency.name_sw),
                slug: agency.slug,
            },
            days_min: s.processing_days_min,
            days_max: s.processing_days_max,
            form_version: s.form_version,
            versions: services::form_versions(db, s.id)
                .await?
                .into_iter()
                .map(|(v, at)| (v, nairobi(at)))
                .collect(),
            places: groups,
            any_place: chosen.is_empty(),
            fees,
            slug: s.slug,
        })
    }

    pub async fn save(
        call: &Call,
        admin: &Staff,
        slug: &str,
        days_min: &str,
        days_max: &str,
        form_version: &str,
        chosen: &[String],
    ) -> Result<(), AppError> {
        let db = &call.state.db;
        let s = service(call, slug).await?;
        let mut p = Problems::default();
        let min = p.check("days_min", checks::number(days_min, 1, DAYS_MAX));
        let max = p.check("days_max", checks::number(days_max, 1, DAYS_MAX));
        if let (Some(min), Some(max)) = (min, max) {
            if max < min {
                p.add("days_max", Problem::RangeReversed);
            }
        }
        let versions = services::form_versions(db, s.id).await?;
        let version = match form_version.trim() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(v) if versions.iter().any(|(stored, _)| *stored == v) => Some(v),
                _ => {
                    p.add("form_version", Problem::ChooseOne);
                    None
                }
            },
        };
        let all = places::all(db).await?;
        let place_ids: Vec<i64> = all
            .iter()
            .filter(|pl| chosen.contains(&pl.slug))
            .map(|pl| pl.id)
            .collect();
        if place_ids.len() != chosen.len() {
            p.add("places", Problem::ChooseOne);
        }
        p.into_result()?;
        let fields = ServiceFields {
            days_min: min.unwrap_or(1),
            days_max: max.unwrap_or(1),
            form_version: version,
            places: &place_ids,
        };
        let who = admin.who(call, "administrator", None);
        services::save(db, &who, &s, &fields).await?;
        call.state.catalogue_changed().await;
        Ok(())
    }

    /// What a fee form carried.
    pub struct FeeForm<'a> {
        pub kind: &'a str,
        pub label_en: &'a str,
        pub label_sw: &'a str,
        pub amount: &'a str,
    }

    pub async fn save_fee(
        call: &Call,
        admin: &Staff,
        slug: &str,
        fee: i64,
        f: &FeeForm<'_>,
    ) -> Result<(), AppError> {
        let db = &call.state.db;
        let s = service(call, slug).await?;
        let mut p = Problems::default();
        let kind = FeeKind::from_code(f.kind);
        if kind.is_none() {
            p.add("kind", Problem::ChooseOne);
        }
        let label_en = p.check("label_en", checks::text(f.label_en, 120));
        let label_sw = p.check("label_sw", checks::text(f.label_sw, 120));
        let amount = p.check("amount", checks::shillings(f.amount));
        p.into_result()?;
        let (label_en, label_sw) = (label_en.unwrap_or_default(), label_sw.unwrap_or_default());
        let fields = FeeFields {
            kind: kind.map(FeeKind::code).unwrap_or("government"),
            label_en: &label_en,
            label_sw: &label_sw,
            amount_cents: amount.unwrap_or(0),
        };
        let who = admin.who(call, "administrator", None);
        if fee == 0 {
            services::add_fee(db, &who, s.id, &fields).await?;
        } else if !services::save_fee(db, &who, s.id, fee, &fields).await? {
            return Err(AppError::NotFound);
        }
        call.state.catalogue_changed().await;
        Ok(())
    }

    pub async fn remove_fee(
        call: &Call,
        admin: &Staff,
        slug: &str,
        fee: i64,
    ) -> Result<(), AppError> {
        let s = service(call, slug).await?;
        let who = admin.who(call, "administrator", None);
        if services::remove_fee(&call.state.db, &who, s.id, fee).await? {
            call.state.catalogue_changed().await;
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
}
