//! Administering offices: their names, address and opening hours as people read them, the
//! short hours appointment slots are made from, and how many people one slot takes.

use crate::error::AppError;
use crate::model::{OfficeEdit, OfficeGroup};
use leptos::prelude::*;

#[server(endpoint = "admin/offices")]
pub async fn get_offices() -> Result<Vec<OfficeGroup>, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        crate::api::staff::access::administrator(&call).await?;
        server::list(&call).await
    }
    .await;
    call.answer(result)
}

#[server(endpoint = "admin/office")]
pub async fn get_office_edit(slug: String) -> Result<OfficeEdit, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        crate::api::staff::access::administrator(&call).await?;
        server::edit(&call, &slug).await
    }
    .await;
    call.answer(result)
}

pub use save_fn::*;

/// One argument per field (the macro's browser-side function cannot carry an `allow`,
/// hence the module).
mod save_fn {
    #![allow(clippy::too_many_arguments)]
    use crate::error::AppError;
    use leptos::prelude::*;

    #[server(endpoint = "admin/save-office")]
    pub async fn save_office(
        slug: String,
        #[server(default)] name_en: String,
        #[server(default)] name_sw: String,
        #[server(default)] address_en: String,
        #[server(default)] address_sw: String,
        #[server(default)] hours_en: String,
        #[server(default)] hours_sw: String,
        #[server(default)] hours_short: String,
        #[server(default)] phone: String,
        #[server(default)] capacity: String,
    ) -> Result<(), AppError> {
        let call = crate::auth::call().await?;
        let values = [
            ("name_en", name_en.as_str()),
            ("name_sw", name_sw.as_str()),
            ("address_en", address_en.as_str()),
            ("address_sw", address_sw.as_str()),
            ("hours_en", hours_en.as_str()),
            ("hours_sw", hours_sw.as_str()),
            ("hours_short", hours_short.as_str()),
            ("phone", phone.as_str()),
            ("capacity", capacity.as_str()),
        ];
        let result = async {
            let admin = crate::api::staff::access::administrator(&call).await?;
            super::server::save(&call, &admin, &slug, &values).await
        }
        .await;
        let result = call
            .keep_on_error(&format!("office-{slug}"), &values, result)
            .await;
        let kept = call.answer(result)?;
        crate::paths::go(&format!("/staff/admin/offices/{slug}?saved=1&kept={kept}"));
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::super::checks;
    use crate::api::appointments::server::{default_capacity, opening};
    use crate::api::staff::access::Staff;
    use crate::auth::Call;
    use crate::data::admin::offices::{self, OfficeFields};
    use crate::data::places::{self, PlaceRow};
    use crate::error::AppError;
    use crate::i18n::use_lang;
    use crate::model::{OfficeEdit, OfficeGroup, OfficeItem};
    use crate::problem::{Problem, Problems};

    pub async fn list(call: &Call) -> Result<Vec<OfficeGroup>, AppError> {
        let lang = use_lang();
        let t = lang.staff();
        let mut groups: Vec<OfficeGroup> = Vec::new();
        for p in places::all(&call.state.db).await? {
            let label = (t.place_kind)(&p.kind).to_string();
            let item = OfficeItem {
                slug: p.slug.clone(),
                name: p.name(lang).to_string(),
                county: if p.county.is_empty() {
                    p.country.clone()
                } else {
                    p.county.clone()
                },
                hours_short: p.hours_short.clone(),
                capacity: p.slot_capacity.unwrap_or_else(|| default_capacity(&p.kind)),
            };
            match groups.iter_mut().find(|g| g.label == label) {
                Some(g) => g.offices.push(item),
                None => groups.push(OfficeGroup {
                    label,
                    offices: vec![item],
                }),
            }
        }
        Ok(groups)
    }

    async fn office(call: &Call, slug: &str) -> Result<PlaceRow, AppError> {
        places::by_slug(&call.state.db, slug)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn edit(call: &Call, slug: &str) -> Result<OfficeEdit, AppError> {
        let lang = use_lang();
        let p = office(call, slug).await?;
        Ok(OfficeEdit {
            name: p.name(lang).to_string(),
            kind: (lang.staff().place_kind)(&p.kind).to_string(),
            default_capacity: default_capacity(&p.kind),
            capacity: p.slot_capacity.map(|c| c.to_string()).unwrap_or_default(),
            slug: p.slug,
            name_en: p.name_en,
            name_sw: p.name_sw,
            address_en: p.address_en,
            address_sw: p.address_sw,
            hours_en: p.hours_en,
            hours_sw: p.hours_sw,
            hours_short: p.hours_short,
            phone: p.phone.unwrap_or_default(),
        })
    }

    /// Checks and saves; how many future slots kept more bookings than the new capacity.
    pub async fn save(
        call: &Call,
        admin: &Staff,
        slug: &str,
        values: &[(&str, &str)],
    ) -> Result<i64, AppError> {
        let before = office(call, slug).await?;
        let get = |name: &str| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| *v)
                .unwrap_or_default()
        };
        let mut p = Problems::default();
        let mut text = |name: &str, max: u32| p.check(name, checks::text(get(name), max));
        let fields = (
            text("name_en", 120),
            text("name_sw", 120),
            text("address_en", 300),
            text("address_sw", 300),
            text("hours_en", 200),
            text("hours_sw", 200),
        );
        let short = get("hours_short").trim().to_string();
        if short.is_empty() {
            p.add("hours_short", Problem::Required);
        } else if opening(&short).is_none() {
            p.add("hours_short", Problem::HoursInvalid);
        }
        let phone = p.check("phone", checks::optional(get("phone"), checks::phone));
        let capacity = p.check(
            "capacity",
            checks::optional(get("capacity"), |v| checks::number(v, 1, 50)),
        );
        p.into_result()?;
        let (name_en, name_sw, address_en, address_sw, hours_en, hours_sw) = fields;
        let f = OfficeFields {
            name_en: name_en.unwrap_or_default(),
            name_sw: name_sw.unwrap_or_default(),
            address_en: address_en.unwrap_or_default(),
            address_sw: address_sw.unwrap_or_default(),
            hours_en: hours_en.unwrap_or_default(),
            hours_sw: hours_sw.unwrap_or_default(),
            hours_short: short,
            phone: phone.flatten(),
            slot_capacity: capacity.flatten(),
        };
        let who = admin.who(call, "administrator", None);
        Ok(offices::save(
            &call.state.db,
            &who,
            &before,
            &f,
            default_capacity(&before.kind),
        )
        .await?)
    }
}
