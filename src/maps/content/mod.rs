//! The words and numbers of a map state: label lines, inset rows, the text description, the
//! data table and the sources. Every figure comes from the dataset and keeps its source and status.
//! All of it is in the dataset's language (`data.lang`): words from `data::Words` (the
//! description's sentences from `[describe.map]`), names from the gazetteer, and the insets'
//! figures named in assets/story/insets.toml.

mod insets;
mod text;

use super::kinds::{Passage, RouteKind, RouteStatus};
use super::{gazetteer, sea_route_distances, EventPin, Inset, MapModel};
use crate::data::words::{say, MapDescribeWords};
use crate::data::{format, BorderFigure, BorderFigureKind, Dataset, Words};
use crate::lang::Lang;
use crate::scene::table::Table;
pub(super) use insets::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;
pub(super) use text::*;

/// The map id of the border line's figure (border_provinces.csv `map_ids`); the story's
/// `highlight` names the border layer so too.
pub(super) const BORDER: &str = "border";

/// A figure in an edition's words, without its year: "FTZ trade up nearly 57%",
/// "about ¥217.7bn trade with Russia", "road bridge".
fn figure_text(lang: Lang, b: &BorderFigure) -> Option<String> {
    let w = &Words::of(lang).map;
    let value = |v: f64| format::value_in(lang, v, &b.unit);
    match b.value {
        Some(v) if b.unit.starts_with('%') => {
            let t = if b.kind == BorderFigureKind::Zone { &w.zone_growth } else { &w.trade_growth };
            Some(t.replace("{value}", &value(v)))
        }
        Some(v) if b.unit.starts_with("CNY") => Some(w.trade_value.replace("{value}", &value(v))),
        Some(v) => Some(value(v)),
        None if b.kind == BorderFigureKind::Crossing => {
            let m = &b.metric;
            if m.contains("road bridge") {
                Some(w.road_bridge.clone())
            } else if m.contains("rail bridge") {
                Some(w.rail_bridge.clone())
            } else if m.contains("largest") {
                Some(w.largest_crossing.clone())
            } else {
                None
            }
        }
        None => None,
    }
}

/// A short line for a figure: "about ¥217.7bn trade with Russia, 2023", "trade with Russia up
/// nearly 72%, 2023" (in Chinese "对俄贸易增长近72%（2023年）").
pub(super) fn figure_line(lang: Lang, b: &BorderFigure) -> Option<String> {
    let text = figure_text(lang, b)?;
    let words = Words::of(lang);
    Some(match b.period.get(..4).filter(|y| !y.is_empty()) {
        Some(year) => words.map.with_year.replace("{figure}", &text).replace("{year}", &words.period(year)),
        None => text,
    })
}

/// A region's figure as the map writes it at the shape: the figure, then its source and status.
pub(super) fn region_figure(lang: Lang, data: &Dataset, id: &str) -> Option<(String, String)> {
    let b = data.border_figure(id)?;
    let line = figure_line(lang, b)?;
    let words = Words::of(lang);
    let source = words
        .map
        .source_status
        .replace("{source}", &data.source_names(&b.source))
        .replace("{status}", words.status(b.status));
    Some((line, source))
}

fn status_word(lang: Lang, s: RouteStatus) -> &'static str {
    let w = &Words::of(lang).map;
    match s {
        RouteStatus::UnderConstruction => &w.under_construction,
        RouteStatus::Planned => &w.planned,
        // A reference row (gas to Europe in 2021) is not drawn as a route; it did flow.
        RouteStatus::Operating | RouteStatus::Reference => &w.operating,
    }
}

/// A route's short name in an edition (`[map.routes]` of the words), else the gazetteer's.
pub(super) fn route_name(lang: Lang, id: &str) -> String {
    match (Words::of(lang).map.route(id), gazetteer().route(id)) {
        (Some(label), _) => label.to_string(),
        (None, Some(r)) => r.name_in(lang).to_string(),
        (None, None) => id.to_string(),
    }
}

/// Route label lines: its short name, capacity and status, or the sea distance it stands for.
pub(super) fn route_label(lang: Lang, data: &Dataset, id: &str) -> Vec<String> {
    if gazetteer().route(id).is_none() {
        return Vec::new();
    }
    let mut lines = vec![route_name(lang, id)];
    if let Some(p) = data.pipeline_on_map(id) {
        let mut second = p.capacity.map(|c| format::value_in(lang, c, &p.unit)).unwrap_or_default();
        if p.status != RouteStatus::Operating {
            let status = status_word(lang, p.status);
            second = if second.is_empty() {
                status.to_string()
            } else {
                Words::of(lang).map.capacity_status.replace("{capacity}", &second).replace("{status}", status)
            };
        }
        if !second.is_empty() {
            lines.push(second);
        }
    }
    if let Some(passage) = main_leg_of(id) {
        let (arctic, suez) = sea_route_distances();
        let v = match passage {
            Passage::Arctic => arctic,
            Passage::Suez => suez,
        };
        lines.push(Words::of(lang).map.sea_distance.replace("{km}", &km(lang, v)));
    }
    lines
}

