//! The words of sending a file from the page: its progress, and a file too large to send.
//! A group of its own because the upload code in the wasm says them: the applications group
//! stays on the server.

pub struct UploadStrings {
    pub uploading: fn(u32) -> String,
    /// Also what the server says for `Problem::FileTooLarge`, so both say the same.
    pub too_large: fn(u32) -> String,
}
