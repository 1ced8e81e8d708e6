//! The M-Pesa Daraja API client: OAuth token, Lipa na M-Pesa Online (STK push) and its
//! status query, Paybill (C2B) registration, the Transaction Status query, and the shapes
//! of the callbacks Safaricom posts back. The same client
//! talks to Safaricom (`DARAJA_URL=https://api.safaricom.co.ke`) or to the embedded
//! simulator, which speaks the same protocol, so the default install pays offline.

mod c2b;
mod callback;
mod status;

pub use c2b::{cents, verdict, C2bPayment};
pub use callback::{
    CallbackMetadata, MetadataItem, StkCallback, StkCallbackBody, StkCallbackEnvelope,
};
pub use status::{
    status_codes, FoundTransaction, ResultParameter, ResultParameters, StatusQueried, StatusResult,
    StatusResultEnvelope,
};

use base64::Engine;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

#[derive(Clone)]
pub struct DarajaConfig {
    pub base_url: String,
    pub consumer_key: String,
    pub consumer_secret: String,
    /// The Paybill or till number (BusinessShortCode).
    pub shortcode: String,
    /// The Lipa na M-Pesa Online passkey.
    pub passkey: String,
    /// Where Daraja posts STK results (Uraia's callback endpoint, public).
    pub callback_url: String,
    /// The API operator ("initiator") the Transaction Status query runs as.
    pub initiator: String,
    /// The initiator's password encrypted with Safaricom's certificate, base64 (the
    /// Daraja portal makes it).
    pub security_credential: String,
}

// The consumer secret, passkey, security credential and the callback address (which holds
// the callback token) are secrets: never in a log.
impl std::fmt::Debug for DarajaConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DarajaConfig")
            .field("base_url", &self.base_url)
            .field("shortcode", &self.shortcode)
            .field("initiator", &self.initiator)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DarajaError {
    #[error("M-Pesa could not be reached: {0}")]
    Unreachable(String),
    #[error("M-Pesa refused the request: {code} {message}")]
    Refused { code: String, message: String },
    #[error("M-Pesa answered something unexpected: {0}")]
    Protocol(String),
}

/// An STK push M-Pesa accepted: the person's phone is now asking for their PIN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StkAccepted {
    pub merchant_request_id: String,
    pub checkout_request_id: String,
}

/// What became of an STK push.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StkOutcome {
    /// Still waiting for the person (or for M-Pesa).
    Pending,
    Paid,
    /// `code` as M-Pesa gives it: 1032 cancelled by the person, 1037 no answer from the
    /// phone, 1 not enough money, 2001 wrong PIN …
    Failed {
        code: i64,
        description: String,
    },
}

/// Result codes worth naming.
pub mod codes {
    pub const CANCELLED: i64 = 1032;
    pub const PHONE_UNREACHABLE: i64 = 1037;
    pub const INSUFFICIENT_FUNDS: i64 = 1;
    pub const WRONG_PIN: i64 = 2001;
}

/// `BusinessShortCode + Passkey + Timestamp`, base64: Daraja's request password.
pub fn password(shortcode: &str, passkey: &str, timestamp: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{shortcode}{passkey}{timestamp}"))
}

/// Daraja's timestamp: `YYYYMMDDHHmmss`, East Africa Time.
pub fn timestamp(now: chrono::DateTime<chrono::Utc>) -> String {
    let eat = chrono::FixedOffset::east_opt(3 * 3600).expect("valid offset");
    now.with_timezone(&eat).format("%Y%m%d%H%M%S").to_string()
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StkPushResponse {
    #[serde(rename = "MerchantRequestID")]
    merchant_request_id: Option<String>,
    #[serde(rename = "CheckoutRequestID")]
    checkout_request_id: Option<String>,
    response_code: Option<String>,
    response_description: Option<String>,
}

/// Daraja's error body (`errorCode`, `errorMessage`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    error_code: Option<String>,
    error_message: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StkQueryResponse {
    result_code: Option<serde_json::Value>,
    result_desc: Option<String>,
}

pub struct Daraja {
    config: DarajaConfig,
    http: reqwest::Client,
    token: Mutex<Option<(String, Instant)>>,
}

impl std::fmt::Debug for Daraja {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Daraja")
            .field("base_url", &self.config.base_url)
            .field("shortcode", &self.config.shortcode)
            .finish()
    }
}

fn unreachable(e: reqwest::Error) -> DarajaError {
    DarajaError::Unreachable(e.without_url().to_string())
}

impl Daraja {
    pub fn new(config: DarajaConfig) -> Daraja {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("HTTP client builds");
        Daraja {
            config,
            http,
            token: Mutex::new(None),
        }
    }

