//! Writes the static site into Trunk's staging folder (run by the post_build hook in
//! Trunk.toml, so `trunk build --release` produces it): the whole article into `index.html`,
//! every step's figure as SVG under `figures/`, one embed page per graphic under `embed/`,
//! `embed.html` listing them, Trunk's start-up script moved into `start.js` so no page needs an
//! inline script, and both binaries cut into parts the pages fetch when they need them (`cut`).
//! `cargo run --bin site -- <dir>` does the same to any built folder.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = run() {
        eprintln!("site: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> Result<(), String> {
    use explainer::data::{DataText, Dataset};
    use explainer::lang::Lang;
    use explainer::maps::Geo;
    use explainer::site::{
        allow_style, deferred_start, drop_wasm_preload, externalise_start_script, fill, inline_stylesheet, with_meta,
        Site,
    };
    use explainer::story::{Edition, Said, Story};
    use std::fs;
    use std::path::{Path, PathBuf};

    let dir: PathBuf = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok())
        .ok_or("usage: site <built site folder> (or TRUNK_STAGING_DIR set)")?
        .into();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let write_bytes = |rel: &str, bytes: &[u8]| -> Result<(), String> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    let write = |rel: &str, text: &str| write_bytes(rel, text.as_bytes());

    let geo_text =
        fs::read_to_string(root.join("assets").join(explainer::maps::geo::BASE_FILE)).map_err(|e| e.to_string())?;
    let geo = Geo::parse(&geo_text).map_err(|e| e.to_string())?;
    // What the page fetches: the same base map in the binary format (index.html copies no JSON).
    write_bytes(explainer::maps::GEO_FILE, &Geo::file(&geo_text).map_err(|e| e.to_string())?)?;

    let template = fs::read_to_string(dir.join("index.html")).map_err(|e| format!("index.html: {e}"))?;
    let (template, start) = externalise_start_script(&template, "start.js")?;
    let template = drop_wasm_preload(&template);
    // The stylesheet inline, let in by its hash (in the page's <meta> policy and in _headers).
    let (template, style_hash) =
        inline_stylesheet(&template, |f| fs::read_to_string(dir.join(f)).map_err(|e| format!("{f}: {e}")))?;
    let template = allow_style(&template, &style_hash)?;
    let headers = fs::read_to_string(dir.join("_headers")).map_err(|e| format!("_headers: {e}"))?;
    write("_headers", &allow_style(&headers, &style_hash)?)?;
    // The static article paints first; the edition, the wasm's glue and the wasm are asked for
    // after that frame, so nothing competes with the first paint.
    let start = deferred_start(&start)?;
    write("start.js", &start)?;
    story_binary(&dir, &start)?;
    embed_binary(&dir)?;
    let start_tag = r#"<script type="module" src="start.js"></script>"#;
    if !template.contains(start_tag) {
        return Err(format!("the page template has no {start_tag}"));
    }
    if !template.contains(r#"<html lang="en">"#) {
        return Err("the page template has no <html lang=\"en\">".into());
    }

    let mut figures = 0;
    for lang in Lang::ALL {
        let story = Story::bundled_in(lang)?;
        let mut data = Dataset::bundled();
        let unknown = data.localize(lang, &DataText::bundled(lang)?);
        if !unknown.is_empty() {
            return Err(format!("assets/story/i18n/{}/data.toml names what the data lacks: {unknown:?}", lang.code()));
        }
        // What the page's wasm fetches: the story's views and the checked, translated dataset.
        write_bytes(&Edition::path(lang), &Edition::file(lang, &data)?)?;
        // The embed binary's, beside it: each step's description and source line.
        write_bytes(&Said::path(lang), &Said::file(lang, &data)?)?;
        let site = Site::new(&story, &data, Some(&geo))?;
        // Other languages sit one folder down; a <base> keeps every relative URL at the root.
        // `data-edition`: the file start.js preloads after the first frame, while the wasm
        // downloads (the wasm's fetch then reuses it: same URL, CORS mode and credentials).
        let edition = Edition::path(lang);
        let tag = format!(r#"<html lang="{}" data-edition="{edition}">"#, lang.tag());
        let page = template.replacen(r#"<html lang="en">"#, &tag, 1);
        let page = if lang == Lang::En { page } else { page.replacen("<head>", r#"<head><base href="../">"#, 1) };
        write(lang.page(), &fill(&with_meta(&page, &site.story_meta())?, &site.article())?)?;
        for (path, svg) in site.figures() {
            write(&path, &svg)?;
            figures += 1;
        }
        // Embed pages, one per graphic in each language (`ru/embed/<graphic>.html`): a reader
        // without script, or before the wasm, sees the graphic in the host article's language.
        let (dir, base) = match lang {
            Lang::En => (String::new(), "../"),
            lang => (format!("{}/", lang.code()), "../../"),
        };
        let embed_template = template
            .replacen(
                r#"<html lang="en">"#,
                &format!(r#"<html lang="{}" class="embed-mode" data-edition="{edition}">"#, lang.tag()),
                1,
            )
            .replacen("<body>", r#"<body class="embed-page">"#, 1)
            .replacen(start_tag, &start_tag.replace("start.js", explainer::embed::EMBED_START), 1);
        if lang == Lang::En {
            // `embed.html`, the list of graphics (and the old `embed.html?g=…` links).
            let embed_index = with_meta(&embed_template, &site.embed_index_meta())?;
            write("embed.html", &fill(&embed_index, &site.embed_index_body())?)?;
        }
        for (c, ch) in story.chapters.iter().enumerate() {
            let page = embed_template.replacen("<head>", &format!(r#"<head><base href="{base}">"#), 1).replacen(
                r#"<body class="embed-page">"#,
                &format!(r#"<body class="embed-page" data-graphic="{}">"#, ch.graphic),
                1,
            );
            let page = with_meta(&page, &site.embed_meta(c))?;
            write(&format!("{dir}embed/{}.html", ch.graphic), &fill(&page, &site.embed_body(c))?)?;
        }
    }
    println!("site: {} languages, embed pages, {figures} figures written to {}", Lang::ALL.len(), dir.display());
    Ok(())
}

/// The story binary (src/main.rs) in parts (`cut`), under the names Trunk gave it: start.js
/// (`start`, already written) imports `explainer-<hash>.js`.
#[cfg(not(target_arch = "wasm32"))]
fn story_binary(dir: &std::path::Path, start: &str) -> Result<(), String> {
    let stem = start
        .split("import('./")
        .nth(1)
        .and_then(|s| s.split(".js')").next())
        .filter(|s| s.starts_with("explainer-"))
        .ok_or("Trunk's start script imports no explainer-<hash>.js")?;
    cut(dir, "explainer", stem)
}

/// The embed binary (src/bin/embed.rs) in parts (`cut`), named by the content of the wasm cargo
/// wrote (`embed-<hash>`), so a host's cache never pairs new glue with an old wasm, and started
/// by embed-start.js. Trunk built it as a "worker" (no tag in the page) and bound it as
/// `embed.js`/`embed_bg.wasm`, which are removed.
#[cfg(not(target_arch = "wasm32"))]
fn embed_binary(dir: &std::path::Path) -> Result<(), String> {
    use std::hash::{Hash, Hasher};
    let raw = cargo_wasm("embed");
    let bytes = std::fs::read(&raw).map_err(|e| format!("{}: {e}", raw.display()))?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    let stem = format!("embed-{:016x}", h.finish());
    cut(dir, "embed", &stem)?;
    for f in ["embed.js", "embed_bg.wasm"] {
        std::fs::remove_file(dir.join(f)).map_err(|e| format!("{f} (Trunk's embed binary): {e}"))?;
    }
    let start = explainer::site::embed_start(&format!("./{stem}.js"), &format!("./{stem}_bg.wasm"));
    std::fs::write(dir.join(explainer::embed::EMBED_START), start).map_err(|e| e.to_string())
}

/// The JS classes wasm-bindgen exports for a dependency and no page uses (`site::imports::drop_classes`):
/// wasm-streams', which Leptos's `server_fn` brings.
#[cfg(not(target_arch = "wasm32"))]
const UNUSED_CLASSES: &[&str] = &["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/// The wasm cargo wrote for binary `bin` in the profile Trunk built.
#[cfg(not(target_arch = "wasm32"))]
fn cargo_wasm(bin: &str) -> std::path::PathBuf {
    let profile = std::env::var("TRUNK_PROFILE").unwrap_or_else(|_| "release".into());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map(Into::into).unwrap_or_else(|| root.join("target"));
    target.join("wasm32-unknown-unknown").join(profile).join(format!("{bin}.wasm"))
}

/// Cuts binary `bin` into parts as `stem.js`/`stem_bg.wasm` (the first part, ES module glue),
/// `stem-maps.wasm` (the maps' code, src/maps/lazy.rs), `stem-tools.wasm` (the downloads' and
/// data tables' code, src/embed/lazy.rs) and `stem-split.js` (their loader). Trunk built it
/// with the `split` feature and bound it whole, and has no place for the steps between:
/// `wasm-split-cli` cuts what only the split points reach out of cargo's wasm, `wasm-bindgen`
/// binds what is left (its imports then get short names and unused classes leave, `site::imports`), `wasm-opt -Oz` shrinks each part with the params index.html gives the
/// binary's link (whose own wasm-opt level is "0", for Trunk), and `terser` minifies the glue
/// and the loader.
#[cfg(not(target_arch = "wasm32"))]
fn cut(dir: &std::path::Path, bin: &str, stem: &str) -> Result<(), String> {
    use std::path::Path;
    use std::process::Command;
    let run = |cmd: &mut Command| -> Result<(), String> {
        let what = format!("{cmd:?}");
        let status = cmd.status().map_err(|e| format!("{what}: {e} (scripts/setup.sh installs it)"))?;
        status.success().then_some(()).ok_or(format!("{what} failed: {status}"))
    };
    let raw = cargo_wasm(bin);
    let work = raw.with_file_name(format!("wasm-split-{bin}"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("bound")).map_err(|e| format!("{}: {e}", work.display()))?;

    run(Command::new("wasm-split-cli").args(["--target", "web", "--out-name", stem]).arg(&raw).arg(&work))?;
    if !work.join("split_maps.wasm").exists() {
        return Err(format!("{bin}.wasm has no maps to cut out: was it built without the `split` feature?"));
    }
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--keep-lld-exports", "--no-typescript", "--out-name", stem, "--out-dir"])
        .arg(work.join("bound"))
        .arg(work.join(format!("{stem}.wasm"))))?;
    // Short names for what the wasm imports from its glue (`site::imports`), in both.
    let (wasm_file, glue_file) =
        (work.join("bound").join(format!("{stem}_bg.wasm")), work.join("bound").join(format!("{stem}.js")));
    let wasm = std::fs::read(&wasm_file).map_err(|e| format!("{}: {e}", wasm_file.display()))?;
    let glue = std::fs::read_to_string(&glue_file).map_err(|e| format!("{}: {e}", glue_file.display()))?;
    let (wasm, glue) = explainer::site::imports::shorten(&wasm, &glue, &format!("./{stem}_bg.js"))
        .and_then(|(wasm, glue)| explainer::site::imports::drop_classes(&wasm, &glue, UNUSED_CLASSES))
        .map_err(|e| format!("{}: {e}", wasm_file.display()))?;
    std::fs::write(&wasm_file, wasm).map_err(|e| e.to_string())?;
    std::fs::write(&glue_file, glue).map_err(|e| e.to_string())?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let index = std::fs::read_to_string(root.join("index.html")).map_err(|e| format!("index.html: {e}"))?;
    let opt_params = index
        .split("<link")
        .find(|l| l.contains(&format!(r#"data-bin="{bin}""#)))
        .and_then(|l| l.split(r#"data-wasm-opt-params=""#).nth(1))
        .and_then(|p| p.split('"').next())
        .ok_or(format!("index.html gives {bin}'s link no data-wasm-opt-params"))?;
    let opt = |from: &Path, to: &str| {
        run(Command::new("wasm-opt")
            .arg("-Oz")
            .args(opt_params.split_whitespace())
            .arg(from)
            .arg("-o")
            .arg(dir.join(to)))
    };
    opt(&work.join("bound").join(format!("{stem}_bg.wasm")), &format!("{stem}_bg.wasm"))?;

    // The loader and the chunks take names of their own: `split_<name>.wasm` (maps, tools) and
    // `chunk_<n>.wasm` (code two of them share, fetched with either). Only the glue's `import`
    // statements change (its import object keeps the module name the wasm asks for).
    let loader = format!("{stem}-split.js");
    let bound = std::fs::read_to_string(work.join("bound").join(format!("{stem}.js"))).map_err(|e| e.to_string())?;
    let mut linker = std::fs::read_to_string(work.join("__wasm_split.js")).map_err(|e| e.to_string())?;
    let import = "from \"./__wasm_split.js\"";
    if !bound.contains(import) {
        return Err(format!("{stem}.js does not import wasm-split-cli's loader"));
    }
    for entry in std::fs::read_dir(&work).map_err(|e| e.to_string())? {
        let file = entry.map_err(|e| e.to_string())?.file_name().to_string_lossy().into_owned();
        let Some(name) = file.strip_suffix(".wasm").filter(|f| f.starts_with("split_") || f.starts_with("chunk_"))
        else {
            continue;
        };
        let name = name.trim_start_matches("split_").replace('_', "-");
        let (from, to) = (format!("\"./{file}\""), format!("{stem}-{name}.wasm"));
        if !linker.contains(&from) {
            return Err(format!("wasm-split-cli's loader does not name its chunk {file}"));
        }
        opt(&work.join(&file), &to)?;
        linker = linker.replace(&from, &format!("\"./{to}\""));
    }
    let write = |f: &str, text: &str| std::fs::write(dir.join(f), text).map_err(|e| format!("{f}: {e}"));
    write(&format!("{stem}.js"), &bound.replace(import, &format!("from \"./{loader}\"")))?;
    write(&loader, &linker)?;
    // Both minified: the glue is 63 KB as wasm-bindgen writes it, 28 KB after (1.6 KB less
    // brotli); only names inside the modules change (the wasm's imports are named by strings).
    for f in [format!("{stem}.js"), loader] {
        let file = dir.join(f);
        run(Command::new("terser").arg(&file).args(["--module", "--compress", "--mangle", "--output"]).arg(&file))?;
    }
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
