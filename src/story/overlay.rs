//! A language's words laid over the English story. One story structure (ids, views, order)
//! lives in `assets/story/`; each other language has only its text beside it, in
//! `assets/story/i18n/<lang>/` (story.toml, chapters/<same file>.toml keyed by step id), so a
//! step cannot exist in one language only. Used by build.rs (which compiles each language's
//! story) and by the native tests (which fail on anything missing, unknown or untranslated).
//! Works on JSON values, so build.rs can include this file as it is.

use serde_json::Value;

/// Keys among the page's words (`[ui]`) whose values are ids, kept by a translation.
pub const ID_KEYS: &[&str] = &["topic"];

/// The keys whose values are words a reader sees; nothing else may be translated.
pub const TEXT_KEYS: &[&str] = &[
    "title",
    "dek",
    "opening",
    "headline_label",
    "byline",
    "summary",
    "eyebrow",
    "text",
    "alt",
    "graphic_title",
    "takeaway",
    "caption",
    "label",
];

/// Lays `tr` over `en` where their shapes agree: strings replace strings under text keys,
/// tables merge key by key, arrays merge by position. Anything else is reported at its path.
fn lay(en: &mut Value, tr: &Value, path: &str, key: &str, problems: &mut Vec<String>) {
    match (en, tr) {
        (Value::String(e), Value::String(t)) if TEXT_KEYS.contains(&key) || path.contains("[ui]") => *e = t.clone(),
        (Value::Object(e), Value::Object(t)) => {
            for (k, tv) in t {
                match e.get_mut(k) {
                    Some(ev) => lay(ev, tv, &format!("{path}.{k}"), k, problems),
                    None => problems.push(format!("{path}.{k}: no such field in the English story")),
                }
            }
        }
        (Value::Array(e), Value::Array(t)) if e.len() == t.len() => {
            for (i, (ev, tv)) in e.iter_mut().zip(t).enumerate() {
                lay(ev, tv, &format!("{path}[{i}]"), key, problems);
            }
        }
        (Value::Array(e), Value::Array(t)) => {
            problems.push(format!("{path}: {} entries, the English has {}", t.len(), e.len()))
        }
        _ => problems.push(format!("{path}: not a text field of the same shape as the English")),
    }
}

/// The story's meta (story.toml) with a language's story.toml laid over it.
pub fn overlay_meta(en: &mut Value, tr: &Value, file: &str, problems: &mut Vec<String>) {
    let Some(t) = tr.as_object() else { return problems.push(format!("{file}: not a table")) };
    for (k, tv) in t {
        let path = if k == "ui" { format!("{file}: [ui]") } else { format!("{file}: {k}") };
        match en.get_mut(k) {
            Some(ev) => lay(ev, tv, &path, k, problems),
            None => problems.push(format!("{path}: no such field in the English story")),
        }
    }
}

/// A chapter with a language's chapter file laid over it. The translation keys its steps by
/// id (`[steps.<id>]`), the English lists them in order.
pub fn overlay_chapter(en: &mut Value, tr: &Value, file: &str, problems: &mut Vec<String>) {
    let Some(t) = tr.as_object() else { return problems.push(format!("{file}: not a table")) };
    for (k, tv) in t {
        if k != "steps" {
            match en.get_mut(k) {
                Some(ev) => lay(ev, tv, &format!("{file}: {k}"), k, problems),
                None => problems.push(format!("{file}: {k}: no such field in the English chapter")),
            }
            continue;
        }
        let Some(steps) = tv.as_object() else {
            problems.push(format!("{file}: steps must be tables keyed by step id"));
            continue;
        };
        for (id, st) in steps {
            let found = en["steps"].as_array_mut().and_then(|a| a.iter_mut().find(|s| s["id"] == *id.as_str()));
            match found {
                Some(es) => lay(es, st, &format!("{file}: steps.{id}"), "", problems),
                None => problems.push(format!("{file}: steps.{id}: no step with this id in the English chapter")),
            }
        }
    }
}

/// Every text field of `en` that `tr` (the same value after the overlay) leaves empty or
/// still in English, by path. A string counts as English when it is unchanged and has a Latin
/// word of three letters or more (names like "ESPO" or figures alone may stay as they are).
/// Ids among the page's words (`ID_KEYS`) are not text.
pub fn untranslated(en: &Value, tr: &Value, path: &str, key: &str, out: &mut Vec<String>) {
    match (en, tr) {
        (Value::String(e), Value::String(t))
            if (TEXT_KEYS.contains(&key) || path.contains("[ui]")) && !ID_KEYS.contains(&key) =>
        {
            let latin_word = e
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w.len() >= 3 && w.chars().any(|c| c.is_ascii_lowercase()));
            // Paths (data links) stay as they are.
            let is_path = e.contains('/') && !e.contains(' ');
            if t.trim().is_empty() {
                out.push(format!("{path}: empty"));
            } else if t == e && latin_word && !is_path {
                out.push(format!("{path}: still in English"));
            }
        }
        (Value::Object(e), Value::Object(t)) => {
            for (k, ev) in e {
                if let Some(tv) = t.get(k) {
                    let p = if k == "ui" { format!("{path} [ui]") } else { format!("{path}.{k}") };
                    untranslated(ev, tv, &p, k, out);
                }
            }
        }
        (Value::Array(e), Value::Array(t)) => {
            for (i, (ev, tv)) in e.iter().zip(t).enumerate() {
                let p = match ev.get("id").and_then(Value::as_str) {
                    Some(id) => format!("{path}.{id}"),
                    None => format!("{path}[{i}]"),
                };
                untranslated(ev, tv, &p, key, out);
            }
        }
        _ => {}
    }
}
