//! The key that signs issued documents (Ed25519): `DOCUMENT_SIGNING_KEY` when configured,
//! else one the server made and keeps in the database, so every instance signs with the
//! same key. Its public half is published at `/verify/keys.json` for offline checks.

use crate::data::{server_keys, Db};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

const KEY_NAME: &str = "document_signing_key";

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("the document signing key is not 32 bytes in base64url")]
    BadKey,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub struct Seal {
    key: SigningKey,
    id: String,
}

/// Names the key only: the private half never reaches a log.
impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Seal")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl Seal {
    /// The configured key, or the one kept in the database (made the first time).
    pub async fn load(db: &Db, configured: Option<&str>) -> Result<Seal, SealError> {
        let encoded = match configured {
            Some(key) => key.to_string(),
            None => {
                server_keys::get_or_make(db, KEY_NAME, || {
                    let mut secret = [0u8; 32];
                    rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
                    URL_SAFE_NO_PAD.encode(secret)
                })
                .await?
            }
        };
        let secret: [u8; 32] = URL_SAFE_NO_PAD
            .decode(encoded.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(SealError::BadKey)?;
        Ok(Seal::from_secret(&secret))
    }

    pub fn from_secret(secret: &[u8; 32]) -> Seal {
        let key = SigningKey::from_bytes(secret);
        let id = key_id(&key.verifying_key());
        Seal { key, id }
    }

    pub fn key_id(&self) -> &str {
        &self.id
    }

    /// The public key, base64url of its 32 bytes (what `/verify/keys.json` lists).
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.key.verifying_key().to_bytes())
    }

    /// The signature of `payload`'s bytes, base64url.
    pub fn sign(&self, payload: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.key.sign(payload.as_bytes()).to_bytes())
    }

    /// The payload a code carries, if this key signed exactly it.
    pub fn open(&self, code: &str) -> Option<String> {
        let (payload, signature) = code.trim().split_once('.')?;
        let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        let signature: [u8; 64] = URL_SAFE_NO_PAD.decode(signature).ok()?.try_into().ok()?;
        self.key
            .verifying_key()
            .verify(payload.as_bytes(), &Signature::from_bytes(&signature))
            .ok()?;
        Some(payload)
    }
}

/// A short name for a key (so a code says which key signed it): the first 6 bytes of the
/// SHA-256 of the public key, base64url.
fn key_id(key: &VerifyingKey) -> String {
    URL_SAFE_NO_PAD.encode(&Sha256::digest(key.to_bytes())[..6])
}

/// A code from a stored payload and its signature.
pub fn join(payload: &str, signature: &str) -> String {
    format!("{}.{signature}", URL_SAFE_NO_PAD.encode(payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_payload_opens_and_any_change_breaks_it() {
        let seal = Seal::from_secret(&[7; 32]);
        let payload = r#"{"n":"R-LDS-1","a":"KES 550"}"#;
        let code = join(payload, &seal.sign(payload));
        assert_eq!(seal.open(&code).as_deref(), Some(payload));

        // One character of the payload changed (another amount), signature kept.
        let tampered = join(&payload.replace("550", "5500"), &seal.sign(payload));
        assert_eq!(seal.open(&tampered), None);
        // Signed by another key.
        let other = Seal::from_secret(&[8; 32]);
        assert_ne!(other.key_id(), seal.key_id());
        assert_eq!(seal.open(&join(payload, &other.sign(payload))), None);
        // Not a code at all.
        for junk in ["", ".", "abc", "abc.def", &code.replace('.', "")] {
            assert_eq!(seal.open(junk), None, "{junk}");
        }
    }

    #[test]
    fn the_key_id_is_short_and_stable() {
        let seal = Seal::from_secret(&[7; 32]);
        assert_eq!(seal.key_id().len(), 8);
        assert_eq!(seal.key_id(), Seal::from_secret(&[7; 32]).key_id());
        assert_eq!(seal.public_key().len(), 43);
    }
}
