//! Passkeys (WebAuthn, through webauthn-rs). The relying party is the portal's public
//! address (`URAIA_PUBLIC_URL`), or the address this request came to when none is set:
//! browsers only allow passkeys on a domain name (`localhost` included), never a bare IP.

use crate::auth::Call;
use crate::error::AppError;
use webauthn_rs::prelude::{Url, Webauthn, WebauthnBuilder};

/// The WebAuthn relying party for this request.
pub fn relying_party(call: &Call) -> Result<Webauthn, AppError> {
    let origin = call.origin();
    let url = Url::parse(&origin).map_err(|e| AppError::internal("bad public origin", &e))?;
    let host = url
        .host_str()
        .ok_or_else(|| AppError::internal("public origin has no host", &origin))?
        .to_string();
    WebauthnBuilder::new(&host, &url)
        .and_then(|b| b.rp_name("Uraia").build())
        .map_err(|e| AppError::internal("passkey relying party", &e))
}

/// A credential id as stored: hex of its bytes.
pub fn credential_key(id: &[u8]) -> String {
    hex::encode(id)
}
