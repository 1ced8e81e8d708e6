//! The USSD menu, as Africa's Talking's USSD gateway drives it: every screen is a new
//! request carrying everything typed so far in `text`, `*`-separated ("1*PPR-…*1988"), and
//! the answer starts with `CON ` (wait for more) or `END ` (close the session).
//!
//! The path is replayed from the start on every request, so the menu keeps no state of its
//! own: a wrong answer shows the same question again with what was wrong, and `0` goes
//! back to the main menu.

use super::lookup;
use super::texts::texts;
use app::auth::rate_limit::{take_text, RateLimits};
use app::data::{applications, places, Db};
use app::forms::reference::{Reference, ReferenceError};
use app::i18n::Lang;

/// A USSD screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Shown, waiting for input.
    Con(String),
    /// Shown, session over.
    End(String),
}

impl Screen {
    pub fn into_text(self) -> String {
        let (head, body) = match self {
            Screen::Con(body) => ("CON ", body),
            Screen::End(body) => ("END ", body),
        };
        // Gateways cut a screen at 182 characters; cut it ourselves, on a character.
        let body: String = body.chars().take(178).collect();
        format!("{head}{body}")
    }
}

enum Step {
    Menu,
    AskReference,
    AskProof(Reference),
    AskCounty,
}

/// Answers one USSD request from `phone` (E.164) that has typed `text` so far; the menu
/// starts in `lang` (the registered number's language, else English).
pub async fn answer(
    db: &Db,
    limits: &RateLimits,
    phone: &str,
    mut lang: Lang,
    text: &str,
) -> anyhow::Result<Screen> {
    let inputs: Vec<&str> = if text.is_empty() {
        Vec::new()
    } else {
        text.split('*').map(str::trim).collect()
    };
    let mut step = Step::Menu;
    // A problem with the last answer, shown above the question asked again.
    let mut problem: Option<&'static str> = None;
    for input in inputs {
        let t = texts(lang);
        problem = None;
        step = match step {
            Step::Menu => match input {
                "1" => Step::AskReference,
                "2" => return recent(db, phone, lang).await,
                "3" => Step::AskCounty,
                "4" => {
                    lang = lang.other();
                    Step::Menu
                }
                _ => {
                    problem = Some(t.invalid_choice);
                    Step::Menu
                }
            },
            Step::AskReference if input == "0" => Step::Menu,
            Step::AskReference => match Reference::parse(input) {
                Ok(reference) => Step::AskProof(reference),
                Err(ReferenceError::Typo) => {
                    problem = Some(t.reference_typo);
                    Step::AskReference
                }
                Err(_) => {
                    problem = Some(t.reference_invalid);
                    Step::AskReference
                }
            },
            Step::AskProof(reference) => {
                // Proofs for one reference are limited whichever phone tries them.
                if take_text(&limits.track_reference, &reference.to_string()).is_err() {
                    return Ok(Screen::End(t.too_many_for_reference.to_string()));
                }
                return Ok(
                    match app::api::tracking::server::proved(db, &reference.to_string(), input)
                        .await?
                    {
                        Some(row) => Screen::End(lookup::status_line(db, &row, lang).await?),
                        None => Screen::End(t.not_found.to_string()),
                    },
                );
            }
            Step::AskCounty if input == "0" => Step::Menu,
            Step::AskCounty => {
                let centres = places::huduma_centres_in(db, input).await?;
                if centres.is_empty() {
                    return Ok(Screen::Con(format!(
                        "{}\n{}",
                        (t.no_centre)(input),
                        t.ask_county
                    )));
                }
                let lines: Vec<String> = centres
                    .iter()
                    .take(3)
                    .map(|p| format!("{}: {}, {}", p.name(lang), p.address(lang), p.hours_short))
                    .collect();
                return Ok(Screen::End(lines.join("\n")));
            }
        };
    }
    let t = texts(lang);
    let question = match step {
        Step::Menu => t.menu,
        Step::AskReference => t.ask_reference,
        Step::AskProof(_) => t.ask_proof,
        Step::AskCounty => t.ask_county,
    };
    Ok(Screen::Con(match problem {
        Some(p) => format!("{p}\n{question}"),
        None => question.to_string(),
    }))
}

async fn recent(db: &Db, phone: &str, lang: Lang) -> anyhow::Result<Screen> {
    let t = texts(lang);
    let rows = applications::recent_for_phone(db, phone, 3).await?;
    if rows.is_empty() {
        return Ok(Screen::End(t.none_for_phone.to_string()));
    }
    let status = lang.tracking().status;
    let lines: Vec<String> = rows
        .iter()
        .map(|r| {
            let label = app::tracking::Status::from_code(&r.status)
                .map(status)
                .unwrap_or_default();
            format!("{}: {label}", r.reference.clone().unwrap_or_default())
        })
        .collect();
    Ok(Screen::End(format!(
        "{}\n{}",
        t.your_applications,
        lines.join("\n")
    )))
}
