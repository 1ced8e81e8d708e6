//! What Daraja posts to Uraia's callback URL when an STK push ends, and how to read it.

use super::StkOutcome;
use serde::{Deserialize, Serialize};

/// The body Daraja posts to the callback URL when an STK push ends.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct StkCallbackEnvelope {
    #[serde(rename = "Body")]
    pub body: StkCallbackBody,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct StkCallbackBody {
    #[serde(rename = "stkCallback")]
    pub stk_callback: StkCallback,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StkCallback {
    #[serde(rename = "MerchantRequestID")]
    pub merchant_request_id: String,
    #[serde(rename = "CheckoutRequestID")]
    pub checkout_request_id: String,
    pub result_code: i64,
    pub result_desc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_metadata: Option<CallbackMetadata>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CallbackMetadata {
    pub item: Vec<MetadataItem>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetadataItem {
    pub name: String,
    #[serde(default)]
    pub value: Option<serde_json::Value>,
}

impl StkCallback {
    fn item(&self, name: &str) -> Option<&serde_json::Value> {
        self.callback_metadata
            .as_ref()?
            .item
            .iter()
            .find(|i| i.name == name)?
            .value
            .as_ref()
    }

    /// The M-Pesa receipt number of a successful payment.
    pub fn receipt(&self) -> Option<String> {
        self.item("MpesaReceiptNumber")
            .and_then(|v| v.as_str())
            .map(str::to_string)
    }

    /// The amount paid, in whole shillings.
    pub fn amount(&self) -> Option<i64> {
        self.item("Amount")
            .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f.round() as i64)))
    }

    /// The number that paid, as M-Pesa gives it (`2547…`; a masked digit is not a digit).
    pub fn phone(&self) -> Option<String> {
        self.item("PhoneNumber").map(|v| match v {
            serde_json::Value::String(s) => s.trim().to_string(),
            other => other.to_string(),
        })
    }

    pub fn outcome(&self) -> StkOutcome {
        if self.result_code == 0 {
            StkOutcome::Paid
        } else {
            StkOutcome::Failed {
                code: self.result_code,
                description: self.result_desc.clone(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::codes;
    use super::*;

    #[test]
    fn reads_a_successful_callback() {
        let json = r#"{"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_191220191020363925","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"TransactionDate","Value":20191219102115},{"Name":"PhoneNumber","Value":254708374149}]}}}}"#;
        let envelope: StkCallbackEnvelope = serde_json::from_str(json).unwrap();
        let callback = envelope.body.stk_callback;
        assert_eq!(callback.outcome(), StkOutcome::Paid);
        assert_eq!(callback.receipt().as_deref(), Some("NLJ7RT61SV"));
        assert_eq!(callback.amount(), Some(1));
        assert_eq!(callback.phone().as_deref(), Some("254708374149"));
    }

    #[test]
    fn reads_a_cancelled_callback() {
        let json = r#"{"Body":{"stkCallback":{"MerchantRequestID":"8555-67195-1","CheckoutRequestID":"ws_CO_27072017151044001","ResultCode":1032,"ResultDesc":"Request cancelled by user"}}}"#;
        let envelope: StkCallbackEnvelope = serde_json::from_str(json).unwrap();
        assert_eq!(
            envelope.body.stk_callback.outcome(),
            StkOutcome::Failed {
                code: codes::CANCELLED,
                description: "Request cancelled by user".into()
            }
        );
        assert_eq!(envelope.body.stk_callback.receipt(), None);
    }
}
