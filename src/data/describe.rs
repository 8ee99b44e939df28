//! The text descriptions' words: sentence templates with named placeholders, per edition
//! (`[describe]` of words.toml), and the one strict `fill` every description uses.

use crate::wire::Wire;
use serde::{Deserialize, Serialize};

/// The text descriptions' sentence templates, filled by `fill` with the named values each
/// lists (`PLACEHOLDERS`); a `Vec` is a count's plural forms (`format::count_in`).
#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DescribeWords {
    /// Between sentences (Chinese needs none), between list items, clauses and names.
    pub gap: String,
    pub list: String,
    pub comma: String,
    pub names: String,
    /// The last of several names: "a, b and c".
    pub and_last: String,
    /// Something with a note in brackets: "Heihe (road bridge)".
    pub paren: String,
    /// A labelled value: "2021: $84.7bn".
    pub item: String,
    pub trade: String,
    pub trade_series: String,
    pub trade_peak: String,
    pub trade_marked: String,
    pub trade_panel: String,
    pub bars: String,
    pub bars_caption: String,
    pub slope: String,
    pub slope_series: String,
    pub slope_point: String,
    pub waffle: String,
    pub squares: Vec<String>,
    pub timeline: String,
    pub events: Vec<String>,
    pub timeline_event: String,
    pub map: MapDescribeWords,
}

/// The maps' description sentences (`[describe.map]`).
#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MapDescribeWords {
    pub view: String,
    /// The views, by where the camera looks.
    pub view_north_west: String,
    pub view_far_east: String,
    pub view_east_of_baikal: String,
    pub view_bering: String,
    pub view_arctic: String,
    pub border: String,
    pub border_length: String,
    pub regions: String,
    pub regions_china: String,
    pub regions_russia: String,
    pub emphasised: String,
    pub no_figure: String,
    pub outlines: String,
    pub outlines_others: String,
    pub places: String,
    pub routes: String,
    pub event: String,
    pub inset: String,
    pub inset_line: String,
}

/// Every template of `[describe]` and the placeholders it must use, each exactly: a template
/// that drops one (a figure lost in translation) or names one the code does not give (left as
/// `{x}` for a reader) is refused when the words are parsed.
const PLACEHOLDERS: &[(&str, &[&str])] = &[
    ("gap", &[]),
    ("list", &[]),
    ("comma", &[]),
    ("names", &[]),
    ("and_last", &["rest", "last"]),
    ("paren", &["text", "note"]),
    ("item", &["label", "value"]),
    ("trade", &["from", "to"]),
    ("trade_series", &["series", "first", "from", "last", "to", "change"]),
    ("trade_peak", &["value", "period"]),
    ("trade_marked", &["events"]),
    ("trade_panel", &["now", "period_now", "before", "period_before", "change"]),
    ("bars", &["items"]),
    ("bars_caption", &["caption", "items"]),
    ("slope", &[]),
    ("slope_series", &["name", "points"]),
    ("slope_point", &["value", "period"]),
    ("waffle", &["filled", "value", "label", "period"]),
    ("squares", &["n"]),
    ("timeline", &["events", "from", "to"]),
    ("events", &["n"]),
    ("timeline_event", &["date", "category", "text"]),
    ("map.view", &["view"]),
    ("map.view_north_west", &[]),
    ("map.view_far_east", &[]),
    ("map.view_east_of_baikal", &[]),
    ("map.view_bering", &[]),
    ("map.view_arctic", &[]),
    ("map.border", &[]),
    ("map.border_length", &["length"]),
    ("map.regions", &["sides"]),
    ("map.regions_china", &["names"]),
    ("map.regions_russia", &["names"]),
    ("map.emphasised", &["names"]),
    ("map.no_figure", &[]),
    ("map.outlines", &[]),
    ("map.outlines_others", &[]),
    ("map.places", &["places"]),
    ("map.routes", &["routes"]),
    ("map.event", &["place", "event", "date"]),
    ("map.inset", &["title", "bars"]),
    ("map.inset_line", &["reference"]),
];

/// A template's pieces: literal text and `{name}`s, or what is wrong with its braces.
fn pieces(template: &str) -> Result<Vec<(bool, &str)>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        let name_len = rest[open + 1..]
            .find(['{', '}'])
            .filter(|&i| rest[open..].starts_with('{') && rest[open + 1 + i..].starts_with('}'));
        let Some(len) = name_len else { return Err(format!("unbalanced brace in “{template}”")) };
        out.push((false, &rest[..open]));
        out.push((true, &rest[open + 1..open + 1 + len]));
        rest = &rest[open + 2 + len..];
    }
    out.push((false, rest));
    Ok(out)
}

