//! An application's states and the moves allowed between them — the whole table in one
//! place, so a status cannot change any other way.
//!
//! ```text
//! Draft ─▶ AwaitingPayment ─▶ Submitted ─▶ Processing ─▶ InfoRequested ⇄ Resubmitted
//!   └──────(free service)──────▲            │  ▲                              │
//!                                           ▼  └──────────────────────────────┘
//!                          Approved / Rejected (with a reason)
//!                             └─▶ ReadyForCollection (at a place) ─▶ Collected
//! ```

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    Draft,
    AwaitingPayment,
    Submitted,
    Processing,
    InfoRequested,
    Resubmitted,
    Approved,
    Rejected,
    ReadyForCollection,
    Collected,
}

/// Who made a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    /// The applicant (or the guardian applying for a child).
    Citizen,
    /// Staff of the agency that offers the service.
    Officer,
    /// The portal itself (a payment arriving).
    System,
}

/// One allowed move: from, to, and who may make it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Move {
    pub from: Status,
    pub to: Status,
    pub by: Actor,
}

const fn m(from: Status, to: Status, by: Actor) -> Move {
    Move { from, to, by }
}

use Actor::{Citizen, Officer, System};
use Status::*;

/// Every allowed move. Anything not here is refused.
pub const MOVES: &[Move] = &[
    m(Draft, AwaitingPayment, Citizen),
    // A free service: nothing to pay, submitted when sent.
    m(Draft, Submitted, Citizen),
    // Only a payment submits a paid application.
    m(AwaitingPayment, Submitted, System),
    m(Submitted, Processing, Officer),
    m(Processing, InfoRequested, Officer),
    m(InfoRequested, Resubmitted, Citizen),
    m(Resubmitted, Processing, Officer),
    m(Resubmitted, InfoRequested, Officer),
    m(Processing, Approved, Officer),
    m(Resubmitted, Approved, Officer),
    m(Processing, Rejected, Officer),
    m(Resubmitted, Rejected, Officer),
    m(Approved, ReadyForCollection, Officer),
    m(ReadyForCollection, Collected, Officer),
];

/// Why a move was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    #[error("no move from {0:?} to {1:?}")]
    NotAllowed(Status, Status),
    #[error("{2:?} may not move an application from {0:?} to {1:?}")]
    WrongActor(Status, Status, Actor),
    /// A refusal must say why; a request for information must say what.
    #[error("this move needs a note")]
    NoteRequired,
    /// "Ready for collection" must say where.
    #[error("this move needs a place")]
    PlaceRequired,
}

/// Checks a move against the table: allowed at all, by this actor, with what it must carry.
pub fn check(
    from: Status,
    to: Status,
    by: Actor,
    has_note: bool,
    has_place: bool,
) -> Result<(), MoveError> {
    let allowed: Vec<&Move> = MOVES
        .iter()
        .filter(|m| m.from == from && m.to == to)
        .collect();
    if allowed.is_empty() {
        return Err(MoveError::NotAllowed(from, to));
    }
    if !allowed.iter().any(|m| m.by == by) {
        return Err(MoveError::WrongActor(from, to, by));
    }
    if to.needs_note() && !has_note {
        return Err(MoveError::NoteRequired);
    }
    if to == ReadyForCollection && !has_place {
        return Err(MoveError::PlaceRequired);
    }
    Ok(())
}

impl Status {
    pub const ALL: [Status; 10] = [
        Draft,
        AwaitingPayment,
        Submitted,
        Processing,
        InfoRequested,
        Resubmitted,
        Approved,
        Rejected,
        ReadyForCollection,
        Collected,
    ];

    /// The code stored in `applications.status`.
    pub fn code(self) -> &'static str {
        match self {
            Draft => "draft",
            AwaitingPayment => "awaiting_payment",
            Submitted => "submitted",
            Processing => "processing",
            InfoRequested => "info_requested",
            Resubmitted => "resubmitted",
            Approved => "approved",
            Rejected => "rejected",
            ReadyForCollection => "ready_for_collection",
            Collected => "collected",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Where an application can go next (any actor).
    pub fn next(self) -> impl Iterator<Item = Status> {
        MOVES.iter().filter(move |m| m.from == self).map(|m| m.to)
    }

    /// Nothing more happens: collected, or refused.
    pub fn is_final(self) -> bool {
        self.next().next().is_none()
    }

    /// Sent and paid: the agency has it (the expected date counts from here).
    pub fn is_with_agency(self) -> bool {
        !matches!(self, Draft | AwaitingPayment)
    }

    /// Still being decided: the expected date is worth showing.
    pub fn is_pending_decision(self) -> bool {
        matches!(self, Submitted | Processing | InfoRequested | Resubmitted)
    }

    fn needs_note(self) -> bool {
        matches!(self, Rejected | InfoRequested)
    }
}

impl Actor {
    pub fn code(self) -> &'static str {
        match self {
            Citizen => "citizen",
            Officer => "officer",
            System => "system",
        }
    }

    pub fn from_code(code: &str) -> Option<Actor> {
        [Citizen, Officer, System]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

#[cfg(test)]
mod tests;
