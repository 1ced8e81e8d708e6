use crate::i18n::offline::OfflineStrings;

pub static EN_OFFLINE: OfflineStrings = OfflineStrings {
    app_name: "Uraia – Kenya government services",
    app_short_name: "Uraia",
    app_description: "Apply for government services, pay by M-Pesa and follow your applications.",
    shortcut_track: "Track an application",
    shortcut_track_short: "Track",
    shortcut_applications: "My applications",
    shortcut_applications_short: "Applications",
    title: "You are offline",
    intro: "This phone cannot reach Uraia just now. Pages you opened before are saved on this phone, and you can still read them.",
    saved_pages: "Saved on this phone",
    no_saved_pages: "No pages are saved yet. Pages you open while online are kept here, unless you signed in on a shared computer.",
    never_offline: "Sending an application and paying need a connection: they are never tried offline.",
    try_again: "Try again",
    saved_copy_before: "Saved on this phone ",
    saved_copy_after: ". It may be out of date: you are offline.",
};
