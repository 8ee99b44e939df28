//! The built page as a template: Trunk's `index.html` turned into each static page. Meta tags,
//! the article in place of `<div id="app">`, the wasm preload dropped, the start-up script moved
//! to a file and the stylesheet inlined under its hash, so every page passes a strict
//! Content-Security-Policy.

use super::html::esc;
use crate::lang::Lang;

/// What a page says about itself to search engines and link previews: `<title>`, description
/// and Open Graph / Twitter card tags. `image` is relative; set an absolute `og:image` at
/// deploy time where the host is known (README).
pub struct PageMeta<'a> {
    /// Whether the page exists in every language (the story does): `hreflang` alternates.
    pub alternates: bool,
    pub title: &'a str,
    pub description: &'a str,
    pub image: String,
    pub image_alt: String,
}

impl PageMeta<'_> {
    pub fn to_html(&self) -> String {
        let (t, d, i, a) = (esc(self.title), esc(self.description), esc(&self.image), esc(&self.image_alt));
        let mut links = String::new();
        if self.alternates {
            for lang in Lang::ALL {
                links.push_str(&format!(r#"<link rel="alternate" hreflang="{}" href="{}">"#, lang.tag(), lang.page()));
            }
            links.push_str(&format!(r#"<link rel="alternate" hreflang="x-default" href="{}">"#, Lang::En.page()));
        }
        links
            + &format!(
                r#"<title>{t}</title><meta name="description" content="{d}"><meta property="og:type" content="article"><meta property="og:title" content="{t}"><meta property="og:description" content="{d}"><meta property="og:image" content="{i}"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630"><meta property="og:image:alt" content="{a}"><meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="{t}"><meta name="twitter:description" content="{d}"><meta name="twitter:image" content="{i}">"#
            )
    }
}

/// `page` with `meta` written at the end of its head.
pub fn with_meta(page: &str, meta: &PageMeta) -> Result<String, String> {
    if !page.contains("</head>") {
        return Err("the page template has no </head>".into());
    }
    Ok(page.replacen("</head>", &format!("{}</head>", meta.to_html()), 1))
}

/// The built page with `body` in place of the `<div id="app"></div>` placeholder.
pub fn fill(template: &str, body: &str) -> Result<String, String> {
    const SLOT: &str = r#"<div id="app"></div>"#;
    if !template.contains(SLOT) {
        return Err(format!("the page template has no {SLOT}"));
    }
    Ok(template.replacen(SLOT, &format!(r#"<div id="app">{body}</div>"#), 1))
}

/// The page without Trunk's preloads of the wasm (`<link rel="preload" … type="application/wasm">`)
/// and of its JavaScript glue (`<link rel="modulepreload">`): fetched at once, they compete with
/// the article's own first paint for the reader's bandwidth. start.js asks for both right after
/// that paint instead.
pub fn drop_wasm_preload(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(i) =
        rest.find("<link rel=\"preload\"").into_iter().chain(rest.find("<link rel=\"modulepreload\"")).min()
    {
        let end = rest[i..].find('>').map(|e| i + e + 1).unwrap_or(rest.len());
        out.push_str(&rest[..i]);
        let tag = &rest[i..end];
        if !tag.contains("application/wasm") && !tag.contains("modulepreload") {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Trunk writes its start-up module as an inline script, which a strict Content-Security-Policy
/// refuses. Moves its body into a file: returns the page with `<script type="module"
/// src="{file}">` instead, and the script's text.
pub fn externalise_start_script(page: &str, file: &str) -> Result<(String, String), String> {
    const OPEN: &str = r#"<script type="module">"#;
    let start = page.find(OPEN).ok_or("the built page has no inline module script")?;
    let body_start = start + OPEN.len();
    let end = page[body_start..].find("</script>").ok_or("unterminated module script")? + body_start;
    let script = page[body_start..end].trim().to_string();
    let replaced = format!(
        r#"{}<script type="module" src="{file}"></script>{}"#,
        &page[..start],
        &page[end + "</script>".len()..]
    );
    Ok((replaced, script))
}

/// The page with its stylesheet inline: the article's first paint then waits for one request,
/// not two (the LCP on a slow phone network). `read(href)` gives the file Trunk wrote; its
/// comments, which document the source, are left out (`without_comments`: 0.9 KB brotli of every
/// page). Returns the page and the `'sha384-…'` source that lets this one style element in, and
/// no other, under the Content-Security-Policy: the hash of the exact text inlined.
pub fn inline_stylesheet(
    page: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<(String, String), String> {
    use base64::Engine;
    use sha2::Digest;
    let start = page.find(r#"<link rel="stylesheet" href="./main-"#).ok_or("the built page links no main-*.css")?;
    let end = page[start..].find('>').ok_or("unterminated stylesheet link")? + start + 1;
    let tag = &page[start..end];
    let href = tag
        .split_once(r#"href=""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(href, _)| href)
        .ok_or("stylesheet link without href")?;
    let css = without_comments(&read(href.trim_start_matches("./"))?)?;
    if css.contains("</style") {
        return Err(format!("{href} contains </style"));
    }
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(css.as_bytes()));
    Ok((format!("{}<style>{css}</style>{}", &page[..start], &page[end..]), format!("'sha384-{hash}'")))
}

/// `css` without its `/* … */` comments (outside strings) and the lines they leave blank. An
/// unterminated comment or string is an error: the browser would drop the rest of the sheet.
fn without_comments(css: &str) -> Result<String, String> {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find(['/', '"', '\'']) {
        let (before, at) = rest.split_at(i);
        out.push_str(before);
        if let Some(comment) = at.strip_prefix("/*") {
            let close = comment.find("*/").ok_or("the stylesheet has an unterminated comment")?;
            rest = &comment[close + 2..];
        } else if let Some(after) = at.strip_prefix('/') {
            out.push('/');
            rest = after;
        } else {
            // A string, copied whole (a comment's marks inside it are text).
            let quote = at.chars().next().unwrap_or('"');
            let close = at[1..].find(quote).ok_or("the stylesheet has an unterminated string")?;
            out.push_str(&at[..close + 2]);
            rest = &at[close + 2..];
        }
    }
    out.push_str(rest);
    Ok(out.lines().filter(|l| !l.trim().is_empty()).map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n")
}

/// `policy` with `source` added to its `style-src` (the page's `<meta>` policy or `_headers`).
pub fn allow_style(policy_text: &str, source: &str) -> Result<String, String> {
    const STYLE: &str = "style-src 'self'";
    if !policy_text.contains(STYLE) {
        return Err(format!("no “{STYLE}” in the policy to add {source} to"));
    }
    Ok(policy_text.replace(STYLE, &format!("{STYLE} {source}")))
}

/// start.js from Trunk's start-up module: after the article's first frame, it asks for the page's
/// edition (`<html data-edition>`, a preload the wasm's own fetch then reuses) and only then
/// imports the wasm's glue. Nothing but the article and its stylesheet is requested before the
/// first paint, so the reader's bandwidth goes to what they see first. Trunk's static
/// `import init, * as bindings from '…';` (fetched at once, however late it runs) becomes a
/// dynamic import; a module of another shape is an error, not a silent early fetch.
pub fn deferred_start(module: &str) -> Result<String, String> {
    const IMPORT: &str = "import init, * as bindings from ";
    let at = module.find(IMPORT).ok_or("Trunk's start-up module has no `import init, * as bindings from`")?;
    let end = module[at..].find(';').ok_or("unterminated import in Trunk's start-up module")? + at;
    let path = module[at + IMPORT.len()..end].trim();
    if module[end..].contains("import ") {
        return Err("Trunk's start-up module has more than one import".into());
    }
    Ok(format!(
        "{WAIT_FIRST_FRAME}\n{PRELOAD_EDITION}\nconst bindings = await import({path});\nconst init = bindings.default;\n{}{}\n",
        &module[..at],
        &module[end + 1..]
    ))
}

/// What both start-up scripts do first: wait for the article's first frame, then preload the
/// page's edition (`<html data-edition>`).
const WAIT_FIRST_FRAME: &str = "await new Promise((ready) => requestAnimationFrame(() => setTimeout(ready, 0)));";
const PRELOAD_EDITION: &str = r#"const edition = document.documentElement.dataset.edition;
if (edition) {
  const link = Object.assign(document.createElement("link"), { rel: "preload", as: "fetch", href: edition });
  link.crossOrigin = "anonymous";
  document.head.append(link);
}"#;

/// embed-start.js (`crate::embed::EMBED_START`), the embed binary's start, as start.js is the
/// story's: after the first frame, with the page's edition preloaded, it imports the binary's
/// glue (`glue`, an ES module, as the site binary binds it) and starts the wasm (`wasm`).
pub fn embed_start(glue: &str, wasm: &str) -> String {
    format!(
        "{WAIT_FIRST_FRAME}\n{PRELOAD_EDITION}\nconst bindings = await import({glue:?});\nawait bindings.default({{ module_or_path: {wasm:?} }});\n"
    )
}
