//! What feature phones are told, in English and Kiswahili: USSD screens (at most 182
//! characters) and SMS replies (one 160-character segment).

use app::i18n::Lang;

pub struct Texts {
    pub menu: &'static str,
    pub invalid_choice: &'static str,
    pub ask_reference: &'static str,
    pub reference_invalid: &'static str,
    pub reference_typo: &'static str,
    pub ask_proof: &'static str,
    pub not_found: &'static str,
    pub none_for_phone: &'static str,
    pub your_applications: &'static str,
    pub ask_county: &'static str,
    pub no_centre: fn(&str) -> String,
    pub expected_by: fn(&str) -> String,
    pub at_place: fn(&str, &str) -> String,
    pub sms_usage: &'static str,
    pub sms_not_found: &'static str,
    pub too_many: &'static str,
    pub too_many_for_reference: &'static str,
    pub unavailable: &'static str,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Sw => &SW,
    }
}

static EN: Texts = Texts {
    menu: "Uraia government services\n1. Track an application\n2. My applications\n3. Huduma Centres\n4. Kiswahili",
    invalid_choice: "That is not one of the choices.",
    ask_reference: "Enter the reference number, e.g. PPR-2026-7K3M-9QX2U\n0. Back",
    reference_invalid: "That is not a reference number.",
    reference_typo: "One character of that reference looks mistyped.",
    ask_proof: "Enter the applicant's year of birth (visitors: passport number)",
    not_found: "No application matches that reference and year of birth. Check both and dial again.",
    none_for_phone: "No sent applications are registered to this phone number.",
    your_applications: "Your applications:",
    ask_county: "Enter your county, e.g. Nakuru\n0. Back",
    no_centre: |c| format!("No Huduma Centre found for \"{c}\"."),
    expected_by: |d| format!("Decision expected by {d}."),
    at_place: |p, h| format!("Collect at {p} ({h})."),
    sms_usage: "Uraia: to track an application, send its reference number and the applicant's year of birth, e.g. PPR-2026-7K3M-9QX2U 1988.",
    sms_not_found: "Uraia: no application matches. Send the reference number and the applicant's year of birth, e.g. PPR-2026-7K3M-9QX2U 1988.",
    too_many: "Too many requests from this phone. Try again in a few minutes.",
    too_many_for_reference: "Too many tries for this reference number. Try again in an hour, or sign in at the portal.",
    unavailable: "Uraia is not available right now. Please try again later.",
};

static SW: Texts = Texts {
    menu: "Huduma za serikali Uraia\n1. Fuatilia ombi\n2. Maombi yangu\n3. Vituo vya Huduma\n4. English",
    invalid_choice: "Hilo si mojawapo ya machaguo.",
    ask_reference: "Andika nambari ya kumbukumbu, k.m. PPR-2026-7K3M-9QX2U\n0. Rudi",
    reference_invalid: "Hiyo si nambari ya kumbukumbu.",
    reference_typo: "Herufi moja ya kumbukumbu hiyo inaonekana kukosewa.",
    ask_proof: "Andika mwaka wa kuzaliwa wa mwombaji (wageni: nambari ya pasipoti)",
    not_found: "Hakuna ombi linalolingana na kumbukumbu hiyo na mwaka huo. Kagua vyote kisha piga tena.",
    none_for_phone: "Hakuna maombi yaliyotumwa yaliyosajiliwa kwa nambari hii ya simu.",
    your_applications: "Maombi yako:",
    ask_county: "Andika kaunti yako, k.m. Nakuru\n0. Rudi",
    no_centre: |c| format!("Hakuna Kituo cha Huduma kilichopatikana kwa \"{c}\"."),
    expected_by: |d| format!("Uamuzi unatarajiwa kufikia {d}."),
    at_place: |p, h| format!("Chukua {p} ({h})."),
    sms_usage: "Uraia: kufuatilia ombi, tuma nambari yake ya kumbukumbu na mwaka wa kuzaliwa wa mwombaji, k.m. PPR-2026-7K3M-9QX2U 1988.",
    sms_not_found: "Uraia: hakuna ombi linalolingana. Tuma nambari ya kumbukumbu na mwaka wa kuzaliwa wa mwombaji, k.m. PPR-2026-7K3M-9QX2U 1988.",
    too_many: "Maombi mengi mno kutoka simu hii. Jaribu tena baada ya dakika chache.",
    too_many_for_reference: "Majaribio mengi mno kwa nambari hii ya kumbukumbu. Jaribu tena baada ya saa moja, au ingia kwenye tovuti.",
    unavailable: "Uraia haipatikani kwa sasa. Tafadhali jaribu tena baadaye.",
};
