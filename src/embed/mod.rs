//! Embeds, present mode and graphic exports, the browser-independent part:
//! reading the embed page's query string, resolving it against the story, the
//! height messages an embed posts to its host (and their parsing, mirrored by
//! assets/embed/resize.js), the iframe code offered to copy, and scenes with their
//! title and source burned in for PNG/SVG downloads.
//!
//! Nothing here touches the DOM, so all of it is tested natively (tests/embed.rs).

pub mod lazy;

use crate::graphic::{Ctx, Model};
use crate::lang::Lang;
use crate::scene::draw::to_svg;
use crate::scene::theme::Theme;
use crate::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use crate::story::{StepRef, Story};
#[cfg(not(target_arch = "wasm32"))]
use serde_json::Value;

/// The page theme an embed asks for; anything unrecognised means `Auto`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    Light,
    Dark,
    #[default]
    Auto,
}

impl ThemeChoice {
    pub fn parse(s: &str) -> Self {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => ThemeChoice::Light,
            "dark" => ThemeChoice::Dark,
            _ => ThemeChoice::Auto,
        }
    }
    /// The value for `<html data-theme>`, when the choice is not left to the reader's system.
    pub fn attr(self) -> Option<&'static str> {
        match self {
            ThemeChoice::Light => Some("light"),
            ThemeChoice::Dark => Some("dark"),
            ThemeChoice::Auto => None,
        }
    }
}

/// What the embed page's URL asks for. Unknown parameters (pym adds several) are ignored.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EmbedQuery {
    /// Graphic id (`g=`), as given: it may name no graphic.
    pub graphic: Option<String>,
    pub step: Option<String>,
    pub theme: ThemeChoice,
    /// Step controls under the graphic (`controls=0` hides them).
    pub controls: bool,
    /// pym.js child id, only when it is a plain identifier.
    pub child_id: Option<String>,
    pub present: bool,
    /// `lang=en|ru|zh`; unknown or absent: the page's own language.
    pub lang: Option<Lang>,
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `application/x-www-form-urlencoded` decoding; invalid escapes are kept as written and
/// invalid UTF-8 is replaced, so no input makes it fail.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The query string's pairs, decoded, in order (leading `?` optional).
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(p), String::new()),
        })
        .collect()
}

/// A pym child id we are willing to echo back: letters, digits, '-' and '_', at most 64.
pub fn valid_child_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn flag(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" | "" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

impl EmbedQuery {
    pub fn parse(query: &str) -> Self {
        let mut q = EmbedQuery { controls: true, ..Default::default() };
        // The first occurrence of a key wins.
        let mut seen = std::collections::HashSet::new();
        for (k, v) in query_pairs(query) {
            if !seen.insert(k.clone()) {
                continue;
            }
            match k.as_str() {
                "g" => q.graphic = Some(v.trim().to_string()).filter(|s| !s.is_empty()),
                "step" => q.step = Some(v.trim().to_string()).filter(|s| !s.is_empty()),
                "theme" => q.theme = ThemeChoice::parse(&v),
                "controls" => q.controls = flag(&v).unwrap_or(true),
                "childId" => q.child_id = Some(v).filter(|s| valid_child_id(s)),
                "present" => q.present = flag(&v).unwrap_or(false),
                "lang" => q.lang = Lang::parse(&v),
                _ => {}
            }
        }
        q
    }

    /// Whether the URL asks for the embed/present page rather than the scrolling story.
    pub fn wants_embed_page(query: &str, path: &str) -> bool {
        let q = EmbedQuery::parse(query);
        q.graphic.is_some() || q.present || path.ends_with("embed.html")
    }
}

/// What an embed URL resolves to.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A chapter's graphic at one of its steps (a step id of another chapter or an
    /// unknown one falls back to the chapter's first step).
    Graphic(StepRef),
    /// `g=` names no graphic (or is missing): the page lists the valid ids instead.
    Unknown { asked: Option<String>, valid: Vec<String> },
}

/// Resolves `g` and `step`. In present mode without a graphic, `step` (or the hash) picks
/// the starting step anywhere in the story, defaulting to the first.
pub fn resolve(story: &Story, q: &EmbedQuery, hash_step: Option<&str>) -> Target {
    let step_id = q.step.as_deref().or(hash_step);
    match q.graphic.as_deref() {
        // A chapter id names its graphic too (`g=boom` as well as `g=trade`).
        Some(g) => match story.chapter_by_graphic(g).or_else(|| story.chapters.iter().position(|c| c.id == g)) {
            Some(c) => {
                let step = step_id.and_then(|id| story.chapters[c].steps.iter().position(|s| s.id == id)).unwrap_or(0);
                Target::Graphic(StepRef { chapter: c, step })
            }
            None => Target::Unknown { asked: Some(g.to_string()), valid: graphic_ids(story) },
        },
        None if q.present => {
            Target::Graphic(step_id.and_then(|id| story.find_step(id)).unwrap_or(StepRef { chapter: 0, step: 0 }))
        }
        // A step id alone is enough: it belongs to one graphic.
        None if step_id.and_then(|id| story.find_step(id)).is_some() => {
            Target::Graphic(step_id.and_then(|id| story.find_step(id)).unwrap())
        }
        None => Target::Unknown { asked: None, valid: graphic_ids(story) },
    }
}

