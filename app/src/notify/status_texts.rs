//! The words of a status-change message, in English and Kiswahili: an email with the
//! details, an SMS within one 160-character segment, and a push notification's title and
//! line.

use crate::i18n::Lang;
use crate::tracking::Status;

/// What a status message says.
pub struct StatusMessage<'a> {
    pub service: &'a str,
    pub reference: &'a str,
    pub status: Status,
    /// The officer's reason or request (email only: never in an SMS or on a lock screen).
    pub note: Option<&'a str>,
    /// Where to collect, with its short hours ("Huduma Centre Nakuru", "Mon-Fri 8-17").
    pub place: Option<(&'a str, &'a str)>,
    /// The application's page.
    pub link: &'a str,
}

impl StatusMessage<'_> {
    /// The SMS (and push line): the reference, what changed, what to do.
    pub fn short(&self, lang: Lang) -> String {
        let r = self.reference;
        match (lang, self.status) {
            (Lang::En, Status::Processing) => format!("Uraia: your application {r} is now being processed by the agency."),
            (Lang::En, Status::InfoRequested) => format!("Uraia: the agency needs more information for {r}. Sign in to Uraia, read the request and answer it."),
            (Lang::En, Status::Approved) => format!("Uraia: good news, {r} was approved. We will tell you where and when to collect it."),
            (Lang::En, Status::Rejected) => format!("Uraia: {r} was refused. Sign in to Uraia to see the reason."),
            (Lang::En, Status::ReadyForCollection) => match self.place {
                Some((name, hours)) => format!("Uraia: {r} is ready. Collect it at {name} ({hours}) with your ID."),
                None => format!("Uraia: {r} is ready for collection. Sign in to Uraia to see where."),
            },
            (Lang::En, Status::Collected) => format!("Uraia: {r} was collected. Thank you for using Uraia."),
            (Lang::En, _) => format!("Uraia: your application {r} has a new status. Sign in to Uraia to see it."),
            (Lang::Sw, Status::Processing) => format!("Uraia: ombi lako {r} sasa linashughulikiwa na idara."),
            (Lang::Sw, Status::InfoRequested) => format!("Uraia: idara inahitaji maelezo zaidi kwa {r}. Ingia Uraia, soma ombi lao na ulijibu."),
            (Lang::Sw, Status::Approved) => format!("Uraia: habari njema, {r} limeidhinishwa. Tutakujulisha mahali na wakati wa kulichukua."),
            (Lang::Sw, Status::Rejected) => format!("Uraia: {r} limekataliwa. Ingia Uraia kuona sababu."),
            (Lang::Sw, Status::ReadyForCollection) => match self.place {
                Some((name, hours)) => format!("Uraia: {r} liko tayari. Lichukue {name} ({hours}) na kitambulisho chako."),
                None => format!("Uraia: {r} liko tayari kuchukuliwa. Ingia Uraia kuona wapi."),
            },
            (Lang::Sw, Status::Collected) => format!("Uraia: {r} limechukuliwa. Asante kwa kutumia Uraia."),
            (Lang::Sw, _) => format!("Uraia: ombi lako {r} lina hali mpya. Ingia Uraia kuiona."),
        }
    }

    /// The email: (subject, body).
    pub fn email(&self, lang: Lang) -> (String, String) {
        let t = lang.tracking();
        let status = (t.status)(self.status);
        let mut body = match lang {
            Lang::En => format!(
                "Your application has a new status.\n\nService: {}\nReference: {}\nStatus: {status}\n",
                self.service, self.reference
            ),
            Lang::Sw => format!(
                "Ombi lako lina hali mpya.\n\nHuduma: {}\nKumbukumbu: {}\nHali: {status}\n",
                self.service, self.reference
            ),
        };
        if let Some(note) = self.note {
            let heading = match self.status {
                Status::InfoRequested => t.request_heading,
                _ => t.reason_heading,
            };
            body.push_str(&format!("\n{heading}:\n{note}\n"));
        }
        if let Some((name, hours)) = self.place {
            body.push_str(&format!(
                "\n{}: {name} ({hours})\n{}\n",
                t.collect_at, t.bring
            ));
        }
        if let Some(turn) = (t.your_turn)(self.status) {
            body.push_str(&format!("\n{turn}\n"));
        }
        body.push_str(&format!("\n{}\n\n{}\n", (t.next)(self.status), self.link));
        let subject = match lang {
            Lang::En => format!("{}: {status}", self.reference),
            Lang::Sw => format!("{}: {status}", self.reference),
        };
        (subject, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sms_fits_one_segment() {
        for lang in Lang::ALL {
            for status in Status::ALL {
                for place in [
                    None,
                    Some(("Huduma Centre Nairobi City Square", "Mon-Fri 8-17")),
                ] {
                    let m = StatusMessage {
                        service: "Renew a passport",
                        reference: "PPR-2026-7K3M-9QX2U",
                        status,
                        note: Some("A longer note that must never go into an SMS."),
                        place,
                        link: "https://uraia.example/applications/x",
                    };
                    let sms = m.short(lang);
                    assert!(
                        sms.chars().count() <= 160,
                        "{lang:?} {status:?}: {} chars: {sms}",
                        sms.chars().count()
                    );
                    assert!(sms.contains("PPR-2026-7K3M-9QX2U"));
                    assert!(!sms.contains("longer note"), "notes stay out of SMS");
                }
            }
        }
    }

    #[test]
    fn the_email_carries_the_note_the_place_and_the_link() {
        let m = StatusMessage {
            service: "Renew a passport",
            reference: "PPR-2026-7K3M-9QX2U",
            status: Status::InfoRequested,
            note: Some("Please send a clearer copy of your ID."),
            place: None,
            link: "https://uraia.example/applications/x/status",
        };
        let (subject, body) = m.email(Lang::En);
        assert_eq!(subject, "PPR-2026-7K3M-9QX2U: More information needed");
        assert!(body.contains("Please send a clearer copy of your ID."));
        assert!(body.contains("https://uraia.example/applications/x/status"));
        let (subject, body) = m.email(Lang::Sw);
        assert_eq!(subject, "PPR-2026-7K3M-9QX2U: Maelezo zaidi yanahitajika");
        assert!(body.contains("Alichoomba afisa"));
    }
}
