use super::*;
use rstest::rstest;

/// The whole table written out again as (from, to, actor): every pair of states is checked
/// against it, so a move added or lost in `MOVES` fails here.
const EXPECTED: &[(Status, Status, Actor)] = &[
    (Draft, AwaitingPayment, Citizen),
    (Draft, Submitted, Citizen),
    (AwaitingPayment, Submitted, System),
    (Submitted, Processing, Officer),
    (Processing, InfoRequested, Officer),
    (InfoRequested, Resubmitted, Citizen),
    (Resubmitted, Processing, Officer),
    (Resubmitted, InfoRequested, Officer),
    (Processing, Approved, Officer),
    (Resubmitted, Approved, Officer),
    (Processing, Rejected, Officer),
    (Resubmitted, Rejected, Officer),
    (Approved, ReadyForCollection, Officer),
    (ReadyForCollection, Collected, Officer),
];

#[test]
fn every_pair_of_states_is_allowed_only_as_the_table_says() {
    for from in Status::ALL {
        for to in Status::ALL {
            for by in [Citizen, Officer, System] {
                let expected = EXPECTED.contains(&(from, to, by));
                // Notes and places given, so only the table decides.
                let got = check(from, to, by, true, true);
                assert_eq!(
                    got.is_ok(),
                    expected,
                    "{from:?} -> {to:?} by {by:?}: {got:?}"
                );
                if !expected {
                    let pair_exists = EXPECTED.iter().any(|(f, t, _)| *f == from && *t == to);
                    let want = if pair_exists {
                        MoveError::WrongActor(from, to, by)
                    } else {
                        MoveError::NotAllowed(from, to)
                    };
                    assert_eq!(got, Err(want));
                }
            }
        }
    }
}

#[rstest]
#[case(Processing, Rejected)]
#[case(Resubmitted, Rejected)]
#[case(Processing, InfoRequested)]
#[case(Resubmitted, InfoRequested)]
fn refusals_and_requests_must_say_why(#[case] from: Status, #[case] to: Status) {
    assert_eq!(
        check(from, to, Officer, false, true),
        Err(MoveError::NoteRequired)
    );
    assert_eq!(check(from, to, Officer, true, true), Ok(()));
}

#[test]
fn ready_for_collection_must_say_where() {
    assert_eq!(
        check(Approved, ReadyForCollection, Officer, false, false),
        Err(MoveError::PlaceRequired)
    );
    assert_eq!(
        check(Approved, ReadyForCollection, Officer, false, true),
        Ok(())
    );
}

#[test]
fn an_answer_and_an_approval_need_no_note() {
    assert_eq!(
        check(InfoRequested, Resubmitted, Citizen, false, false),
        Ok(())
    );
    assert_eq!(check(Processing, Approved, Officer, false, false), Ok(()));
}

#[test]
fn codes_round_trip_and_are_distinct() {
    for status in Status::ALL {
        assert_eq!(Status::from_code(status.code()), Some(status));
    }
    assert_eq!(Status::from_code("sent"), None);
    for actor in [Citizen, Officer, System] {
        assert_eq!(Actor::from_code(actor.code()), Some(actor));
    }
}

#[test]
fn only_collected_and_rejected_are_final() {
    let finals: Vec<Status> = Status::ALL.into_iter().filter(|s| s.is_final()).collect();
    assert_eq!(finals, vec![Rejected, Collected]);
}

#[test]
fn every_state_but_draft_can_be_reached() {
    for status in Status::ALL.into_iter().filter(|s| *s != Draft) {
        assert!(
            MOVES.iter().any(|m| m.to == status),
            "{status:?} unreachable"
        );
    }
}