pub fn graphic_ids(story: &Story) -> Vec<String> {
    story.chapters.iter().map(|c| c.graphic.clone()).collect()
}

/// Where the step controls can go: within one chapter, or (present mode) across the story.
/// Returns the step refs in order and the index of `at` among them.
pub fn step_range(story: &Story, at: StepRef, across: bool) -> (Vec<StepRef>, usize) {
    let refs: Vec<StepRef> = story.steps().map(|(r, _)| r).filter(|r| across || r.chapter == at.chapter).collect();
    let i = refs.iter().position(|r| *r == at).unwrap_or(0);
    (refs, i)
}

// ---------------------------------------------------------------------------------------
// Height messages

/// Heights are whole CSS pixels, clamped to something a page can hold.
pub fn height_px(h: f64) -> u32 {
    if h.is_finite() {
        h.ceil().clamp(0.0, 100_000.0) as u32
    } else {
        0
    }
}

/// pym.js's child-to-parent height message (pym's own wire format).
pub fn pym_height(child_id: &str, px: u32) -> String {
    format!("pymxPYMx{child_id}xPYMxheightxPYMx{px}")
}

// The messages are JSON text written by hand (the page ships no JSON parser): flat objects of
// ids, whole pixels and a URL, their keys in the order serde_json wrote them before (sorted),
// which hosts and tests/embed.rs hold them to. The parsers are the host's side, native only.

/// `s` as a JSON string literal, escaped as serde_json escapes it: `"`, `\\` and control
/// characters; everything else as it is.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Datawrapper's height message as JSON text: `{"datawrapper-height":{"<id>":px}}`.
pub fn datawrapper_height(graphic: &str, px: u32) -> String {
    format!("{{\"datawrapper-height\":{{{}:{px}}}}}", json_string(graphic))
}

/// Our own message as JSON text, read by assets/embed/resize.js:
/// `{"explainer-height":{"height":px,"id":"<id>"}}`.
pub fn explainer_height(graphic: &str, px: u32) -> String {
    format!("{{\"explainer-height\":{{\"height\":{px},\"id\":{}}}}}", json_string(graphic))
}

/// Flourish's resize message, as Flourish's own embedded script (`@flourish/sdk`,
/// `site/embedded.js`) posts it: JSON text of
/// `{"sender":"Flourish","context":"iframe.resize","method":"resize","height":H,"src":location.href}`
/// (keys sorted). Hosts that size Flourish frames by this shape size ours too.
pub fn flourish_height(px: u32, src: &str) -> String {
    format!(
        "{{\"context\":\"iframe.resize\",\"height\":{px},\"method\":\"resize\",\"sender\":\"Flourish\",\"src\":{}}}",
        json_string(src)
    )
}

/// A Flourish resize message read as a host reads it (JSON text, sender "Flourish", method
/// "resize", a sane height): the height and the frame's `src`.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_flourish_height(msg: &str) -> Option<(f64, String)> {
    let v: Value = serde_json::from_str(msg).ok()?;
    let o = v.as_object()?;
    if o.get("sender")?.as_str()? != "Flourish" || o.get("method")?.as_str()? != "resize" {
        return None;
    }
    Some((height_ok(o.get("height")?.as_f64()?)?, o.get("src")?.as_str()?.to_string()))
}

/// Every message an embed posts for one height: pym's string (only with a child id),
/// then the two objects as JSON text (the page turns them into objects with JSON.parse).
pub fn height_messages(graphic: &str, child_id: Option<&str>, px: u32) -> (Option<String>, String, String) {
    (
        child_id.filter(|c| valid_child_id(c)).map(|c| pym_height(c, px)),
        datawrapper_height(graphic, px),
        explainer_height(graphic, px),
    )
}

fn height_ok(h: f64) -> Option<f64> {
    (h.is_finite() && (0.0..=100_000.0).contains(&h)).then_some(h)
}

/// The host side's check (resize.js does the same): exactly
/// `{"explainer-height": {"id": <graphic id>, "height": <number>}}`, nothing more.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_explainer_height(msg: &Value) -> Option<(String, f64)> {
    let outer = msg.as_object().filter(|o| o.len() == 1)?;
    let inner = outer.get("explainer-height")?.as_object().filter(|o| o.len() == 2)?;
    let id = inner.get("id")?.as_str().filter(|s| crate::story::is_id(s))?;
    Some((id.to_string(), height_ok(inner.get("height")?.as_f64()?)?))
}

/// pym's height message for `child_id`, parsed as pym's parent does.
pub fn parse_pym_height(msg: &str, child_id: &str) -> Option<f64> {
    let rest = msg.strip_prefix("pymxPYMx")?.strip_prefix(child_id)?.strip_prefix("xPYMxheightxPYMx")?;
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    height_ok(rest.parse::<f64>().ok()?)
}

// ---------------------------------------------------------------------------------------
// Embed code and links

