//! Daraja's Transaction Status query: asks M-Pesa itself about one transaction, by its
//! receipt number. The query is asynchronous, as Safaricom built it: the call is only
//! acknowledged, and M-Pesa posts the result to the ResultURL given (or, if it gave up
//! waiting inside M-Pesa, a note to the QueueTimeOutURL). Used to check a Paybill
//! confirmation before it records any money (`payments::paybill`).

use super::c2b::cents;
use super::{Daraja, DarajaError};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// M-Pesa took the query: the result will be posted to the ResultURL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusQueried {
    pub conversation_id: String,
    pub originator_conversation_id: String,
}

/// Result codes worth naming.
pub mod status_codes {
    /// The initiator or its security credential was refused: Uraia's configuration, not
    /// the transaction, is wrong, so the question stays open.
    pub const INITIATOR_INVALID: &str = "2001";
    /// "The transaction receipt number does not exist."
    pub const NO_SUCH_TRANSACTION: &str = "2032";
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Acknowledgement {
    #[serde(rename = "ConversationID")]
    conversation_id: Option<String>,
    #[serde(rename = "OriginatorConversationID")]
    originator_conversation_id: Option<String>,
    response_code: Option<Value>,
    response_description: Option<String>,
}

/// What M-Pesa posts to the ResultURL (and, in the same envelope, to the QueueTimeOutURL).
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct StatusResultEnvelope {
    #[serde(rename = "Result")]
    pub result: StatusResult,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StatusResult {
    #[serde(default)]
    pub result_type: Value,
    /// `0` (a number or text) when M-Pesa found the transaction; otherwise why not.
    pub result_code: Value,
    #[serde(default)]
    pub result_desc: String,
    #[serde(rename = "OriginatorConversationID", default)]
    pub originator_conversation_id: String,
    #[serde(rename = "ConversationID", default)]
    pub conversation_id: String,
    /// The query's own transaction id (not the one asked about: that is `ReceiptNo`).
    #[serde(rename = "TransactionID", default)]
    pub transaction_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_parameters: Option<ResultParameters>,
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub reference_data: Value,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResultParameters {
    /// A list of key and value; Daraja sends a lone object when there is only one.
    #[serde(deserialize_with = "one_or_many")]
    pub result_parameter: Vec<ResultParameter>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResultParameter {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ResultParameter>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<ResultParameter>),
        One(ResultParameter),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::Many(list) => list,
        OneOrMany::One(one) => vec![one],
    })
}

/// What M-Pesa says about a transaction it found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundTransaction {
    pub receipt: String,
    pub amount_cents: Option<i64>,
    /// "Completed" for money that moved.
    pub status: String,
    /// Who received the money: "<shortcode> - <name>" for a payment to a Paybill.
    pub credit_party: String,
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.trim().to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

impl StatusResult {
    /// The result code as text ("0", "2032", …), however Daraja typed it.
    pub fn code(&self) -> String {
        text_of(&self.result_code)
    }

    fn parameter(&self, key: &str) -> String {
        self.result_parameters
            .iter()
            .flat_map(|p| &p.result_parameter)
            .find(|p| p.key == key)
            .and_then(|p| p.value.as_ref())
            .map(text_of)
            .unwrap_or_default()
    }

    /// The transaction, when M-Pesa found it.
    pub fn found(&self) -> Option<FoundTransaction> {
        if self.code() != "0" {
            return None;
        }
        let receipt = self.parameter("ReceiptNo");
        (!receipt.is_empty()).then(|| FoundTransaction {
            amount_cents: cents(&self.parameter("Amount")),
            status: self.parameter("TransactionStatus"),
            credit_party: self.parameter("CreditPartyName"),
            receipt,
        })
    }
}

impl FoundTransaction {
    /// Whether the money went to this shortcode (the credit party names it first).
    pub fn paid_to(&self, shortcode: &str) -> bool {
        self.credit_party
            .split(" - ")
            .next()
            .is_some_and(|party| party.trim() == shortcode)
    }
}

impl Daraja {
    /// Asks M-Pesa about the transaction with this receipt number; the answer is posted to
    /// `result_url`. Uses the initiator and its security credential (the initiator's
    /// password encrypted with Safaricom's certificate, as the Daraja portal makes it).
    pub async fn transaction_status(
        &self,
        receipt: &str,
        result_url: &str,
        timeout_url: &str,
    ) -> Result<StatusQueried, DarajaError> {
        let body = serde_json::json!({
            "Initiator": self.config.initiator,
            "SecurityCredential": self.config.security_credential,
            "CommandID": "TransactionStatusQuery",
            "TransactionID": receipt,
            "PartyA": self.config.shortcode,
            // 4: the party asking is an organisation's shortcode.
            "IdentifierType": "4",
            "ResultURL": result_url,
            "QueueTimeOutURL": timeout_url,
            "Remarks": "Paybill confirmation check",
            "Occasion": "",
        });
        let (status, text) = self
            .post("/mpesa/transactionstatus/v1/query", &body)
            .await?;
        if !status.is_success() {
            return Err(Daraja::refused(&text));
        }
        let ack: Acknowledgement =
            serde_json::from_str(&text).map_err(|e| DarajaError::Protocol(e.to_string()))?;
        let code = ack.response_code.as_ref().map(text_of).unwrap_or_default();
        match (code.as_str(), ack.conversation_id) {
            ("0", Some(conversation_id)) => Ok(StatusQueried {
                conversation_id,
                originator_conversation_id: ack.originator_conversation_id.unwrap_or_default(),
            }),
            (code, _) => Err(DarajaError::Refused {
                code: code.to_string(),
                message: ack.response_description.unwrap_or_default(),
            }),
        }
    }
}
