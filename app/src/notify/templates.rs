//! The words of every notification, in English and Kiswahili.

use crate::i18n::Lang;

pub enum Template<'a> {
    /// A code that proves the person reads this email or phone.
    VerifyContact {
        code: &'a str,
    },
    /// A second-factor code for signing in.
    SignInCode {
        code: &'a str,
    },
    AccountLocked {
        minutes: i64,
    },
    /// Too many wrong codes: no code is accepted for the account for `minutes`.
    CodesLocked {
        minutes: i64,
    },
    /// A single-use link to choose a new password.
    ResetLink {
        link: &'a str,
    },
    /// A code to choose a new password (SMS).
    ResetCode {
        code: &'a str,
    },
    /// The password was changed or reset.
    PasswordChanged,
    /// The email address or phone number was changed (sent to the old address).
    ContactChanged,
    AccountUnlocked,
    /// A passkey, an authenticator app or a Digital ID can now sign in to the account.
    SignInMethodAdded,
    /// An application was paid for and sent to the agency.
    ApplicationSubmitted {
        service: &'a str,
        reference: &'a str,
        /// "KES 7,550".
        amount: &'a str,
        receipt: &'a str,
        /// The application's page (email only).
        link: &'a str,
    },
    /// A free application was sent (nothing to pay).
    ApplicationSubmittedFree {
        service: &'a str,
        reference: &'a str,
        link: &'a str,
    },
    /// A text already written in the person's language (an answer to an SMS query).
    Plain {
        body: &'a str,
    },
    /// A booked visit is within a day (SMS).
    AppointmentReminder {
        reference: &'a str,
        /// "02/12 09:30".
        when: &'a str,
        place: &'a str,
    },
    /// An untouched draft will be deleted on `date` (email only).
    DraftExpiring {
        service: &'a str,
        date: &'a str,
        link: &'a str,
    },
}

