//! A region of a server-drawn page, drawn anew from the server: the page's own address is
//! fetched again and the region's new content replaces the old. The server draws every
//! state of a status page (it must, for JavaScript off), so a live page needs no copy of that
//! drawing in the wasm: only this, a few kilobytes (docs/decisions/0018-islands.md).

/// Draws the element `id` anew from the page's own address, and the page's title. With
/// `keep_typed`, what the person was typing or choosing in it is kept (by each field's
/// id); the focus is kept.
/// False when the page could not be read or no longer has the region (signed out
/// meanwhile): it stays as it was.
#[cfg(feature = "hydrate")]
pub async fn redraw(id: &str, keep_typed: bool) -> bool {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Some(window) = web_sys::window() else {
        return false;
    };
    let (Some(document), Ok(href)) = (window.document(), window.location().href()) else {
        return false;
    };
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoStore);
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init(&href, &init)).await else {
        return false;
    };
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return false;
    }
    let Ok(text) = response.text() else {
        return false;
    };
    let Some(text) = JsFuture::from(text).await.ok().and_then(|t| t.as_string()) else {
        return false;
    };
    let Ok(parser) = web_sys::DomParser::new() else {
        return false;
    };
    let Ok(fresh) = parser.parse_from_string(&text, web_sys::SupportedType::TextHtml) else {
        return false;
    };
    let (Some(old), Some(new)) = (document.get_element_by_id(id), fresh.get_element_by_id(id))
    else {
        return false;
    };
    let typed = if keep_typed { typed(&old) } else { Vec::new() };
    let focused = document
        .active_element()
        .filter(|e| old.contains(Some(e)))
        .and_then(|e| id_of(&e));
    old.set_inner_html(&new.inner_html());
    // The page's title says the state too (a payment's "Payment received").
    let title = fresh.title();
    if !title.is_empty() && title != document.title() {
        document.set_title(&title);
    }
    for (id, kept) in typed {
        match (document.get_element_by_id(&id), kept) {
            (Some(el), Kept::Checked(on)) => {
                if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                    input.set_checked(on);
                }
            }
            (Some(el), Kept::Value(value)) => set_value(&el, &value),
            (None, _) => {}
        }
    }
    if let Some(el) = focused.and_then(|id| document.get_element_by_id(&id)) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
    true
}

/// What the person changed in a field, against what the server drew.
#[cfg(feature = "hydrate")]
enum Kept {
    Value(String),
    Checked(bool),
}

/// The fields of `region` (with an id) whose value the person changed.
#[cfg(feature = "hydrate")]
fn typed(region: &web_sys::Element) -> Vec<(String, Kept)> {
    use wasm_bindgen::JsCast;
    let mut kept = Vec::new();
    let Ok(fields) = region.query_selector_all("input[id], textarea[id], select[id]") else {
        return kept;
    };
    for i in 0..fields.length() {
        let Some(node) = fields.item(i) else { continue };
        let Some(id) = node.dyn_ref::<web_sys::Element>().and_then(id_of) else {
            continue;
        };
        if let Some(input) = node.dyn_ref::<web_sys::HtmlInputElement>() {
            match input.type_().as_str() {
                "radio" | "checkbox" if input.checked() != input.default_checked() => {
                    kept.push((id, Kept::Checked(input.checked())))
                }
                "radio" | "checkbox" | "hidden" | "file" => {}
                _ if input.value() != input.default_value() => {
                    kept.push((id, Kept::Value(input.value())))
                }
                _ => {}
            }
        } else if let Some(area) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            if area.default_value().is_ok_and(|d| d != area.value()) {
                kept.push((id, Kept::Value(area.value())));
            }
        } else if let Some(select) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
            kept.push((id, Kept::Value(select.value())));
        }
    }
    kept
}

/// An element's id, read as its attribute. Not `Element::id()`: called from a module that
/// `wasm-split` shares between lazy islands, that import crashed the allocator ("memory
/// access out of bounds" in malloc, twice in two builds); `getAttribute` does not.
#[cfg(feature = "hydrate")]
pub fn id_of(element: &web_sys::Element) -> Option<String> {
    element.get_attribute("id").filter(|id| !id.is_empty())
}

/// Puts `value` in a form field (an input, text area or select) the page drew.
#[cfg(feature = "hydrate")]
pub fn set_value(field: &wasm_bindgen::JsValue, value: &str) {
    use wasm_bindgen::JsCast;
    if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    }
}
