//! The words of the installable app: its manifest (name, shortcuts), the offline page, and
//! the note on a page shown from the copy saved on the phone.

pub struct OfflineStrings {
    // Web app manifest
    pub app_name: &'static str,
    pub app_short_name: &'static str,
    pub app_description: &'static str,
    pub shortcut_track: &'static str,
    pub shortcut_track_short: &'static str,
    pub shortcut_applications: &'static str,
    pub shortcut_applications_short: &'static str,

    // The offline page
    pub title: &'static str,
    pub intro: &'static str,
    pub saved_pages: &'static str,
    pub no_saved_pages: &'static str,
    pub never_offline: &'static str,
    pub try_again: &'static str,

    // A page shown from the saved copy: "Saved on this phone <time>. It may be …"
    pub saved_copy_before: &'static str,
    pub saved_copy_after: &'static str,

    // Drafts kept on the phone (app/src/drafts)
    /// Said under the part's questions once the server has the answers.
    pub autosaved: &'static str,
    pub draft_on_phone: &'static str,
    pub draft_sent: &'static str,
    /// Both changed; what this phone typed was newer and was kept. Takes the questions.
    pub draft_phone_won: fn(&str) -> String,
    /// Both changed; the other copy was newer and was kept. Takes the questions.
    pub draft_server_won: fn(&str) -> String,
    pub draft_typed_here: &'static str,
    pub draft_shared_computer: &'static str,
    /// Offline before the page could fetch what keeps answers or files on the phone.
    pub draft_not_kept: &'static str,
    pub file_not_kept: &'static str,
    /// A file kept to upload later. Takes its name.
    pub file_on_phone: fn(&str) -> String,
    pub file_too_big_offline: fn(u32) -> String,
    /// Sending or paying: the button waits for the connection.
    pub needs_connection: &'static str,
}
