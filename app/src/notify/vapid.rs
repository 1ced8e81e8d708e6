//! The VAPID key that signs Web Push requests (RFC 8292): `VAPID_PRIVATE_KEY` when
//! configured, else one the server made and keeps in the database, so every instance signs
//! with the same key and subscriptions survive restarts. Browsers subscribe with its public
//! half.

use crate::data::{server_keys, Db};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

const KEY_NAME: &str = "vapid_private_key";

#[derive(Debug, thiserror::Error)]
pub enum VapidError {
    #[error("the VAPID private key is not a raw P-256 key in base64url")]
    BadKey,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The private key, base64url (URL-safe, no padding) of the raw 32-byte scalar.
/// `configured` is `VAPID_PRIVATE_KEY` (`Settings::vapid_private_key`).
pub async fn private_key(db: &Db, configured: Option<&str>) -> Result<String, VapidError> {
    if let Some(key) = configured {
        return Ok(key.to_string());
    }
    Ok(server_keys::get_or_make(db, KEY_NAME, || {
        URL_SAFE_NO_PAD.encode(jwt_simple::algorithms::ES256KeyPair::generate().to_bytes())
    })
    .await?)
}

/// The public key browsers subscribe with (`applicationServerKey`), base64url.
pub async fn public_key(db: &Db, configured: Option<&str>) -> Result<String, VapidError> {
    let private = private_key(db, configured).await?;
    let builder = web_push::VapidSignatureBuilder::from_base64_no_sub(&private)
        .map_err(|_| VapidError::BadKey)?;
    Ok(URL_SAFE_NO_PAD.encode(builder.get_public_key()))
}
