//! What can be wrong with what a person typed, as codes rather than text: the page shows
//! each in the reader's language (`i18n`), and a code travels safely in a redirect URL when
//! a form posts without JavaScript (no values, only which field and what is wrong).

use serde::{Deserialize, Serialize};

/// The pseudo-field for a problem with the whole form rather than one answer.
pub const FORM: &str = "form";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong {
        max: u32,
    },
    EmailInvalid,
    EmailTaken,
    PhoneInvalid,
    PasswordTooShort {
        min: u32,
    },
    PasswordTooLong {
        max: u32,
    },
    /// In the lists of passwords people use most.
    PasswordCommon,
    /// Guessable from patterns: sequences, repeats, keyboard rows, dates.
    PasswordGuessable,
    /// Built from the person's own name, email or ID number.
    PasswordPersonal,
    IdNumberInvalid,
    NameInvalid,
    YearInvalid,
    DateInvalid,
    /// Nothing in the registry matched these details (and nothing more is said).
    NoMatch,
    /// This identity number already holds an account (whose is not said).
    IdentityTaken,
    CodeFormat,
    /// Not the code sent (how many tries are left is not said: an unknown account has none).
    CodeWrong,
    /// Expired, used, or too many wrong tries: a new code is needed.
    CodeExpired,
    ResendTooSoon {
        seconds: u32,
    },
    /// A password-reset link that expired or was used.
    LinkExpired,
    /// Not one of the person's unused recovery codes.
    RecoveryCodeWrong,
    /// The current password, asked again before a change, is not right.
    PasswordWrong,
    PhotoTooLarge {
        max_mb: u32,
    },
    PhotoType,
    PhotoUnreadable,
    /// Wrong email/ID number or password (never which of them).
    SignInFailed,
    AccountLocked {
        minutes: u32,
    },
    /// Too many wrong codes for this account: no code is accepted for a while.
    CodesPaused {
        minutes: u32,
    },
    TooManyAttempts {
        minutes: u32,
    },
    /// The passkey was refused, unknown, or the browser could not use one.
    PasskeyFailed,
    /// The browser made a passkey but it could not be saved.
    PasskeyNotAdded,
    /// The identity provider could not be reached.
    DigitalIdUnavailable,
    /// Signing in at the identity provider did not complete or its answer did not check out.
    DigitalIdFailed,
    /// Fewer characters than the question asks for.
    TooShort {
        min: u32,
    },
    /// A choice or yes/no question left unanswered, or answered with something not offered.
    ChooseOne,
    /// A required document or photo not uploaded yet.
    FileMissing,
    NumberInvalid,
    NumberTooSmall {
        min: i64,
    },
    NumberTooLarge {
        max: i64,
    },
    /// Before the earliest date allowed (`day`: days from the common era, as chrono counts).
    DateTooEarly {
        day: i32,
    },
    DateTooLate {
        day: i32,
    },
    /// Does not match the question's format (its hint says which).
    FormatWrong,
    /// An uploaded file over the size limit.
    FileTooLarge {
        max_mb: u32,
    },
    /// Not a PDF, JPEG or PNG (by its content, whatever its name says).
    FileType,
    /// Claims to be a PDF or image but cannot be read.
    FileUnreadable,
    /// A PDF protected by a password: officers could not open it.
    FileProtected,
    /// An image with more pixels than any photo or scan needs (often a file made to
    /// exhaust the server's memory when unpacked).
    ImageTooManyPixels {
        max_megapixels: u32,
    },
    /// A PDF that unpacks to far more than its size, or is built to be read over and over.
    PdfTooComplex,
    /// A passport photo that is not portrait-shaped like 35 × 45 mm.
    PhotoShape,
    /// A passport photo with too few pixels to print or check.
    PhotoTooSmall,
    /// The step before this one was not completed, or the session ran out.
    StartAgain,
    /// The declaration box was not ticked.
    DeclarationMissing,
    /// Not a Kenyan mobile number M-Pesa can reach.
    MpesaPhone,
    /// M-Pesa could not be reached or refused the request; nothing was charged.
    MpesaUnavailable,
    /// The application has unanswered or wrong answers (listed on "Check your answers").
    ApplicationIncomplete,
    /// Not shaped like a reference number.
    ReferenceInvalid,
    /// Shaped like one, but its check character says a character was mistyped.
    ReferenceTypo,
    /// No application has this reference with this year of birth or passport number
    /// (which of the two is wrong is never said).
    TrackNoMatch,
    /// A push subscription the browser made could not be saved (not a push service's
    /// address, or keys of the wrong shape).
    PushRefused,
    /// This browser's push subscription belongs to another account (one signed in here
    /// before): it is not moved to someone else.
    PushElsewhere,
    /// Someone else changed the application first (claimed it, moved it on): look again.
    StaleAction,
    /// The time chosen was booked up meanwhile (or is no longer offered).
    SlotTaken,
    /// A booking less than a day away can no longer be moved or cancelled online.
    BookingTooLate,
    /// A booking can be moved twice at most.
    BookingChangedTooOften,
    /// Not lower-case letters, digits and single dashes.
    SlugInvalid,
    /// Another agency already has this address.
    SlugTaken,
    /// Not an https address people can open.
    UrlInvalid,
    /// Opening hours not written like "Mon-Fri 8-17".
    HoursInvalid,
    /// The larger of two numbers is smaller than the other.
    RangeReversed,
    /// No active portal account has this email address.
    NoSuchAccount,
    /// The service chosen is not one the agency offers (or the role is not an officer's).
    ServiceNotOfAgency,
    /// The person holds this role already.
    RoleHeld,
    /// An administrator cannot remove their own administrator role or disable themselves.
    OwnAdministrator,
}

/// One problem with one field (`field` is the input's `name`, or [`FORM`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
    /// What the problem says in the reader's language, for the browser to show: the server
    /// writes it into the errors a server function answers with (server/src/api_status.rs),
    /// an island into one it makes itself. So no island needs the table of what every
    /// problem says, in both languages, in its wasm. Empty elsewhere: a redirect carries
    /// codes only, and the server's own drawing looks the words up (`text`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, problem: Problem) -> FieldError {
        FieldError {
            field: field.to_string(),
            problem,
            message: String::new(),
        }
    }

    /// A problem an island found itself, with its words (from the island's own strings).
    pub fn said(field: &str, problem: Problem, message: impl Into<String>) -> FieldError {
        FieldError {
            message: message.into(),
            ..FieldError::new(field, problem)
        }
    }

    /// What to show for this problem: on the server, the words of `lang`; in the browser,
    /// the words the server (or the island) wrote into it.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        #[cfg(feature = "ssr")]
        {
            lang.problem(self.problem)
        }
        #[cfg(not(feature = "ssr"))]
        {
            if self.message.is_empty() {
                lang.forms().error_summary_title.to_string()
            } else {
                self.message.clone()
            }
        }
    }

    /// With its words in `lang` (the server, before the error goes to the browser).
    #[cfg(feature = "ssr")]
    pub fn in_words(self, lang: crate::i18n::Lang) -> FieldError {
        FieldError {
            message: lang.problem(self.problem),
            ..self
        }
    }
}

/// Collects problems while checking a form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    /// Records the error of a check that returns the cleaned value, and passes the value on.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.add(field, problem);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was wrong, else the problems as an error.
    pub fn into_result(self) -> Result<(), crate::error::AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(crate::error::AppError::Invalid(self.0))
        }
    }
}
