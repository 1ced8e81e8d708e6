//! Islands: every page renders on the server only; the few interactive pieces are
//! `#[island]`s, hydrated in the browser from the wasm. A page without an island sends no
//! wasm and no script that loads it (docs/decisions/0018-islands.md).
//!
//! A page that has islands places `<IslandScripts/>` once: it puts the preload links into
//! `<head>` and the loader script into the page. Lite pages never get them: their islands
//! stay as rendered, plain HTML and forms that work without JavaScript.

use leptos::prelude::*;

/// The site's built files as served (hashed names): the JS glue and main wasm that islands
/// need, and the stylesheet every page links. Worked out once per process: leptos_meta's
/// `HashedStylesheet` read the hash file from disk on every page view.
#[cfg(feature = "ssr")]
#[derive(Clone)]
pub struct SiteAssets {
    js: String,
    wasm: String,
    pub css: String,
}

#[cfg(feature = "ssr")]
impl SiteAssets {
    /// This build's names, read once, and provided for `IslandScripts` on this page.
    pub fn provide(options: &LeptosOptions) -> SiteAssets {
        static NAMES: std::sync::OnceLock<SiteAssets> = std::sync::OnceLock::new();
        let assets = NAMES.get_or_init(|| asset_names(options)).clone();
        provide_context(assets.clone());
        assets
    }
}

/// `/pkg/<name>[.<hash>].js`, `.wasm` and `.css`, as `leptos::HydrationScripts` and
/// `HashedStylesheet` work them out: the hashes are in the file cargo-leptos writes beside
/// the server binary.
#[cfg(feature = "ssr")]
fn asset_names(options: &LeptosOptions) -> SiteAssets {
    let name = options.output_name.to_string();
    let (mut js, mut wasm, mut css) = (name.clone(), name.clone(), name);
    if options.hash_files {
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .and_then(|file| std::fs::read_to_string(file).ok())
            .unwrap_or_default();
        for (file, hash) in hashes.lines().filter_map(|l| l.trim().split_once(':')) {
            match file {
                "js" => js = format!("{js}.{}", hash.trim()),
                "wasm" => wasm = format!("{wasm}.{}", hash.trim()),
                "css" => css = format!("{css}.{}", hash.trim()),
                _ => {}
            }
        }
    } else if option_env!("LEPTOS_OUTPUT_NAME").is_none() {
        wasm.push_str("_bg");
    }
    let pkg = &options.site_pkg_dir;
    SiteAssets {
        js: format!("/{pkg}/{js}.js"),
        wasm: format!("/{pkg}/{wasm}.wasm"),
        css: format!("/{pkg}/{css}.css"),
    }
}

/// The scripts that hydrate this page's islands; nothing on lite pages. Place it once on a
/// page that has islands, outside them (it renders on the server only).
#[component]
pub fn IslandScripts() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use leptos_meta::Link;
        let assets = use_context::<SiteAssets>().filter(|_| !crate::lite::use_lite())?;
        let loader = loader(&assets.js, &assets.wasm);
        Some(view! {
            // In <head> (leptos_meta), so both downloads start before the page is parsed.
            <Link rel="modulepreload" href=assets.js />
            <Link rel="preload" href=assets.wasm as_="fetch" type_="application/wasm"
                crossorigin="anonymous" />
            <script type="module" nonce=leptos::nonce::use_nonce() inner_html=loader></script>
        })
    }
    #[cfg(not(feature = "ssr"))]
    None::<()>
}

/// The loader: once the browser is idle, loads the glue and the wasm, hydrates each island
/// in document order (a lazy island fetches its own module first), then marks
/// `<html data-hydrated>` so tests and styles can tell. A missing island is a console error,
/// which the end-to-end suite fails on.
#[cfg(feature = "ssr")]
fn loader(js: &str, wasm: &str) -> String {
    format!(
        "(function(){{function go(){{import({js:?}).then(function(m){{\
         return m.default({{module_or_path:{wasm:?}}}).then(function(){{m.hydrate();\
         var done=Promise.resolve();\
         document.querySelectorAll('leptos-island').forEach(function(el){{done=done.then(function(){{\
         var f=m[el.dataset.component];\
         if(f)return f(el);console.error('no island '+el.dataset.component)}})}});\
         return done}})}}).then(function(){{document.documentElement.setAttribute('data-hydrated','true')}})}}\
         if('requestIdleCallback' in window)requestIdleCallback(go);else setTimeout(go)}})()"
    )
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn the_loader_names_the_files_it_loads() {
        let script = super::loader("/pkg/uraia.abc.js", "/pkg/uraia.def.wasm");
        assert!(script.contains(r#"import("/pkg/uraia.abc.js")"#));
        assert!(script.contains(r#"module_or_path:"/pkg/uraia.def.wasm""#));
        assert!(
            !script.contains("</"),
            "nothing that could close the script element"
        );
    }
}