/// Text for an HTML attribute value in double quotes.
pub fn attr_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The embed page's URL relative to the site root: the graphic's own pre-rendered page in the
/// language, which readers without script see too (`ru/embed/…`; `embed.html?g=…` and
/// `embed/…?lang=ru` keep working for links already shared).
pub fn embed_path(lang: Lang, graphic: &str, step: &str) -> String {
    match lang {
        Lang::En => format!("embed/{graphic}.html?step={step}"),
        lang => format!("{}/embed/{graphic}.html?step={step}", lang.code()),
    }
}

/// Present mode (projector view) opened at one step, relative to the site root. It runs on the
/// story page, whose static article carries the captions.
pub fn present_path(lang: Lang, step: &str) -> String {
    format!("{}?present=1&step={step}", lang.page())
}

/// The story at one step, relative to the site root.
pub fn story_path(lang: Lang, step: &str) -> String {
    format!("{}#{step}", lang.page())
}

/// The iframe (and the optional resize script) a host pastes; `base` is the site's
/// absolute URL ending in '/'.
pub fn embed_code(base: &str, lang: Lang, graphic: &str, step: &str, title: &str, height: u32) -> String {
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"{height}\" style=\"border:0;width:100%;height:{height}px\" loading=\"lazy\" data-explainer-embed></iframe>\n<script src=\"{script}\" async></script>",
        src = attr_escape(&format!("{base}{}", embed_path(lang, graphic, step))),
        title = attr_escape(title),
        script = attr_escape(&format!("{base}resize.js")),
    )
}

/// The embed binary's start-up script (written by src/bin/site.rs): the embed pages load it, and
/// the story page's binary does when its address asks for one graphic alone.
pub const EMBED_START: &str = "embed-start.js";

/// A download file name from ids we made (lower-case letters, digits, '-').
pub fn file_name(graphic: &str, step: &str, ext: &str) -> String {
    format!("china-russia-{graphic}-{step}.{ext}")
}

// ---------------------------------------------------------------------------------------
// Exports: the scene with title and source burned in

pub const HEADER: f64 = 34.0;
pub const FOOTER: f64 = 24.0;

fn shift(shape: Shape, dy: f64) -> Shape {
    let mv = |p: &mut (f64, f64)| p.1 += dy;
    let mut s = shape;
    match &mut s {
        Shape::Line { points, .. } | Shape::Polygon { points, .. } => points.iter_mut().for_each(mv),
        Shape::Rect { y0, y1, .. } => {
            *y0 += dy;
            *y1 += dy;
        }
        Shape::Circle { center, .. } => mv(center),
        Shape::Text { at, .. } | Shape::Halo { at, .. } => mv(at),
    }
    s
}

/// Crude text fitting: shortens `text` to what `width` px holds at `size` px (sans-serif
/// averages about 0.55 em a character).
fn fit(text: &str, size: f64, width: f64) -> String {
    let max = ((width / (size * 0.55)).floor() as usize).max(8);
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// The chart scene moved down under a title and above a source line; returns the scene
/// and its full size.
pub fn with_title_and_source(
    chart: Scene,
    chart_size: Size,
    title: &str,
    source: &str,
    theme: &Theme,
) -> (Scene, Size) {
    let mut out = Scene::default();
    let (w, h) = (chart_size.width, chart_size.height);
    // The chart first; maps can spill past their box, so the title and source bands are
    // painted over it with the page background.
    out.shapes.extend(chart.shapes.into_iter().map(|s| shift(s, HEADER)));
    out.push(Shape::Rect { x0: 0.0, y0: -10.0, x1: w, y1: HEADER, fill: theme.background });
    out.push(Shape::Rect { x0: 0.0, y0: HEADER + h, x1: w, y1: HEADER + h + FOOTER + 10.0, fill: theme.background });
    out.push(Shape::Text {
        at: (10.0, HEADER / 2.0 + 2.0),
        text: fit(title, 15.0, w - 20.0),
        size: 15.0,
        color: theme.ink,
        h: HAnchor::Left,
        v: VAnchor::Middle,
        bold: true,
    });
    out.push(Shape::Text {
        at: (10.0, HEADER + h + FOOTER / 2.0),
        text: fit(source, 11.0, w - 20.0),
        size: 11.0,
        color: theme.muted,
        h: HAnchor::Left,
        v: VAnchor::Middle,
        bold: false,
    });
    (out, Size { width: w, height: h + HEADER + FOOTER })
}

/// A model's export scene at `size` (the chart area).
pub fn export_scene(model: &Model, ctx: Ctx, size: Size, theme: &Theme, title: &str) -> (Scene, Size) {
    let chart = model.scene(ctx, 1.0, size, theme);
    with_title_and_source(chart, size, title, &crate::graphic::source_line(model, ctx.data), theme)
}

/// The export as an SVG document.
pub fn export_svg(model: &Model, ctx: Ctx, size: Size, theme: &Theme, title: &str) -> String {
    let (scene, full) = export_scene(model, ctx, size, theme, title);
    to_svg(&scene, full.width.round() as u32, full.height.round() as u32, theme.background)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_never_fails() {
        assert_eq!(percent_decode("a%20b+c"), "a b c");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%ff"), "\u{fffd}");
    }
}
