//! Paybill payments (Customer to Business): telling M-Pesa where to announce them, what it
//! posts there, and Safaricom's sandbox call that plays a customer's payment (used by the
//! development phone page; Safaricom's live API has no such call).

use super::{Daraja, DarajaError};
use serde::{Deserialize, Serialize};

/// What M-Pesa posts to the validation and confirmation addresses for a Paybill payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct C2bPayment {
    #[serde(default)]
    pub transaction_type: String,
    /// M-Pesa's receipt number.
    #[serde(rename = "TransID")]
    pub trans_id: String,
    /// Shillings, as text ("7550.00").
    pub trans_amount: String,
    #[serde(default)]
    pub business_short_code: String,
    /// The account number the customer typed: an invoice number, if typed right.
    pub bill_ref_number: String,
    /// The payer's number (Safaricom now sends it masked or hashed).
    #[serde(rename = "MSISDN", default)]
    pub msisdn: String,
}

impl C2bPayment {
    /// The amount in cents, if it is a number of shillings.
    pub fn amount_cents(&self) -> Option<i64> {
        cents(&self.trans_amount)
    }
}

/// Shillings as M-Pesa writes them ("7550.00", "7550", "1.0") in cents.
pub fn cents(shillings: &str) -> Option<i64> {
    let shillings = shillings.trim();
    let (whole, fraction) = shillings.split_once('.').unwrap_or((shillings, "0"));
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").get(..2)?.parse().ok()?;
    Some(whole * 100 + fraction)
}

/// Validation answers: accept, or refuse with M-Pesa's codes.
pub mod verdict {
    pub const ACCEPT: &str = "0";
    pub const INVALID_ACCOUNT: &str = "C2B00012";
    pub const INVALID_AMOUNT: &str = "C2B00013";
    /// "Other error": also the answer to a caller outside Safaricom's networks.
    pub const OTHER: &str = "C2B00016";
}

impl Daraja {
    /// Tells M-Pesa where to validate and confirm Paybill payments. `Completed`: if the
    /// validation address cannot be reached, M-Pesa completes the payment anyway (money is
    /// not turned away because Uraia was briefly down; confirmation still records it).
    pub async fn register_c2b_urls(
        &self,
        validation_url: &str,
        confirmation_url: &str,
    ) -> Result<(), DarajaError> {
        let body = serde_json::json!({
            "ShortCode": self.config.shortcode,
            "ResponseType": "Completed",
            "ConfirmationURL": confirmation_url,
            "ValidationURL": validation_url,
        });
        let (status, text) = self.post("/mpesa/c2b/v1/registerurl", &body).await?;
        if status.is_success() {
            Ok(())
        } else {
            Err(Daraja::refused(&text))
        }
    }

    /// Sandbox only: a customer pays `amount` shillings to the Paybill with `account`.
    /// Returns M-Pesa's response code ("0" when the payment went through).
    pub async fn simulate_c2b(
        &self,
        phone: &str,
        amount: i64,
        account: &str,
    ) -> Result<String, DarajaError> {
        let body = serde_json::json!({
            "ShortCode": self.config.shortcode,
            "CommandID": "CustomerPayBillOnline",
            "Amount": amount,
            "Msisdn": phone,
            "BillRefNumber": account,
        });
        let (status, text) = self.post("/mpesa/c2b/v1/simulate", &body).await?;
        if !status.is_success() {
            return Err(Daraja::refused(&text));
        }
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| DarajaError::Protocol(e.to_string()))?;
        Ok(value
            .get("ResponseCode")
            .and_then(|c| c.as_str())
            .unwrap_or_default()
            .to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("7550.00", Some(755_000))]
    #[case("7550", Some(755_000))]
    #[case("10.5", Some(1_050))]
    #[case("ten", None)]
    fn amounts_are_read_as_cents(#[case] text: &str, #[case] cents: Option<i64>) {
        let payment = C2bPayment {
            transaction_type: String::new(),
            trans_id: "X".into(),
            trans_amount: text.into(),
            business_short_code: String::new(),
            bill_ref_number: String::new(),
            msisdn: String::new(),
        };
        assert_eq!(payment.amount_cents(), cents);
    }
}
