//! The browser half of passkeys: hands the server's options to `navigator.credentials` and
//! returns the credential as JSON. The JSON forms of WebAuthn
//! (`PublicKeyCredential.parse…OptionsFromJSON`, `credential.toJSON()`) do the base64url
//! work, so this stays a few calls instead of a copy of the WebAuthn types in the wasm.
//! Browsers without them (older than 2024–25) are not offered passkeys.
//! On the server (rendering) nothing here is ever called: passkeys start on a click.

#[cfg(feature = "hydrate")]
mod browser {
    use js_sys::{Function, Object, Promise, Reflect, JSON};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
        Reflect::get(target, &JsValue::from_str(key))
    }

    fn method(target: &JsValue, key: &str) -> Result<Function, JsValue> {
        get(target, key)?.dyn_into::<Function>()
    }

    fn public_key_credential() -> Option<JsValue> {
        get(&js_sys::global(), "PublicKeyCredential")
            .ok()
            .filter(|v| !v.is_undefined())
    }

    pub fn supported() -> bool {
        public_key_credential()
            .and_then(|p| get(&p, "parseRequestOptionsFromJSON").ok())
            .is_some_and(|f| f.is_function())
    }

    /// One ceremony: `parse` is the options parser, `call` the `navigator.credentials` method.
    pub async fn ceremony(options: &str, parse: &str, call: &str) -> Result<String, JsValue> {
        let class = public_key_credential().ok_or(JsValue::NULL)?;
        let options = JSON::parse(options)?;
        let public_key = method(&class, parse)?.call1(&class, &get(&options, "publicKey")?)?;
        let request = Object::new();
        Reflect::set(&request, &JsValue::from_str("publicKey"), &public_key)?;
        let credentials = get(&get(&js_sys::global(), "navigator")?, "credentials")?;
        let promise: Promise = method(&credentials, call)?
            .call1(&credentials, &request)?
            .dyn_into()?;
        let credential = JsFuture::from(promise).await?;
        let json = method(&credential, "toJSON")?.call0(&credential)?;
        JSON::stringify(&json)?.as_string().ok_or(JsValue::NULL)
    }
}

/// Whether this browser can use passkeys here (false while rendering on the server).
pub fn supported() -> bool {
    #[cfg(feature = "hydrate")]
    return browser::supported();
    #[cfg(not(feature = "hydrate"))]
    false
}

/// Makes a passkey (`navigator.credentials.create`); `None` when the person cancelled or
/// the browser refused.
pub async fn create(options: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    return browser::ceremony(options, "parseCreationOptionsFromJSON", "create")
        .await
        .ok();
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = options;
        None
    }
}

/// Signs a challenge with a passkey (`navigator.credentials.get`).
pub async fn get(options: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    return browser::ceremony(options, "parseRequestOptionsFromJSON", "get")
        .await
        .ok();
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = options;
        None
    }
}
