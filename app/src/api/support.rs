//! "Report a problem": anyone may report one (tied to their account when signed in, else to
//! the email or phone they give for the reply), rate limited per address; administrators
//! list the tickets and move them along (open, in progress, closed), audited.

use crate::error::AppError;
use crate::model::TicketList;
use leptos::prelude::*;

/// Whether the reporter is signed in (then no contact details are asked for).
#[server(endpoint = "support/form")]
pub async fn get_report_form() -> Result<bool, AppError> {
    let call = crate::auth::call().await?;
    Ok(crate::auth::session::signed_in(&call.session)
        .await?
        .is_some())
}

pub use report_fn::*;

/// The form has a field per thing it asks (the macro's browser-side function cannot carry
/// an `allow`, hence the module).
mod report_fn {
    #![allow(clippy::too_many_arguments)]
    use crate::error::AppError;
    use leptos::prelude::*;

    #[server(endpoint = "support/report")]
    pub async fn report_problem(
        #[server(default)] topic: String,
        #[server(default)] description: String,
        #[server(default)] page: String,
        #[server(default)] name: String,
        #[server(default)] email: String,
        #[server(default)] phone: String,
    ) -> Result<(), AppError> {
        let call = crate::auth::call().await?;
        let report = super::server::Report {
            topic: &topic,
            description: &description,
            page: &page,
            name: &name,
            email: &email,
            phone: &phone,
        };
        let result = super::server::report(&call, &report).await;
        let values = [
            ("topic", topic.as_str()),
            ("description", description.as_str()),
            ("page", page.as_str()),
            ("name", name.as_str()),
            ("email", email.as_str()),
            ("phone", phone.as_str()),
        ];
        let result = call.keep_on_error("report", &values, result).await;
        let number = call.answer(result)?;
        crate::paths::go(&format!("/help/report?sent={number}"));
        Ok(())
    }
}

/// Administrators: the tickets in one status (empty: every status), newest first.
#[server(endpoint = "admin/tickets")]
pub async fn get_tickets(#[server(default)] status: String) -> Result<TicketList, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        crate::api::staff::access::administrator(&call).await?;
        server::tickets(&call, &status).await
    }
    .await;
    call.answer(result)
}

#[server(endpoint = "admin/ticket-status")]
pub async fn set_ticket_status(
    number: String,
    #[server(default)] status: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        server::set_status(&call, &admin, &number, &status).await
    }
    .await;
    call.answer(result)?;
    crate::paths::go(&format!("/staff/admin/tickets?changed={number}#{number}"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::staff::access::Staff;
    use crate::auth::Call;
    use crate::data::support::{self, NewTicket, TicketRow};
    use crate::error::AppError;
    use crate::i18n::use_lang;
    use crate::model::{SupportTopic, Ticket, TicketList, TicketStatus};
    use crate::problem::{Problem, Problems};

    /// The longest description.
    const DESCRIPTION_MAX: usize = 3000;
    /// How many tickets the list shows.
    const LIST_LIMIT: i64 = 200;

    pub struct Report<'a> {
        pub topic: &'a str,
        pub description: &'a str,
        pub page: &'a str,
        pub name: &'a str,
        pub email: &'a str,
        pub phone: &'a str,
    }

    /// Checks and stores a report; returns the ticket's number.
    pub async fn report(call: &Call, r: &Report<'_>) -> Result<String, AppError> {
        crate::auth::rate_limit::take(&call.state.limits.reports, call.client.rate_key())
            .map_err(AppError::form)?;
        let user = crate::auth::session::signed_in(&call.session).await?;
        let mut problems = Problems::default();
        let topic = SupportTopic::from_code(r.topic);
        if topic.is_none() {
            problems.add("topic", Problem::Required);
        }
        let description = r.description.trim();
        if description.is_empty() {
            problems.add("description", Problem::Required);
        } else if description.chars().count() > DESCRIPTION_MAX {
            problems.add(
                "description",
                Problem::TooLong {
                    max: DESCRIPTION_MAX as u32,
                },
            );
        }
        let page = r.page.trim();
        if page.chars().count() > 300 {
            problems.add("page", Problem::TooLong { max: 300 });
        }
        let name = problems
            .check("name", crate::validate::optional_name(r.name))
            .flatten();
        // Signed out, a reply needs an email address or a phone number (either will do).
        let (mut email, mut phone) = (None, None);
        if user.is_none() {
            if !r.email.trim().is_empty() {
                email = problems.check("email", crate::validate::email(r.email));
            }
            if !r.phone.trim().is_empty() {
                phone = problems.check("phone", crate::auth::phone::normalise(r.phone));
            }
            if r.email.trim().is_empty() && r.phone.trim().is_empty() {
                problems.add("email", Problem::Required);
            }
        }
        problems.into_result()?;
        let random = &call.state.random;
        let number = support::create(
            &call.state.db,
            || ticket_number(random.bits()),
            &NewTicket {
                user_id: user.map(|u| u.user_id),
                name: name.as_deref(),
                email: email.as_deref(),
                phone: phone.as_deref(),
                topic: topic.map(|t| t.code()).unwrap_or("other"),
                page: (!page.is_empty()).then_some(page),
                description,
                language: use_lang().code(),
            },
        )
        .await?;
        Ok(number)
    }

    /// "T-" and six characters that cannot be mistaken for one another when read out (30
    /// of the random bits).
    fn ticket_number(random: u64) -> String {
        const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        let code: String = (0..6)
            .map(|i| ALPHABET[((random >> (i * 5)) & 31) as usize] as char)
            .collect();
        format!("T-{code}")
    }

    pub async fn tickets(call: &Call, status: &str) -> Result<TicketList, AppError> {
        let status = TicketStatus::from_code(status);
        let rows = support::list(&call.state.db, status.map(|s| s.code()), LIST_LIMIT).await?;
        Ok(TicketList {
            status: status.map(|s| s.code().to_string()).unwrap_or_default(),
            tickets: rows.into_iter().map(ticket).collect(),
        })
    }

    fn ticket(row: TicketRow) -> Ticket {
        let from_account = row.user_id.is_some();
        let reply_to = if from_account {
            [row.account_email, row.account_phone]
        } else {
            [row.email, row.phone]
        }
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        Ticket {
            number: row.number,
            topic: SupportTopic::from_code(&row.topic).unwrap_or(SupportTopic::Other),
            status: TicketStatus::from_code(&row.status).unwrap_or(TicketStatus::Open),
            reply_to,
            from_account,
            name: row.name,
            page: row.page,
            description: row.description,
            created_at: crate::shown::nairobi(row.created_at),
            updated_at: crate::shown::nairobi(row.updated_at),
        }
    }

    pub async fn set_status(
        call: &Call,
        admin: &Staff,
        number: &str,
        status: &str,
    ) -> Result<(), AppError> {
        let status = TicketStatus::from_code(status)
            .ok_or_else(|| AppError::field("status", Problem::Required))?;
        if !support::set_status(&call.state.db, number, status.code(), admin.user_id).await? {
            return Err(AppError::NotFound);
        }
        call.audit(
            &admin.who(call, "administrator", None),
            "set_ticket_status",
            None,
            &format!("ticket:{number}"),
            serde_json::json!({ "status": status.code() }),
        )
        .await
    }
}