impl Template<'_> {
    /// (subject, body). `sms` asks for the short form.
    pub fn render(&self, lang: Lang, sms: bool) -> (String, String) {
        match (self, lang) {
            (Template::Plain { body }, _) => ("Uraia".into(), body.to_string()),
            (Template::VerifyContact { code }, Lang::En) => (
                "Confirm your contact details for Uraia".into(),
                if sms {
                    format!("Uraia: your code is {code}. It expires in 10 minutes. Never share it with anyone.")
                } else {
                    format!("Your Uraia code is {code}.\n\nType it on the page where you are registering to confirm this email address. It expires in 10 minutes.\n\nIf you did not ask for this, you can ignore this message. Uraia staff will never ask you for this code.")
                },
            ),
            (Template::VerifyContact { code }, Lang::Sw) => (
                "Thibitisha mawasiliano yako kwa Uraia".into(),
                if sms {
                    format!("Uraia: nambari yako ni {code}. Itaisha baada ya dakika 10. Usimpe mtu yeyote.")
                } else {
                    format!("Nambari yako ya Uraia ni {code}.\n\nIandike kwenye ukurasa unaojisajili ili kuthibitisha anwani hii ya barua pepe. Itaisha baada ya dakika 10.\n\nIkiwa hukuiomba, puuza ujumbe huu. Wafanyakazi wa Uraia hawatakuomba nambari hii kamwe.")
                },
            ),
            (Template::SignInCode { code }, Lang::En) => (
                "Your Uraia sign-in code".into(),
                if sms {
                    format!("Uraia sign-in code: {code}. It expires in 10 minutes. If you are not signing in, change your password.")
                } else {
                    format!("Your code to sign in to Uraia is {code}. It expires in 10 minutes.\n\nIf you are not signing in right now, someone may know your password: change it from your account page.")
                },
            ),
            (Template::SignInCode { code }, Lang::Sw) => (
                "Nambari yako ya kuingia Uraia".into(),
                if sms {
                    format!("Nambari ya kuingia Uraia: {code}. Itaisha baada ya dakika 10. Kama huingii, badilisha nenosiri lako.")
                } else {
                    format!("Nambari yako ya kuingia kwenye Uraia ni {code}. Itaisha baada ya dakika 10.\n\nIkiwa huingii sasa hivi, huenda mtu anajua nenosiri lako: libadilishe kwenye ukurasa wa akaunti yako.")
                },
            ),
            (Template::AccountLocked { minutes }, Lang::En) => (
                "Your Uraia account is locked for now".into(),
                format!("There were several wrong passwords for your Uraia account, so we have locked it for {minutes} minutes to keep it safe.\n\nIf this was you, wait and try again, or reset your password with “Forgot your password?”. If it was not you, reset your password as soon as the lock ends."),
            ),
            (Template::AccountLocked { minutes }, Lang::Sw) => (
                "Akaunti yako ya Uraia imefungwa kwa muda".into(),
                format!("Kumekuwa na manenosiri kadhaa yasiyo sahihi kwa akaunti yako ya Uraia, kwa hivyo tumeifunga kwa dakika {minutes} ili kuilinda.\n\nIkiwa ni wewe, subiri ujaribu tena, au weka nenosiri jipya kupitia “Umesahau nenosiri?”. Ikiwa si wewe, weka nenosiri jipya mara tu muda wa kufungwa ukiisha."),
            ),
            (Template::CodesLocked { minutes }, Lang::En) => (
                "Codes for your Uraia account are paused".into(),
                format!("Several wrong codes were typed for your Uraia account (sign-in, password-reset, authenticator-app or recovery codes), so we will not accept any code for it for the next {minutes} minutes. Nobody has signed in.\n\nIf this was you, wait and try again. If it was not you, someone may know your password or be trying to reset it: when the pause ends, sign in and change your password, and contact the Uraia help desk if this happens again."),
            ),
            (Template::CodesLocked { minutes }, Lang::Sw) => (
                "Nambari za akaunti yako ya Uraia zimesitishwa kwa muda".into(),
                format!("Nambari kadhaa zisizo sahihi zimeandikwa kwa akaunti yako ya Uraia (za kuingia, za kuweka upya nenosiri, za programu ya uthibitishaji au za dharura), kwa hivyo hatutakubali nambari yoyote kwa akaunti hii kwa dakika {minutes} zijazo. Hakuna aliyeingia.\n\nIkiwa ni wewe, subiri ujaribu tena. Ikiwa si wewe, huenda mtu anajua nenosiri lako au anajaribu kuliweka upya: muda ukiisha, ingia ubadilishe nenosiri lako, na uwasiliane na dawati la msaada la Uraia hili likitokea tena."),
            ),
            (Template::ResetLink { link }, Lang::En) => (
                "Reset your Uraia password".into(),
                format!("Someone asked to reset the password of your Uraia account. If it was you, open this link within 30 minutes to choose a new password:\n\n{link}\n\nThe link works once. If you did not ask, ignore this message: your password has not changed."),
            ),
            (Template::ResetLink { link }, Lang::Sw) => (
                "Weka upya nenosiri lako la Uraia".into(),
                format!("Mtu ameomba kuweka upya nenosiri la akaunti yako ya Uraia. Ikiwa ni wewe, fungua kiungo hiki ndani ya dakika 30 ili kuchagua nenosiri jipya:\n\n{link}\n\nKiungo kinafanya kazi mara moja tu. Ikiwa hukuomba, puuza ujumbe huu: nenosiri lako halijabadilika."),
            ),
            (Template::ResetCode { code }, Lang::En) => (
                "Reset your Uraia password".into(),
                format!("Uraia password reset code: {code}. It expires in 10 minutes. If you did not ask for it, ignore this message."),
            ),
            (Template::ResetCode { code }, Lang::Sw) => (
                "Weka upya nenosiri lako la Uraia".into(),
                format!("Nambari ya kuweka upya nenosiri la Uraia: {code}. Itaisha baada ya dakika 10. Kama hukuiomba, puuza ujumbe huu."),
            ),
            (Template::PasswordChanged, Lang::En) => (
                "Your Uraia password was changed".into(),
                "The password of your Uraia account was just changed, and every device signed in to it was signed out.\n\nIf you did not do this, reset your password now with “Forgot your password?” and contact the Uraia help desk.".into(),
            ),
            (Template::PasswordChanged, Lang::Sw) => (
                "Nenosiri lako la Uraia limebadilishwa".into(),
                "Nenosiri la akaunti yako ya Uraia limebadilishwa sasa hivi, na kila kifaa kilichoingia kimeondolewa.\n\nIkiwa si wewe uliyefanya hivi, weka nenosiri jipya sasa kupitia “Umesahau nenosiri?” na uwasiliane na dawati la msaada la Uraia.".into(),
            ),
            (Template::ContactChanged, Lang::En) => (
                "Your Uraia contact details were changed".into(),
                "The email address or mobile number of your Uraia account was just changed. Messages now go to the new details.\n\nIf you did not do this, reset your password now with “Forgot your password?” and contact the Uraia help desk.".into(),
            ),
            (Template::ContactChanged, Lang::Sw) => (
                "Mawasiliano yako ya Uraia yamebadilishwa".into(),
                "Anwani ya barua pepe au nambari ya simu ya akaunti yako ya Uraia imebadilishwa sasa hivi. Ujumbe sasa utaenda kwa maelezo mapya.\n\nIkiwa si wewe uliyefanya hivi, weka nenosiri jipya sasa kupitia “Umesahau nenosiri?” na uwasiliane na dawati la msaada la Uraia.".into(),
            ),
            (Template::SignInMethodAdded, Lang::En) => (
                "A new way to sign in was added to your Uraia account".into(),
                "A new way to sign in to your Uraia account was just added: a passkey, an authenticator app or your Digital ID.\n\nIf you did not do this, reset your password now with “Forgot your password?”, check your account page and contact the Uraia help desk.".into(),
            ),
            (Template::SignInMethodAdded, Lang::Sw) => (
                "Njia mpya ya kuingia imeongezwa kwenye akaunti yako ya Uraia".into(),
                "Njia mpya ya kuingia kwenye akaunti yako ya Uraia imeongezwa sasa hivi: passkey, programu ya uthibitishaji au Kitambulisho chako cha Kidijitali.\n\nIkiwa si wewe uliyefanya hivi, weka nenosiri jipya sasa kupitia “Umesahau nenosiri?”, kagua ukurasa wa akaunti yako na uwasiliane na dawati la msaada la Uraia.".into(),
            ),
            (Template::AccountUnlocked, Lang::En) => (
                "Your Uraia account is unlocked".into(),
                "The lock on your Uraia account has ended and you can sign in again.".into(),
            ),
            (Template::AccountUnlocked, Lang::Sw) => (
                "Akaunti yako ya Uraia imefunguliwa".into(),
                "Muda wa kufungwa kwa akaunti yako ya Uraia umeisha na unaweza kuingia tena.".into(),
            ),
            (Template::ApplicationSubmitted { service, reference, amount, receipt, link }, Lang::En) => (
                format!("Application received: {reference}"),
                if sms {
                    format!("Uraia: we received your application, reference {reference}. Paid {amount}, M-Pesa {receipt}. Track it under My applications.")
                } else {
                    format!("We have received your application and payment.\n\nService: {service}\nReference: {reference}\nPaid: {amount} (M-Pesa receipt {receipt})\n\nKeep the reference: quote it if you contact the agency. You can follow the application and download the receipt here:\n\n{link}")
                },
            ),
            (Template::ApplicationSubmittedFree { service, reference, link }, Lang::En) => (
                format!("Application received: {reference}"),
                if sms {
                    format!("Uraia: we received your application, reference {reference}. There was no fee. Track it under My applications.")
                } else {
                    format!("We have received your application. There was nothing to pay.\n\nService: {service}\nReference: {reference}\n\nKeep the reference: quote it if you contact the agency. You can follow the application here:\n\n{link}")
                },
            ),
            (Template::ApplicationSubmittedFree { service, reference, link }, Lang::Sw) => (
                format!("Ombi limepokelewa: {reference}"),
                if sms {
                    format!("Uraia: tumepokea ombi lako, kumbukumbu {reference}. Hakukuwa na ada. Lifuatilie kwenye Maombi yangu.")
                } else {
                    format!("Tumepokea ombi lako. Hakukuwa na ada ya kulipa.\n\nHuduma: {service}\nKumbukumbu: {reference}\n\nHifadhi nambari ya kumbukumbu: itaje ukiwasiliana na idara husika. Unaweza kufuatilia ombi hapa:\n\n{link}")
                },
            ),
            (Template::AppointmentReminder { reference, when, place }, Lang::En) => (
                format!("Reminder: your visit on {when}"),
                format!("Uraia: reminder, {reference}: your visit is on {when} at {place}. Bring your ID and the reference."),
            ),
            (Template::AppointmentReminder { reference, when, place }, Lang::Sw) => (
                format!("Kikumbusho: ziara yako {when}"),
                format!("Uraia: kikumbusho, {reference}: ziara yako ni {when} katika {place}. Leta kitambulisho na kumbukumbu."),
            ),
            (Template::DraftExpiring { service, date, link }, Lang::En) => (
                format!("Your draft application will be deleted on {date}"),
                format!("You started an application on Uraia and have not changed it for a while.\n\nService: {service}\n\nWe delete unfinished applications 30 days after their last change, so this draft and its documents will be deleted on {date}. To keep it, open it and save any part:\n\n{link}\n\nIf you no longer need it, you need not do anything."),
            ),
            (Template::DraftExpiring { service, date, link }, Lang::Sw) => (
                format!("Rasimu ya ombi lako itafutwa tarehe {date}"),
                format!("Ulianza ombi kwenye Uraia na hujalibadilisha kwa muda.\n\nHuduma: {service}\n\nTunafuta maombi ambayo hayajakamilika siku 30 baada ya mabadiliko ya mwisho, kwa hivyo rasimu hii na hati zake zitafutwa tarehe {date}. Ili kuihifadhi, ifungue na uhifadhi sehemu yoyote:\n\n{link}\n\nIkiwa huihitaji tena, huhitaji kufanya chochote."),
            ),
            (Template::ApplicationSubmitted { service, reference, amount, receipt, link }, Lang::Sw) => (
                format!("Ombi limepokelewa: {reference}"),
                if sms {
                    format!("Uraia: tumepokea ombi lako, kumbukumbu {reference}. Umelipa {amount}, M-Pesa {receipt}. Lifuatilie kwenye Maombi yangu.")
                } else {
                    format!("Tumepokea ombi lako na malipo yako.\n\nHuduma: {service}\nKumbukumbu: {reference}\nUmelipa: {amount} (risiti ya M-Pesa {receipt})\n\nHifadhi nambari ya kumbukumbu: itaje ukiwasiliana na idara husika. Unaweza kufuatilia ombi na kupakua risiti hapa:\n\n{link}")
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sms_texts_fit_one_segment() {
        for lang in Lang::ALL {
            for t in [
                Template::VerifyContact { code: "123456" },
                Template::SignInCode { code: "123456" },
                Template::ApplicationSubmitted {
                    service: "Renew a passport",
                    reference: "PPR-2026-7K3M-9QX2U",
                    amount: "KES 12,550",
                    receipt: "SKL4Q7XYZ1",
                    link: "https://uraia.example/applications/x",
                },
                Template::ApplicationSubmittedFree {
                    service: "Extend a visit",
                    reference: "VEX-2026-7K3M-9QX2U",
                    link: "https://uraia.example/applications/x",
                },
            ] {
                let (_, body) = t.render(lang, true);
                assert!(
                    body.chars().count() <= 160,
                    "{lang:?}: {} chars: {body}",
                    body.chars().count()
                );
            }
        }
    }
}
