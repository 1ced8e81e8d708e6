//! The browser half of uploads, after hydration: a photo taken on the phone is made smaller
//! before it is sent (a canvas, JPEG at 85%, at most 1600 pixels on its long side, which
//! keeps a passport photo well above the 400 × 500 minimum), to save the person's data; and
//! the upload goes by XMLHttpRequest so its progress can be shown. The form and the server
//! are the same as without JavaScript: the server still checks and re-encodes everything,
//! and the browser then goes where the server sent it (the part with the file, or with the
//! problem). On the server (rendering) nothing here runs: it starts on a submit.

/// The largest file the server takes, in MB (checked again there: files/check.rs).
pub const MAX_MB: u32 = 5;

/// Images are made smaller when their long side is over this.
pub const MAX_SIDE: u32 = 1600;

/// The size to scale an image of `width` × `height` to, if it needs scaling.
pub fn scaled(width: u32, height: u32) -> Option<(u32, u32)> {
    let long = width.max(height);
    (long > MAX_SIDE).then(|| {
        let f = MAX_SIDE as f64 / long as f64;
        (
            ((width as f64 * f).round() as u32).max(1),
            ((height as f64 * f).round() as u32).max(1),
        )
    })
}

#[cfg(feature = "hydrate")]
mod browser {
    use js_sys::Promise;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Blob, CanvasRenderingContext2d, File, FormData, HtmlCanvasElement, HtmlFormElement,
        HtmlImageElement, HtmlInputElement, ProgressEvent, Url, XmlHttpRequest,
    };

    /// A smaller JPEG of an image file, or `None` to send the file as it is (not an image,
    /// already small, or the browser could not draw it).
    async fn shrink(file: &File) -> Option<Blob> {
        if !matches!(file.type_().as_str(), "image/jpeg" | "image/png") {
            return None;
        }
        let url = Url::create_object_url_with_blob(file).ok()?;
        let image = HtmlImageElement::new().ok()?;
        image.set_src(&url);
        let decoded = JsFuture::from(image.decode()).await;
        let _ = Url::revoke_object_url(&url);
        decoded.ok()?;
        let (width, height) = super::scaled(image.natural_width(), image.natural_height())?;
        let document = web_sys::window()?.document()?;
        let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width(width);
        canvas.set_height(height);
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context
            .draw_image_with_html_image_element_and_dw_and_dh(
                &image,
                0.0,
                0.0,
                width as f64,
                height as f64,
            )
            .ok()?;
        let blob = JsFuture::from(Promise::new(&mut |resolve, _reject| {
            let done = Closure::once_into_js(move |blob: JsValue| {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            });
            let _ = canvas.to_blob_with_type_and_encoder_options(
                done.unchecked_ref(),
                "image/jpeg",
                &JsValue::from_f64(0.85),
            );
        }))
        .await
        .ok()?;
        blob.dyn_into::<Blob>().ok()
    }

    /// A big photo made smaller, with its name ending in `.jpg`; `None` to send the file as
    /// it is.
    pub async fn smaller(file: &File) -> Option<(Blob, String)> {
        let blob = shrink(file).await?;
        let name = match file.name().rsplit_once('.') {
            Some((stem, _)) => format!("{stem}.jpg"),
            None => format!("{}.jpg", file.name()),
        };
        Some((blob, name))
    }

    /// Why an upload was not sent from the page.
    pub enum NotSent {
        /// Over the server's limit (checked here first, and the server's 413): said beside
        /// the field, with the page and what was typed left as they are.
        TooLarge,
        /// The browser could not send it: the form goes the plain way instead.
        Failed(JsValue),
    }

    impl From<JsValue> for NotSent {
        fn from(error: JsValue) -> Self {
            NotSent::Failed(error)
        }
    }

    /// Sends the upload form with its file (made smaller when it is a big photo), telling
    /// `progress` the share sent (0–100); then follows the server's answer. Errors leave the
    /// page as it is, so the person can use the button again (a plain post).
    pub async fn send(
        form: HtmlFormElement,
        progress: impl Fn(u32) + 'static,
    ) -> Result<(), NotSent> {
        let input: HtmlInputElement = form
            .query_selector("input[type=file]")?
            .ok_or(JsValue::NULL)?
            .dyn_into()
            .map_err(JsValue::from)?;
        let file = input.files().and_then(|f| f.get(0)).ok_or(JsValue::NULL)?;
        let data = FormData::new_with_form(&form)?;
        let size = match smaller(&file).await {
            Some((smaller, name)) => {
                data.set_with_blob_and_filename("file", &smaller, &name)?;
                smaller.size()
            }
            None => file.size(),
        };
        if size > super::MAX_MB as f64 * 1024.0 * 1024.0 {
            return Err(NotSent::TooLarge);
        }
        let xhr = XmlHttpRequest::new()?;
        xhr.open("POST", &form.action())?;
        // Answer as to a plain form post: a redirect to the page to show next.
        xhr.set_request_header("Accept", "text/html")?;
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                progress((e.loaded() / e.total() * 100.0).round() as u32);
            }
        });
        xhr.upload()?
            .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        let finished = Promise::new(&mut |resolve, reject| {
            let (ok, failed) = (resolve.clone(), reject);
            let load = Closure::once_into_js(move || {
                let _ = ok.call0(&JsValue::NULL);
            });
            let error = Closure::once_into_js(move || {
                let _ = failed.call0(&JsValue::NULL);
            });
            xhr.set_onload(Some(load.unchecked_ref()));
            xhr.set_onerror(Some(error.unchecked_ref()));
        });
        xhr.send_with_opt_form_data(Some(&data))?;
        JsFuture::from(finished).await?;
        drop(on_progress);
        if xhr.status()? == 413 {
            return Err(NotSent::TooLarge);
        }
        let next = xhr.response_url();
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        if next.is_empty() {
            window.location().reload()?;
        } else {
            window.location().assign(&next)?;
        }
        Ok(())
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{send, smaller, NotSent};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_photos_are_scaled_to_the_long_side_and_small_ones_left_alone() {
        assert_eq!(scaled(4000, 3000), Some((1600, 1200)));
        assert_eq!(scaled(3024, 4032), Some((1200, 1600)));
        assert_eq!(scaled(1600, 1200), None);
        assert_eq!(scaled(420, 540), None);
    }
}