/// The passage whose whole Rotterdam–Shanghai distance a sea route's label states: the
/// passage's longest leg carries it (the Northern Sea Route, not its North Cape leg).
fn main_leg_of(id: &str) -> Option<Passage> {
    let g = gazetteer();
    let passage = g.route(id)?.passage?;
    let longest = g
        .routes
        .iter()
        .filter(|r| r.passage == Some(passage))
        .max_by(|a, b| a.length_km().total_cmp(&b.length_km()))?;
    (longest.id == id).then_some(passage)
}

/// Kilometres rounded to 50, in the edition's way: "15,250 km", "15 250 км", "15250公里".
pub(super) fn km(lang: Lang, v: f64) -> String {
    format::value_in(lang, (v / 50.0).round() * 50.0, "km")
}

/// A count of billion cubic metres (Chinese counts 亿立方米) or of million tonnes (万吨), as the
/// inset titles state the unit: 22.7 → "22.7", "22,7", "227".
fn count(lang: Lang, v: f64, decimals: usize, zh_scale: f64) -> String {
    match lang {
        Lang::Zh => format::num_in(lang, v * zh_scale, decimals.saturating_sub(zh_scale.log10() as usize)),
        _ => format::num_in(lang, v, decimals),
    }
}
fn event<'a>(data: &'a Dataset, pin: &EventPin) -> Option<(&'a crate::data::Event, &'static super::Place)> {
    Some((data.event(&pin.date)?, gazetteer().place(&pin.at)?))
}

/// An event pin's lines: the event (in the dataset's language) and its date in the edition's words.
pub(super) fn event_lines(data: &Dataset, pin: &EventPin) -> Vec<String> {
    match event(data, pin) {
        Some((e, _)) => vec![e.title.clone(), data.period(&e.date)],
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inset_names_known_figures_and_routes() {
        let data = Dataset::bundled();
        assert!(!insets().is_empty());
        for (id, def) in insets() {
            for f in def.ids() {
                let value = data.fact(f).and_then(|f| f.value);
                assert!(
                    value.is_some(),
                    "assets/story/insets.toml: [{id:?}]: fact {f} is not in facts.csv or has no value"
                );
            }
            for p in &def.stack {
                assert!(
                    gazetteer().route(&p.route).is_some(),
                    "assets/story/insets.toml: [{id:?}]: unknown route {}",
                    p.route
                );
            }
        }
        assert_eq!(inset_facts(Inset::Pos1Flows).ids().count(), 6);
        assert_eq!(inset_facts(Inset::NsrTransit).ids().count(), 0);
    }

    #[test]
    fn the_compiled_insets_are_insets_toml() {
        let text = std::fs::read_to_string("assets/story/insets.toml").unwrap();
        let parsed: BTreeMap<Inset, InsetFacts> = toml::from_str(&text).unwrap();
        assert_eq!(insets(), &parsed);
        // build.rs reads the file so: a typo fails the build naming the inset's field.
        let e = toml::from_str::<BTreeMap<Inset, InsetFacts>>(&text.replacen("bars =", "bar =", 1)).unwrap_err();
        assert!(e.to_string().contains("unknown field `bar`"), "{e}");
        let e = toml::from_str::<BTreeMap<Inset, InsetFacts>>(&text.replacen("[pos1-flows]", "[pos1-flow]", 1));
        assert!(e.unwrap_err().to_string().contains("pos1-flow"));
    }

    #[test]
    fn a_typo_in_an_inset_is_refused_with_its_field() {
        let e = serde_json::from_str::<BTreeMap<Inset, InsetFacts>>(r#"{"pos1-flows": {"bar": ["F068"]}}"#);
        assert!(e.unwrap_err().to_string().contains("unknown field `bar`"));
        let e = serde_json::from_str::<BTreeMap<Inset, InsetFacts>>(r#"{"distances": {"stack": [{"fact": "F066"}]}}"#);
        assert!(e.unwrap_err().to_string().contains("missing field `route`"));
        let e = serde_json::from_str::<BTreeMap<Inset, InsetFacts>>(r#"{"pos1-flow": {"bars": ["F068"]}}"#);
        let e = e.unwrap_err().to_string();
        assert!(e.contains("unknown variant `pos1-flow`") && e.contains("pos1-flows"), "{e}");
    }
}
