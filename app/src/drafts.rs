//! Drafts that work offline. After hydration a part's answers are also kept on the phone as
//! they are typed (`device`, IndexedDB); when the connection is gone they wait there, and
//! when it is back they are sent and merged with the server's copy (`merge`: a question
//! changed on one side takes that side; one changed on both, the newer side). Files chosen
//! offline are kept too and sent on reconnect in resumable chunks (`chunks`). Sending the
//! application and paying are never tried offline.

pub mod merge;

#[cfg(feature = "hydrate")]
pub mod chunks;
#[cfg(feature = "hydrate")]
pub mod device;
#[cfg(feature = "hydrate")]
pub mod kept;

/// What a function of a split module gives when called: its work, once its module is
/// loaded, or why the module could not be (offline before it was ever fetched).
///
/// The drafts code is one split module, `uraia_drafts` (each of its functions is marked
/// `#[wasm_split(uraia_drafts, …, fallible)]`): IndexedDB, the sync, chunked uploads,
/// fetched only when there is something to keep or send, and ahead of that on a page the
/// service worker keeps working offline (`part_live.rs`). Uploads from the page are
/// another, `uraia_uploads`. Fallible, unlike `#[lazy]`: a module that cannot be loaded is
/// an error the caller handles, not a panic that stops the page's wasm.
#[cfg(feature = "hydrate")]
pub type Later<T> = Result<
    std::pin::Pin<Box<dyn std::future::Future<Output = T>>>,
    leptos::wasm_split::SplitLoaderError,
>;

use crate::forms::Answers;
use serde::{Deserialize, Serialize};

/// A part's answers typed on this phone and not yet with the server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalDraft {
    /// The part's answers as typed.
    pub answers: Answers,
    /// The part's answers as the phone last knew the server to have them.
    pub base: Answers,
    /// When they were typed (milliseconds since 1970, the phone's clock).
    pub typed_at: f64,
}

/// A file chosen for a question while offline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalFile {
    pub question: String,
    pub name: String,
    /// The resumable upload it is going up in, once started.
    pub upload: Option<String>,
}

/// Each chunk of a resumable upload is at most this big: small enough to get through on a
/// weak connection, so a dropped one costs little to send again.
pub const CHUNK_BYTES: usize = 256 * 1024;
