//! "Report a problem", on SQLite and PostgreSQL: what a report needs (and that what was
//! typed is kept when something is missing), a report signed out with a phone and one tied
//! to a signed-in account, and administrators alone reading and moving them along.

use crate::browser::{administrator, citizen, Browser};
use crate::support::{on_both_backends, TestApp};

const FROM: &str = "/help/report";

async fn a_problem_report_reaches_the_administrators(app: &TestApp) {
    let mut visitor = Browser::new(app);
    let form = visitor.get(FROM).await;
    assert_eq!(form.status, 200);
    assert!(form.text().contains("Report a problem"));
    assert!(
        form.text().contains("How we reply"),
        "signed out, it asks how to reply"
    );

    // No way to reply: refused beside the field, what was typed kept.
    let res = visitor
        .call(
            "/api/support/report",
            &[("topic", "payment"), ("description", "Paid twice")],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("\"email\""), "{}", res.text());
    let res = visitor
        .post_form(
            "/api/support/report",
            FROM,
            &[
                ("topic", "payment"),
                ("description", "I paid but it still waits."),
                ("email", "not an address"),
            ],
        )
        .await;
    let page = visitor
        .follow_location(res.header("location").unwrap())
        .await
        .text();
    assert!(page.contains("I paid but it still waits."), "kept: {page}");
    assert!(page.contains("field__error"), "{page}");

    let res = visitor
        .post_form(
            "/api/support/report",
            FROM,
            &[
                ("topic", "payment"),
                (
                    "description",
                    "I paid KES 550 by M-Pesa but the application still waits.",
                ),
                ("page", "LDS-2026-7K3M-9QX2U"),
                ("name", "Achieng Otieno"),
                ("phone", "0712 345 678"),
            ],
        )
        .await;
    let to = res.header("location").unwrap_or_default().to_string();
    assert!(to.starts_with("/help/report?sent=T-"), "{to}");
    let number = to.trim_start_matches("/help/report?sent=").to_string();
    let sent = visitor.get(&to).await.text();
    assert!(
        sent.contains("your report is sent") && sent.contains(&number),
        "{sent}"
    );

    // Signed in: tied to the account, no contact asked for.
    let mut c = citizen(app).await;
    assert!(c.get(FROM).await.text().contains("You are signed in"));
    let res = c
        .call(
            "/api/support/report",
            &[("topic", "sign_in"), ("description", "The code came late.")],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text());

    // Only administrators read them.
    assert_eq!(
        c.call("/api/admin/tickets", &[]).await.status,
        403,
        "a citizen"
    );
    let mut admin = administrator(app).await;
    let list = admin.get("/staff/admin/tickets").await.text();
    for expected in [
        number.as_str(),
        "I paid KES 550 by M-Pesa",
        "Achieng Otieno",
        "+254712345678",
        "The code came late.",
        "wanjiku@example.com",
    ] {
        assert!(list.contains(expected), "{expected} not in the list");
    }
    // Moved along: closed, it leaves the open list; audited.
    let res = admin
        .call(
            "/api/admin/ticket-status",
            &[("number", number.as_str()), ("status", "closed")],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text());
    let open = admin.get("/staff/admin/tickets?status=open").await.text();
    assert!(!open.contains(&number) && open.contains("The code came late."));
    let closed = admin.get("/staff/admin/tickets?status=closed").await.text();
    assert!(closed.contains(&number));
    let audited: i64 = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'set_ticket_status'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(audited, 1);
    let res = admin
        .call(
            "/api/admin/ticket-status",
            &[("number", "T-NOSUCH"), ("status", "closed")],
        )
        .await;
    assert_eq!(res.status, 404);
}

on_both_backends!(a_problem_report_reaches_the_administrators);
