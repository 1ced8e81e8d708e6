//! Administering agencies: the list, adding one, and changing one's names, summaries,
//! contacts and whether its staff are named to applicants.

use crate::error::AppError;
use crate::model::{AdminHome, AgencyEdit};
use leptos::prelude::*;

#[server(endpoint = "admin/home")]
pub async fn get_admin_home() -> Result<AdminHome, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        crate::api::staff::access::administrator(&call).await?;
        server::home(&call).await
    }
    .await;
    call.answer(result)
}

/// An agency's edit form; an empty slug gives the empty form for a new one.
#[server(endpoint = "admin/agency")]
pub async fn get_agency_edit(slug: String) -> Result<AgencyEdit, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        crate::api::staff::access::administrator(&call).await?;
        server::edit(&call, &slug).await
    }
    .await;
    call.answer(result)
}

pub use save_fn::*;

/// The form has a field per column (the macro's browser-side function cannot carry an
/// `allow`, hence the module).
mod save_fn {
    #![allow(clippy::too_many_arguments)]
    use crate::error::AppError;
    use leptos::prelude::*;

    /// Adds an agency (`original` empty) or changes the one at `original`.
    #[server(endpoint = "admin/save-agency")]
    pub async fn save_agency(
        #[server(default)] original: String,
        #[server(default)] slug: String,
        #[server(default)] kind: String,
        #[server(default)] name_en: String,
        #[server(default)] name_sw: String,
        #[server(default)] summary_en: String,
        #[server(default)] summary_sw: String,
        #[server(default)] website: String,
        #[server(default)] phone: String,
        #[server(default)] email: String,
        #[server(default)] show_staff_names: String,
    ) -> Result<(), AppError> {
        let call = crate::auth::call().await?;
        let form = super::server::Form {
            slug: &slug,
            kind: &kind,
            name_en: &name_en,
            name_sw: &name_sw,
            summary_en: &summary_en,
            summary_sw: &summary_sw,
            website: &website,
            phone: &phone,
            email: &email,
            show_staff_names: show_staff_names == "on" || show_staff_names == "true",
        };
        let result = async {
            let admin = crate::api::staff::access::administrator(&call).await?;
            super::server::save(&call, &admin, &original, &form).await
        }
        .await;
        let values = form.values(&show_staff_names);
        let key = format!("agency-{original}");
        let result = call.keep_on_error(&key, &values, result).await;
        let saved = call.answer(result)?;
        crate::paths::go(&format!("/staff/admin/agencies/{saved}?saved=1"));
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::super::checks;
    use crate::api::staff::access::Staff;
    use crate::auth::Call;
    use crate::data::admin::agencies::{self, AgencyFields, Saved};
    use crate::error::AppError;
    use crate::i18n::use_lang;
    use crate::model::{AdminAgency, AdminHome, AgencyEdit, AgencyKind, NamedLink};
    use crate::problem::{Problem, Problems};

    pub async fn home(call: &Call) -> Result<AdminHome, AppError> {
        let lang = use_lang();
        let rows = agencies::all(&call.state.db).await?;
        Ok(AdminHome {
            agencies: rows
                .into_iter()
                .map(|(a, services)| AdminAgency {
                    name: crate::data::catalogue::pick(lang, a.name_en, a.name_sw),
                    slug: a.slug,
                    services,
                    shows_names: a.show_staff_names,
                })
                .collect(),
        })
    }

    pub async fn edit(call: &Call, slug: &str) -> Result<AgencyEdit, AppError> {
        if slug.is_empty() {
            return Ok(AgencyEdit {
                kind: AgencyKind::Agency.code().to_string(),
                ..AgencyEdit::default()
            });
        }
        let db = &call.state.db;
        let lang = use_lang();
        let a = agencies::by_slug(db, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let status = crate::data::service_status::of_agency(db, &a.slug).await?;
        let services = crate::data::staff::services_of(db, a.id)
            .await?
            .into_iter()
            .map(|s| NamedLink {
                name: s.name(lang).to_string(),
                slug: s.slug,
            })
            .collect();
        Ok(AgencyEdit {
            slug: a.slug,
            kind: a.kind,
            name_en: a.name_en,
            name_sw: a.name_sw,
            summary_en: a.summary_en,
            summary_sw: a.summary_sw,
            website: a.website.unwrap_or_default(),
            phone: a.phone.unwrap_or_default(),
            email: a.email.unwrap_or_default(),
            show_staff_names: a.show_staff_names,
            services,
            service_state: status
                .as_ref()
                .map(|s| s.service_state.clone())
                .unwrap_or_else(|| "normal".into()),
            service_message_en: status
                .as_ref()
                .and_then(|s| s.service_message_en.clone())
                .unwrap_or_default(),
            service_message_sw: status
                .and_then(|s| s.service_message_sw)
                .unwrap_or_default(),
        })
    }

    /// What the agency form carried.
    pub struct Form<'a> {
        pub slug: &'a str,
        pub kind: &'a str,
        pub name_en: &'a str,
        pub name_sw: &'a str,
        pub summary_en: &'a str,
        pub summary_sw: &'a str,
        pub website: &'a str,
        pub phone: &'a str,
        pub email: &'a str,
        pub show_staff_names: bool,
    }

    impl<'a> Form<'a> {
        /// What to show again after a failed plain post.
        pub fn values(&self, show: &'a str) -> Vec<(&'static str, &'a str)> {
            vec![
                ("slug", self.slug),
                ("kind", self.kind),
                ("name_en", self.name_en),
                ("name_sw", self.name_sw),
                ("summary_en", self.summary_en),
                ("summary_sw", self.summary_sw),
                ("website", self.website),
                ("phone", self.phone),
                ("email", self.email),
                ("show_staff_names", show),
            ]
        }
    }

    /// Checks and saves; the agency's (new) slug.
    pub async fn save(
        call: &Call,
        admin: &Staff,
        original: &str,
        f: &Form<'_>,
    ) -> Result<String, AppError> {
        let db = &call.state.db;
        let id = if original.is_empty() {
            None
        } else {
            Some(
                agencies::by_slug(db, original)
                    .await?
                    .ok_or(AppError::NotFound)?
                    .id,
            )
        };
        let mut p = Problems::default();
        // A slug is set once: links, the audit log and the seed refer to agencies by it.
        let slug = match id {
            Some(_) => Some(original.to_string()),
            None => p.check("slug", checks::slug(f.slug)),
        };
        let kind = AgencyKind::from_code(f.kind);
        if kind.is_none() {
            p.add("kind", Problem::ChooseOne);
        }
        let name_en = p.check("name_en", checks::text(f.name_en, 120));
        let name_sw = p.check("name_sw", checks::text(f.name_sw, 120));
        let summary_en = p.check("summary_en", checks::text(f.summary_en, 600));
        let summary_sw = p.check("summary_sw", checks::text(f.summary_sw, 600));
        let website = p.check("website", checks::optional(f.website, checks::website));
        let phone = p.check("phone", checks::optional(f.phone, checks::phone));
        let email = p.check("email", checks::optional(f.email, crate::validate::email));
        p.into_result()?;
        let fields = AgencyFields {
            slug: slug.unwrap_or_default(),
            kind: kind.map(|k| k.code().to_string()).unwrap_or_default(),
            name_en: name_en.unwrap_or_default(),
            name_sw: name_sw.unwrap_or_default(),
            summary_en: summary_en.unwrap_or_default(),
            summary_sw: summary_sw.unwrap_or_default(),
            website: website.flatten(),
            phone: phone.flatten(),
            email: email.flatten(),
            show_staff_names: f.show_staff_names,
        };
        let who = admin.who(call, "administrator", None);
        match agencies::save(db, &who, id, &fields).await? {
            Saved::Done => {
                call.state.catalogue_changed().await;
                Ok(fields.slug)
            }
            Saved::SlugTaken => Err(AppError::field("slug", Problem::SlugTaken)),
        }
    }
}
