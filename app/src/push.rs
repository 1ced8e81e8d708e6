//! The browser half of Web Push: registers the service worker (`/sw.js`, which shows the
//! notifications), subscribes through the browser's push service with the server's VAPID
//! public key, and returns the subscription as the server stores it. Called on a click,
//! after hydration; on the server (rendering) nothing here runs.

/// A subscription: the push service's address and the browser's keys (base64url).
pub struct Subscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Subscription;
    use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
        Reflect::get(target, &JsValue::from_str(key))
    }

    async fn call(target: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
        let f: Function = get(target, name)?.dyn_into()?;
        let result = match args {
            [] => f.call0(target)?,
            [a] => f.call1(target, a)?,
            _ => return Err(JsValue::NULL),
        };
        match result.dyn_into::<Promise>() {
            Ok(promise) => JsFuture::from(promise).await,
            Err(value) => Ok(value),
        }
    }

    pub fn supported() -> bool {
        let global = js_sys::global();
        let has = |target: &JsValue, key: &str| get(target, key).is_ok_and(|v| !v.is_undefined());
        has(&global, "PushManager")
            && has(&global, "Notification")
            && get(&global, "navigator").is_ok_and(|n| has(&n, "serviceWorker"))
    }

    /// base64url → bytes, through the browser's `atob`.
    fn key_bytes(key: &str) -> Result<Uint8Array, JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let standard: String = key
            .chars()
            .map(|c| match c {
                '-' => '+',
                '_' => '/',
                c => c,
            })
            .collect();
        let padded = format!("{standard}{}", "=".repeat((4 - standard.len() % 4) % 4));
        let binary = window.atob(&padded)?;
        let bytes: Vec<u8> = binary.chars().map(|c| c as u8).collect();
        Ok(Uint8Array::from(bytes.as_slice()))
    }

    pub async fn subscribe(public_key: &str) -> Result<Subscription, JsValue> {
        let global = js_sys::global();
        let container = get(&get(&global, "navigator")?, "serviceWorker")?;
        call(&container, "register", &[&JsValue::from_str("/sw.js")]).await?;
        let registration = get(&container, "ready")?;
        let registration = JsFuture::from(registration.dyn_into::<Promise>()?).await?;
        let manager = get(&registration, "pushManager")?;
        let options = Object::new();
        Reflect::set(&options, &"userVisibleOnly".into(), &JsValue::TRUE)?;
        Reflect::set(
            &options,
            &"applicationServerKey".into(),
            &key_bytes(public_key)?.into(),
        )?;
        let subscription = call(&manager, "subscribe", &[&options]).await?;
        let json = call(&subscription, "toJSON", &[]).await?;
        let keys = get(&json, "keys")?;
        let text = |v: JsValue| v.as_string().ok_or(JsValue::NULL);
        Ok(Subscription {
            endpoint: text(get(&json, "endpoint")?)?,
            p256dh: text(get(&keys, "p256dh")?)?,
            auth: text(get(&keys, "auth")?)?,
        })
    }
}

/// Whether this browser can receive Web Push (false while rendering on the server).
pub fn supported() -> bool {
    #[cfg(feature = "hydrate")]
    return browser::supported();
    #[cfg(not(feature = "hydrate"))]
    false
}

/// Subscribes this browser; `None` when the person said no or the browser refused.
pub async fn subscribe(public_key: &str) -> Option<Subscription> {
    #[cfg(feature = "hydrate")]
    return browser::subscribe(public_key).await.ok();
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = public_key;
        None
    }
}
