use crate::i18n::offline::OfflineStrings;

pub static SW_OFFLINE: OfflineStrings = OfflineStrings {
    app_name: "Uraia – Huduma za Serikali ya Kenya",
    app_short_name: "Uraia",
    app_description: "Omba huduma za serikali, lipa kwa M-Pesa na ufuatilie maombi yako.",
    shortcut_track: "Fuatilia ombi",
    shortcut_track_short: "Fuatilia",
    shortcut_applications: "Maombi yangu",
    shortcut_applications_short: "Maombi",
    title: "Uko nje ya mtandao",
    intro: "Simu hii haiwezi kufikia Uraia kwa sasa. Kurasa ulizofungua awali zimehifadhiwa kwenye simu hii, na bado unaweza kuzisoma.",
    saved_pages: "Zilizohifadhiwa kwenye simu hii",
    no_saved_pages: "Bado hakuna kurasa zilizohifadhiwa. Kurasa unazofungua ukiwa mtandaoni huhifadhiwa hapa, isipokuwa uliingia kwenye kompyuta ya pamoja.",
    never_offline: "Kutuma ombi na kulipa kunahitaji mtandao: hayajaribiwi kamwe bila mtandao.",
    try_again: "Jaribu tena",
    saved_copy_before: "Imehifadhiwa kwenye simu hii ",
    saved_copy_after: ". Huenda si ya sasa: uko nje ya mtandao.",
};
