//! Separation of duties in the back office: nobody works on an application they applied
//! for, and an application is moved on by the one who holds it.
//!
//! Holding an application (claimed from the queue, or given by a supervisor:
//! `applications.assigned_to`) is what makes it someone's work. Every decision on it —
//! asking for more information, approving, refusing, recording who collected the
//! document — needs the caller to hold it, whatever their rank, so each decision has one
//! accountable person. Starting to process an application nobody holds takes it on.
//! Marking an approved application ready for collection is logistics rather than a
//! decision: supervisors and administrators do it without holding it (alone or in bulk).
//! Each refusal is written to the audit log.

use super::access::Standing;
use crate::data::audit::{Entry, Who};
use crate::data::tracking::HeldBy;
use crate::data::Db;
use crate::error::AppError;
use crate::tracking::Status;

/// Who must hold an application for `me`, acting with `standing`, to move it to `to`.
pub fn holding_needed(standing: Standing, to: Status, me: i64) -> HeldBy {
    match to {
        Status::Processing => HeldBy::UserOrNobody(me),
        Status::ReadyForCollection if standing.supervises() => HeldBy::Anyone,
        _ => HeldBy::User(me),
    }
}

/// Refuses a staff action on application `application_id`: the attempt is written to the
/// audit log (`action`, with `detail`), and the answer is `Forbidden`.
pub async fn refuse(
    db: &Db,
    who: &Who,
    application_id: i64,
    action: &str,
    detail: serde_json::Value,
) -> AppError {
    let entry = Entry {
        who,
        action,
        application_id: Some(application_id),
        subject: &format!("application:{application_id}"),
        detail: &detail.to_string(),
    };
    match crate::data::audit::record(db, &entry).await {
        Ok(_) => AppError::Forbidden,
        Err(error) => error.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const ME: i64 = 7;
    const OTHER: i64 = 8;

    #[rstest]
    #[case(Standing::Officer, Status::Processing, None, true)]
    #[case(Standing::Officer, Status::Processing, Some(ME), true)]
    #[case(Standing::Officer, Status::Processing, Some(OTHER), false)]
    #[case(Standing::Officer, Status::Approved, None, false)]
    #[case(Standing::Officer, Status::Approved, Some(OTHER), false)]
    #[case(Standing::Officer, Status::Approved, Some(ME), true)]
    #[case(Standing::Officer, Status::Rejected, None, false)]
    #[case(Standing::Officer, Status::InfoRequested, None, false)]
    #[case(Standing::Officer, Status::ReadyForCollection, None, false)]
    #[case(Standing::Officer, Status::Collected, Some(OTHER), false)]
    #[case(Standing::Officer, Status::Collected, Some(ME), true)]
    #[case(Standing::Supervisor, Status::Approved, None, false)]
    #[case(Standing::Supervisor, Status::Approved, Some(ME), true)]
    #[case(Standing::Supervisor, Status::ReadyForCollection, None, true)]
    #[case(Standing::Supervisor, Status::ReadyForCollection, Some(OTHER), true)]
    #[case(Standing::Administrator, Status::Collected, None, false)]
    #[case(Standing::Administrator, Status::ReadyForCollection, Some(OTHER), true)]
    fn who_may_move(
        #[case] standing: Standing,
        #[case] to: Status,
        #[case] holder: Option<i64>,
        #[case] allowed: bool,
    ) {
        assert_eq!(
            holding_needed(standing, to, ME).allows(holder),
            allowed,
            "{standing:?} to {to:?} held by {holder:?}"
        );
    }
}