    pub fn shortcode(&self) -> &str {
        &self.config.shortcode
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.trim_end_matches('/'))
    }

    /// A bearer token, reused until a minute before it expires.
    async fn token(&self) -> Result<String, DarajaError> {
        let mut cached = self.token.lock().await;
        if let Some((token, until)) = cached.as_ref() {
            if Instant::now() < *until {
                return Ok(token.clone());
            }
        }
        let response = self
            .http
            .get(self.url("/oauth/v1/generate?grant_type=client_credentials"))
            .basic_auth(
                &self.config.consumer_key,
                Some(&self.config.consumer_secret),
            )
            .send()
            .await
            .map_err(unreachable)?;
        if !response.status().is_success() {
            return Err(DarajaError::Refused {
                code: response.status().as_u16().to_string(),
                message: "access token refused".into(),
            });
        }
        let body: TokenResponse = response
            .json()
            .await
            .map_err(|e| DarajaError::Protocol(e.to_string()))?;
        let seconds = body
            .expires_in
            .as_u64()
            .or_else(|| body.expires_in.as_str().and_then(|s| s.parse().ok()))
            .unwrap_or(3599);
        let until = Instant::now() + Duration::from_secs(seconds.saturating_sub(60));
        *cached = Some((body.access_token.clone(), until));
        Ok(body.access_token)
    }

    async fn post<T: Serialize>(
        &self,
        path: &str,
        body: &T,
    ) -> Result<(reqwest::StatusCode, String), DarajaError> {
        let token = self.token().await?;
        let response = self
            .http
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .map_err(unreachable)?;
        let status = response.status();
        let text = response.text().await.map_err(unreachable)?;
        Ok((status, text))
    }

    fn refused(text: &str) -> DarajaError {
        match serde_json::from_str::<ErrorBody>(text) {
            Ok(ErrorBody {
                error_code: Some(code),
                error_message,
            }) => DarajaError::Refused {
                code,
                message: error_message.unwrap_or_default(),
            },
            _ => DarajaError::Protocol(text.chars().take(200).collect()),
        }
    }

    /// Asks the person's phone (`2547…`, E.164 without the +) for their PIN to pay
    /// `amount` shillings; `account` appears on their statement (the invoice number).
    pub async fn stk_push(
        &self,
        phone: &str,
        amount: i64,
        account: &str,
        description: &str,
    ) -> Result<StkAccepted, DarajaError> {
        let timestamp = timestamp(chrono::Utc::now());
        let body = serde_json::json!({
            "BusinessShortCode": self.config.shortcode,
            "Password": password(&self.config.shortcode, &self.config.passkey, &timestamp),
            "Timestamp": timestamp,
            "TransactionType": "CustomerPayBillOnline",
            "Amount": amount,
            "PartyA": phone,
            "PartyB": self.config.shortcode,
            "PhoneNumber": phone,
            "CallBackURL": self.config.callback_url,
            // Daraja allows 12 characters of account reference and 13 of description.
            "AccountReference": account.chars().take(12).collect::<String>(),
            "TransactionDesc": description.chars().take(13).collect::<String>(),
        });
        let (status, text) = self.post("/mpesa/stkpush/v1/processrequest", &body).await?;
        if !status.is_success() {
            return Err(Daraja::refused(&text));
        }
        let response: StkPushResponse =
            serde_json::from_str(&text).map_err(|e| DarajaError::Protocol(e.to_string()))?;
        match (
            response.response_code.as_deref(),
            response.merchant_request_id,
            response.checkout_request_id,
        ) {
            (Some("0"), Some(merchant_request_id), Some(checkout_request_id)) => Ok(StkAccepted {
                merchant_request_id,
                checkout_request_id,
            }),
            (code, _, _) => Err(DarajaError::Refused {
                code: code.unwrap_or_default().to_string(),
                message: response.response_description.unwrap_or_default(),
            }),
        }
    }

    /// Asks M-Pesa what became of an STK push (for a callback that never came).
    pub async fn stk_query(&self, checkout_request_id: &str) -> Result<StkOutcome, DarajaError> {
        let timestamp = timestamp(chrono::Utc::now());
        let body = serde_json::json!({
            "BusinessShortCode": self.config.shortcode,
            "Password": password(&self.config.shortcode, &self.config.passkey, &timestamp),
            "Timestamp": timestamp,
            "CheckoutRequestID": checkout_request_id,
        });
        let (status, text) = self.post("/mpesa/stkpushquery/v1/query", &body).await?;
        if !status.is_success() {
            // "The transaction is being processed" comes back as an error body.
            return match Daraja::refused(&text) {
                DarajaError::Refused { code, .. } if code == "500.001.1001" => {
                    Ok(StkOutcome::Pending)
                }
                other => Err(other),
            };
        }
        let response: StkQueryResponse =
            serde_json::from_str(&text).map_err(|e| DarajaError::Protocol(e.to_string()))?;
        let code = response
            .result_code
            .as_ref()
            .and_then(|v| {
                v.as_i64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
            .ok_or_else(|| DarajaError::Protocol("no ResultCode".into()))?;
        Ok(if code == 0 {
            StkOutcome::Paid
        } else {
            StkOutcome::Failed {
                code,
                description: response.result_desc.unwrap_or_default(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_shortcode_passkey_and_timestamp_in_base64() {
        // Safaricom's sandbox example values.
        let p = password(
            "174379",
            "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
            "20160216165627",
        );
        assert_eq!(
            p,
            "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMTYwMjE2MTY1NjI3"
        );
    }

    #[test]
    fn timestamps_are_east_africa_time() {
        let utc = chrono::DateTime::parse_from_rfc3339("2026-11-22T21:30:05Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(timestamp(utc), "20261123003005");
    }
}
