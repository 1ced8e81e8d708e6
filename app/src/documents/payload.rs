//! What a document's QR code says: its essential fields, in both languages where they are
//! words, in short keys to keep the code small enough to scan from paper.

use serde::{Deserialize, Serialize};

/// Receipt or certificate (`t` in the payload).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Receipt,
    Certificate,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Receipt => "receipt",
            Kind::Certificate => "certificate",
        }
    }

    /// The letter that starts its number (`R-LDS-…`, `C-LDS-…`).
    fn letter(self) -> char {
        match self {
            Kind::Receipt => 'R',
            Kind::Certificate => 'C',
        }
    }

    pub fn number(self, reference: &str) -> String {
        format!("{}-{reference}", self.letter())
    }
}

/// Words in English and Kiswahili.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub en: String,
    pub sw: String,
}

impl Words {
    pub fn get(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En => &self.en,
            crate::i18n::Lang::Sw => &self.sw,
        }
    }
}

/// One printed line: its label in both languages and its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub en: String,
    pub sw: String,
    pub v: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    /// Format version (1).
    pub v: u8,
    /// The signing key's id.
    pub k: String,
    pub t: Kind,
    /// The document's number.
    pub n: String,
    /// The application's reference.
    pub r: String,
    /// What it is: the service paid for, or the certificate's title.
    pub s: Words,
    /// Issued on (Nairobi), `YYYY-MM-DD`.
    pub d: String,
    /// Whom a certificate is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub h: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub f: Vec<Line>,
}

impl Payload {
    pub fn to_json(&self) -> String {
        // A struct of strings always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }
}