/// Fills a template's `{name}`s with `values`, strictly: a placeholder without a value, or a
/// value the template does not use, is an error naming both, never a `{name}` left in the
/// text or a figure silently dropped. Every sentence of the text descriptions goes through it.
pub fn fill(template: &str, values: &[(&str, &str)]) -> Result<String, String> {
    let pieces = pieces(template)?;
    if let Some((unused, _)) = values.iter().find(|(k, _)| !pieces.contains(&(true, k))) {
        return Err(format!("the template “{template}” lacks {{{unused}}}"));
    }
    let mut out = String::new();
    for (is_name, text) in pieces {
        if !is_name {
            // An abbreviation's point is also the sentence's: "81 млрд долл." + "." → one point.
            let text = if out.ends_with('.') { text.strip_prefix('.').unwrap_or(text) } else { text };
            out.push_str(text);
            continue;
        }
        let value = values
            .iter()
            .find(|(k, _)| *k == text)
            .ok_or_else(|| format!("the template “{template}” has {{{text}}}, which has no value"))?;
        out.push_str(value.1);
    }
    Ok(out)
}

/// `fill` for the describe code. It panics on an error rather than return one: the templates are
/// compiled in and checked against `PLACEHOLDERS` when parsed (`Words::of`, which every native
/// test runs), and tests/describe.rs describes every step in every edition, so an error here is
/// a code change the native tests catch. Returning a `Result` from every describe would only
/// invite a fallback, and a fallback is what this refuses: `{x}` read aloud to a reader.
pub fn say(template: &str, values: &[(&str, &str)]) -> String {
    fill(template, values).unwrap_or_else(|e| panic!("describe: {e}"))
}

/// A template field's texts and whether they are a count's plural forms.
trait Forms {
    fn forms(&self) -> (&[String], bool);
}
impl Forms for String {
    fn forms(&self) -> (&[String], bool) {
        (std::slice::from_ref(self), false)
    }
}
impl Forms for Vec<String> {
    fn forms(&self) -> (&[String], bool) {
        (self, true)
    }
}

/// Every template field of a words struct as (name, its texts), the names as words.toml writes
/// them. The struct is taken apart without `..`, so a field added to it and not here fails to
/// compile; `$nested` names a field of another struct, listed by its own call.
macro_rules! templates {
    ($value:expr, $ty:ident, $prefix:literal, [$($field:ident),* $(,)?] $(, $nested:ident)?) => {{
        let $ty { $($field,)* $($nested: _,)? } = $value;
        vec![$((concat!($prefix, stringify!($field)), Forms::forms($field))),*]
    }};
}

impl DescribeWords {
    /// What is wrong with the templates for an edition with `plural_forms` forms of a count.
    pub fn check(&self, plural_forms: usize) -> Vec<String> {
        let mut problems = Vec::new();
        let mut fields = templates!(
            self,
            DescribeWords,
            "",
            [
                gap,
                list,
                comma,
                names,
                and_last,
                paren,
                item,
                trade,
                trade_series,
                trade_peak,
                trade_marked,
                trade_panel,
                bars,
                bars_caption,
                slope,
                slope_series,
                slope_point,
                waffle,
                squares,
                timeline,
                events,
                timeline_event
            ],
            map
        );
        fields.extend(templates!(
            &self.map,
            MapDescribeWords,
            "map.",
            [
                view,
                view_north_west,
                view_far_east,
                view_east_of_baikal,
                view_bering,
                view_arctic,
                border,
                border_length,
                regions,
                regions_china,
                regions_russia,
                emphasised,
                no_figure,
                outlines,
                outlines_others,
                places,
                routes,
                event,
                inset,
                inset_line
            ]
        ));
        for (field, (texts, plural)) in fields {
            let Some((_, want)) = PLACEHOLDERS.iter().find(|(f, _)| *f == field) else {
                problems.push(format!("describe.{field}: no placeholder list in words.rs"));
                continue;
            };
            if plural && texts.len() != plural_forms {
                problems
                    .push(format!("describe.{field}: {} forms, the language counts with {plural_forms}", texts.len()));
            }
            for t in texts {
                let values: Vec<(&str, &str)> = want.iter().map(|n| (*n, "")).collect();
                if let Err(e) = fill(t, &values) {
                    problems.push(format!("describe.{field}: {e}"));
                }
                if t.is_empty() && field != "gap" {
                    problems.push(format!("describe.{field}: empty"));
                }
            }
        }
        problems
    }

    /// "a", "a and b", "a, b and c" in the edition's words.
    pub fn and_list(&self, items: &[&str]) -> String {
        match items {
            [] => String::new(),
            [one] => one.to_string(),
            [rest @ .., last] => say(&self.and_last, &[("rest", &rest.join(&self.names)), ("last", last)]),
        }
    }

    /// Sentences joined as the edition writes them (Chinese: no space after 。), each starting
    /// with a capital (a Russian sentence may open with a month: "март 2014" → "Март 2014").
    pub fn sentences<S: AsRef<str>>(&self, parts: &[S]) -> String {
        let capital = |p: &str| {
            let mut c = p.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        };
        let parts: Vec<String> =
            parts.iter().map(|p| p.as_ref().trim()).filter(|p| !p.is_empty()).map(capital).collect();
        parts.join(&self.gap)
    }
}
