//! The words of issued documents: the certificate PDF, the public check of a QR code
//! (online, and offline in the installed app), the applicant's certificate link, and
//! revoking a document in the back office.

pub struct DocumentStrings {
    // On the PDF
    pub republic: &'static str,
    pub number: &'static str,
    pub reference: &'static str,
    pub issued_on: &'static str,
    pub holder: &'static str,
    pub scan_to_check: &'static str,
    pub check_by_number: &'static str,

    // The public check (/verify?code=…)
    pub kind_receipt: &'static str,
    pub kind_certificate: &'static str,
    pub what: &'static str,
    pub genuine_title: &'static str,
    pub genuine_online: &'static str,
    pub revoked_title: &'static str,
    pub revoked_on: &'static str,
    pub revoked_reason: &'static str,
    pub broken_title: &'static str,
    pub broken_text: &'static str,
    pub offline_genuine_title: &'static str,
    pub offline_genuine_text: &'static str,
    pub offline_no_key: &'static str,
    pub offline_unsupported: &'static str,

    // The applicant's status page and receipt
    pub certificate_heading: &'static str,
    pub certificate_download: &'static str,
    pub check_this: &'static str,
    pub check_link: &'static str,

    // Revoking, in the back office
    pub issued_heading: &'static str,
    pub revoke_heading: &'static str,
    pub revoke_intro: &'static str,
    pub revoke_which: &'static str,
    pub revoke_reason_label: &'static str,
    pub revoke_button: &'static str,
    pub revoked_already: &'static str,
    pub revoked_done: &'static str,
}
