//! The words and numbers of a map state: label lines, inset rows, the text description, the
//! data table and the sources. Every figure comes from the dataset and keeps its source and status.
//! All of it is in the dataset's language (`data.lang`): words from `data::Words` (the
//! description's sentences from `[describe.map]`), names from the gazetteer, and the insets'
//! figures named in assets/story/insets.toml.

use super::kinds::{Passage, RouteKind, RouteStatus};
use super::{gazetteer, sea_route_distances, EventPin, Inset, MapModel};
use crate::data::words::{say, MapDescribeWords};
use crate::data::{format, BorderFigure, BorderFigureKind, Dataset, Words};
use crate::lang::Lang;
use crate::scene::table::Table;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

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
const BCM_IN_YI: f64 = 10.0;
const MT_IN_WAN: f64 = 100.0;

/// The figures an inset draws, by inset id (assets/story/insets.toml).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct InsetFacts {
    /// One bar per fact, labelled with its period.
    #[serde(default)]
    pub bars: Vec<String>,
    /// A line across the bars at this fact's value.
    #[serde(default)]
    pub reference: Option<String>,
    /// One stacked bar, a segment per fact, each named by a route.
    #[serde(default)]
    pub stack: Vec<StackPart>,
    /// The stacked bar's total as published.
    #[serde(default)]
    pub total: Option<String>,
    /// A second bar to compare the stack with.
    #[serde(default)]
    pub compare: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StackPart {
    pub fact: String,
    /// The gazetteer route the segment stands for.
    pub route: String,
}

impl InsetFacts {
    /// Every fact id the inset shows.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        let one = [&self.reference, &self.total, &self.compare];
        self.bars
            .iter()
            .map(String::as_str)
            .chain(self.stack.iter().map(|p| p.fact.as_str()))
            .chain(one.into_iter().flatten().map(String::as_str))
    }
}

/// The insets' figures by inset (keyed by the id a step's view names it by, `inset =
/// "pos1-flows"`), parsed once; an unknown inset id is an error.
pub(super) fn insets() -> &'static BTreeMap<Inset, InsetFacts> {
    static INSETS: OnceLock<BTreeMap<Inset, InsetFacts>> = OnceLock::new();
    INSETS.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/insets.json")))
            .unwrap_or_else(|e| panic!("assets/story/insets.toml: {e} (the native tests check this)"))
    })
}

/// The figures of an inset (none for the insets drawn from nsr.csv or the routes).
pub(super) fn inset_facts(inset: Inset) -> &'static InsetFacts {
    static NONE: InsetFacts =
        InsetFacts { bars: Vec::new(), reference: None, stack: Vec::new(), total: None, compare: None };
    insets().get(&inset).unwrap_or(&NONE)
}

/// Colours of a stacked bar's segments, in order (indices into the theme's categorical palette).
const STACK_COLOURS: [usize; 3] = [2, 5, 6];

/// One bar of an inset: label, segments (value, colour index into the theme's categorical
/// palette), the printed value, and the table row behind it.
pub(super) struct Bar {
    pub label: String,
    pub segments: Vec<(f64, usize)>,
    pub value_text: String,
    pub source: String,
    pub status: String,
    pub period: String,
}

pub(super) struct InsetData {
    pub title: String,
    pub bars: Vec<Bar>,
    /// A reference line: (value, label).
    pub reference: Option<(f64, String)>,
}

fn fact_bar(lang: Lang, data: &Dataset, id: &str, label: &str, colour: usize) -> Option<Bar> {
    let f = data.fact(id)?;
    let v = f.value?;
    Some(Bar {
        label: label.into(),
        segments: vec![(v, colour)],
        value_text: format::value_in(lang, v, &f.unit),
        source: f.source.clone(),
        status: Words::of(lang).status(f.status).into(),
        period: f.period.clone(),
    })
}

/// A period for a label: the edition's words, except English keeps the data's own writing.
fn period_in(lang: Lang, p: &str) -> String {
    match lang {
        Lang::En => p.to_string(),
        _ => Words::of(lang).period(p),
    }
}

/// An inset of one bar per fact, labelled with its period, and a reference line (`{value}` in
/// `reference_words`).
fn fact_bars_inset(lang: Lang, data: &Dataset, def: &InsetFacts, title: &str, reference_words: &str) -> InsetData {
    InsetData {
        title: title.to_string(),
        bars: def
            .bars
            .iter()
            .filter_map(|id| {
                let f = data.fact(id)?;
                let mut b = fact_bar(lang, data, id, &period_in(lang, &f.period), 2)?;
                b.value_text = count(lang, f.value?, 1, BCM_IN_YI);
                Some(b)
            })
            .collect(),
        reference: def
            .reference
            .as_deref()
            .and_then(|id| data.fact(id))
            .and_then(|f| f.value)
            .map(|v| (v, say(reference_words, &[("value", &count(lang, v, 0, BCM_IN_YI))]))),
    }
}

/// An inset of one stacked bar (a segment per fact, written as its published total) against a
/// second bar.
fn stack_inset(lang: Lang, data: &Dataset, def: &InsetFacts) -> InsetData {
    let w = &Words::of(lang).map;
    let v = |id: &str| data.fact(id).and_then(|f| f.value).unwrap_or(0.0);
    let total = def.total.as_deref().and_then(|id| data.fact(id));
    let segments = def.stack.iter().zip(STACK_COLOURS.iter().cycle()).map(|(p, &c)| (v(&p.fact), c)).collect();
    let mut bars = vec![Bar {
        label: w.gas_china.clone(),
        segments,
        value_text: format!("≈{}", count(lang, total.and_then(|f| f.value).unwrap_or(0.0), 0, BCM_IN_YI)),
        source: total.map(|f| f.source.clone()).unwrap_or_default(),
        status: total.map(|f| Words::of(lang).status(f.status).to_string()).unwrap_or_default(),
        period: w.future.clone(),
    }];
    if let Some(id) = &def.compare {
        if let Some(mut b) = fact_bar(lang, data, id, &w.gas_europe, 0) {
            b.value_text = count(lang, v(id), 0, BCM_IN_YI);
            bars.push(b);
        }
    }
    InsetData { title: w.gas_title.clone(), bars, reference: None }
}

pub(super) fn inset_data(lang: Lang, inset: Inset, data: &Dataset) -> InsetData {
    let w = &Words::of(lang).map;
    match inset {
        Inset::Pos1Flows => fact_bars_inset(lang, data, inset_facts(inset), &w.pos1_title, &w.pos1_capacity),
        Inset::GasVsEurope => stack_inset(lang, data, inset_facts(inset)),
        Inset::NsrTransit => InsetData {
            title: w.nsr_title.clone(),
            bars: data
                .nsr
                .iter()
                .map(|n| Bar {
                    label: period_in(lang, &n.year.to_string()),
                    segments: vec![(n.transit_cargo_mt, 0)],
                    value_text: count(lang, n.transit_cargo_mt, 2, MT_IN_WAN),
                    source: n.source.clone(),
                    status: Words::of(lang).status(n.status).into(),
                    period: n.year.to_string(),
                })
                .collect(),
            reference: None,
        },
        Inset::Distances => {
            let (nsr, suez) = sea_route_distances();
            let bar = |label: &str, v: f64, c: usize| Bar {
                label: label.into(),
                segments: vec![(v, c)],
                value_text: km(lang, v),
                source: String::new(),
                status: w.computed.clone(),
                period: String::new(),
            };
            InsetData {
                title: w.distances_title.clone(),
                bars: vec![bar(&w.distances_nsr, nsr, 0), bar(&w.distances_suez, suez, 1)],
                reference: None,
            }
        }
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

fn view_name<'a>(m: &MapModel, w: &'a MapDescribeWords) -> &'a str {
    use super::Kind::*;
    match m.camera.kind {
        Conic if m.camera.lon < 100.0 => &w.view_north_west,
        Conic if m.camera.zoom > 3.0 => &w.view_far_east,
        Conic => &w.view_east_of_baikal,
        Polar if m.camera.zoom > 3.0 => &w.view_bering,
        Polar => &w.view_arctic,
    }
}

/// A province's or region's name for text: English says the full name ("Primorsky Krai"),
/// where the map label may be shorter.
fn full_name(r: &super::Region, lang: Lang) -> &str {
    match lang {
        Lang::En => &r.name,
        _ => r.name_in(lang),
    }
}

fn visible<K>(s: &[super::Shown<K>]) -> impl Iterator<Item = &super::Shown<K>> {
    s.iter().filter(|s| s.alpha > 0.5)
}

/// The map state in the dataset's language: the view, then what is drawn on it, each a sentence
/// of `[describe.map]` in the edition's words.
pub(super) fn describe(m: &MapModel, data: &Dataset) -> String {
    let (lang, d) = (data.lang, &data.words().describe);
    let w = &d.map;
    let mut out = vec![say(&w.view, &[("view", view_name(m, w))])];
    if m.border > 0.5 {
        let len = data.border_figure(BORDER).and_then(|b| b.value.map(|v| format::value_in(lang, v, &b.unit)));
        out.push(match len {
            Some(l) => say(&w.border_length, &[("length", &l)]),
            None => w.border.clone(),
        });
    }
    describe_regions(m, data, &mut out);
    let g = gazetteer();
    let places: Vec<String> = visible(&m.places)
        .filter_map(|s| {
            let name = g.place(&s.id)?.name_in(lang);
            Some(match data.border_figure(&s.id).and_then(|b| figure_line(lang, b)) {
                Some(f) => say(&d.paren, &[("text", name), ("note", &f)]),
                None => name.to_string(),
            })
        })
        .collect();
    if !places.is_empty() {
        out.push(say(&w.places, &[("places", &places.join(&d.names))]));
    }
    let routes: Vec<String> = visible(&m.routes).map(|s| route_label(lang, data, &s.id).join(&d.comma)).collect();
    if !routes.is_empty() {
        out.push(say(&w.routes, &[("routes", &routes.join(&d.list))]));
    }
    for e in visible(&m.events) {
        if let Some((ev, place)) = event(data, &e.id) {
            let date = data.period(&ev.date);
            out.push(say(&w.event, &[("place", place.name_in(lang)), ("event", &ev.title), ("date", &date)]));
        }
    }
    if let Some((inset, _)) = m.inset.filter(|(_, a)| *a > 0.5) {
        let i = inset_data(lang, inset, data);
        let bars: Vec<String> =
            i.bars.iter().map(|b| say(&d.item, &[("label", &b.label), ("value", &b.value_text)])).collect();
        out.push(say(&w.inset, &[("title", &i.title), ("bars", &bars.join(&d.list))]));
        if let Some((_, r)) = i.reference {
            out.push(say(&w.inset_line, &[("reference", &r)]));
        }
    }
    d.sentences(&out)
}

/// The provinces and regions drawn as shapes, by country, with their figures; which are
/// emphasised; and the faint outlines of the rest.
fn describe_regions(m: &MapModel, data: &Dataset, out: &mut Vec<String>) {
    let (g, lang, d) = (gazetteer(), data.lang, &data.words().describe);
    let w = &d.map;
    let regions: Vec<&super::Shown> = visible(&m.regions).collect();
    if !regions.is_empty() {
        let mut sides = Vec::new();
        for (china, side) in [(true, &w.regions_china), (false, &w.regions_russia)] {
            let names: Vec<String> = regions
                .iter()
                .filter_map(|s| g.province(&s.id).filter(|r| r.china() == china))
                .map(|r| match region_figure(lang, data, &r.id) {
                    Some((f, src)) => say(&d.paren, &[("text", full_name(r, lang)), ("note", &[f, src].join(&d.list))]),
                    None => full_name(r, lang).to_string(),
                })
                .collect();
            if !names.is_empty() {
                sides.push(say(side, &[("names", &names.join(&d.names))]));
            }
        }
        out.push(say(&w.regions, &[("sides", &sides.join(&d.list))]));
        let emph: Vec<&str> = regions
            .iter()
            .filter(|s| s.emphasis > 0.5)
            .filter_map(|s| g.province(&s.id))
            .map(|r| full_name(r, lang))
            .collect();
        if !emph.is_empty() {
            out.push(say(&w.emphasised, &[("names", &d.and_list(&emph))]));
        }
        let without = regions.iter().filter(|s| region_figure(lang, data, &s.id).is_none()).count();
        if without > 0 && without < regions.len() {
            out.push(w.no_figure.clone());
        }
    }
    if m.outlines > 0.5 {
        out.push(if m.regions.is_empty() { w.outlines.clone() } else { w.outlines_others.clone() });
    }
}

/// The table rows of the routes shown: a pipeline's capacity, status and first flow, a sea
/// route's traced length.
fn route_rows(t: &mut Table, m: &MapModel, data: &Dataset) {
    let (g, lang) = (gazetteer(), data.lang);
    let (en, words) = (lang == Lang::En, Words::of(lang));
    let w = &words.map;
    for s in visible(&m.routes) {
        if let Some(p) = data.pipeline_on_map(&s.id) {
            let cap = p.capacity.map(|c| format::value_in(lang, c, &p.unit)).unwrap_or_default();
            let name = if en { p.name.clone() } else { route_name(lang, &s.id) };
            let fig = format!("{name}: {cap}, {}", status_word(lang, p.status));
            let first = match p.first_flow.strip_suffix(" (planned)") {
                Some(y) if !en => format!("{} ({})", period_in(lang, y), w.planned),
                _ => p.first_flow.clone(),
            };
            t.row(vec![
                name,
                fig,
                period_in(lang, &first),
                data.source_names(&p.source),
                words.status(p.figures_status).into(),
            ]);
        } else if let Some(r) = g.route(&s.id) {
            if r.kind == RouteKind::ShippingRoute {
                let fig = w.traced_length.replace("{km}", &km(lang, r.length_km()));
                t.row(vec![
                    r.name_in(lang).to_string(),
                    fig,
                    String::new(),
                    w.traced_source.clone(),
                    w.computed.clone(),
                ]);
            }
        }
    }
}

pub(super) fn table(m: &MapModel, data: &Dataset) -> Table {
    let g = gazetteer();
    let lang = data.lang;
    let words = Words::of(lang);
    let w = &words.map;
    let en = lang == Lang::En;
    let mut t = Table::new(
        w.table_title.as_str(),
        &[&w.col_shown, &w.col_figure, &words.col_period, &words.col_source, &words.col_status],
    );
    let row = |t: &mut Table, shown: &str, fig: String, period: &str, source: &str, status: String| {
        t.row(vec![shown.to_string(), fig, period_in(lang, period), data.source_names(source), status]);
    };
    let figure_row = |t: &mut Table, name: &str, b: &BorderFigure| {
        let fig = match (en, b.value) {
            (true, Some(v)) => format!("{}: {}", b.metric, format::value(v, &b.unit)),
            (true, None) => b.metric.clone(),
            (false, _) => figure_text(lang, b).unwrap_or_else(|| b.metric.clone()),
        };
        row(t, name, fig, &b.period, &b.source, words.status(b.status).into());
    };
    if m.border > 0.5 {
        if let Some(b) = data.border_figure(BORDER) {
            figure_row(&mut t, &w.border, b);
        }
    }
    let mut seen = Vec::new();
    for s in visible(&m.regions) {
        let Some(r) = g.province(&s.id) else { continue };
        let country = if r.china() { &w.china } else { &w.russia };
        let name = if en { &r.name } else { r.name_in(lang) };
        let name = format!("{name} ({country})");
        match data.border_figure(&s.id) {
            Some(b) => figure_row(&mut t, &name, b),
            None => {
                t.row(vec![name, w.no_figure.clone(), String::new(), w.outline_source.clone(), w.outline_only.clone()])
            }
        }
    }
    for s in visible(&m.places) {
        if let (Some(p), Some(b)) = (g.place(&s.id), data.border_figure(&s.id)) {
            if !seen.contains(&b.place) {
                seen.push(b.place.clone());
                let name = if en { format!("{} ({})", b.place, p.name) } else { p.name_in(lang).to_string() };
                figure_row(&mut t, &name, b);
            }
        }
    }
    route_rows(&mut t, m, data);
    for e in visible(&m.events) {
        if let Some((ev, place)) = event(data, &e.id) {
            row(
                &mut t,
                &w.event_near.replace("{place}", place.name_in(lang)),
                ev.title.clone(),
                &ev.date,
                &ev.source,
                words.status(ev.status).into(),
            );
        }
    }
    if let Some((inset, a)) = m.inset {
        if a > 0.5 {
            let d = inset_data(lang, inset, data);
            for b in &d.bars {
                let source = if b.source.is_empty() { w.traced_source.clone() } else { data.source_names(&b.source) };
                t.row(vec![
                    format!("{}: {}", d.title, b.label),
                    b.value_text.clone(),
                    period_in(lang, &b.period),
                    source,
                    b.status.clone(),
                ]);
            }
            inset_table_rows(&mut t, lang, data, inset_facts(inset), &d.title, d.reference.map(|r| r.0));
        }
    }
    t
}

/// The table rows of an inset's figures besides its bars: each stack segment by its route,
/// and the reference line.
fn inset_table_rows(t: &mut Table, lang: Lang, data: &Dataset, def: &InsetFacts, title: &str, reference: Option<f64>) {
    let words = Words::of(lang);
    let mut row = |what: String, fact: &crate::data::Fact, value: String| {
        t.row(vec![
            what,
            value,
            period_in(lang, &fact.period),
            data.source_names(&fact.source),
            words.status(fact.status).into(),
        ]);
    };
    for p in &def.stack {
        if let Some(f) = data.fact(&p.fact) {
            let v = f.value.map(|v| format::value_in(lang, v, &f.unit)).unwrap_or_default();
            row(format!("{title}: {}", route_name(lang, &p.route)), f, v);
        }
    }
    if let (Some(v), Some(f)) = (reference, def.reference.as_deref().and_then(|id| data.fact(id))) {
        row(words.map.pos1_capacity_row.clone(), f, format::value_in(lang, v, &f.unit));
    }
}

pub(super) fn sources(m: &MapModel, data: &Dataset) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut add = |s: &str| {
        for id in s.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            if !ids.iter().any(|x| x == id) {
                ids.push(id.to_string());
            }
        }
    };
    if m.border > 0.5 {
        if let Some(b) = data.border_figure(BORDER) {
            add(&b.source);
        }
    }
    for s in visible(&m.regions).chain(visible(&m.places)) {
        if let Some(b) = data.border_figure(&s.id) {
            add(&b.source);
        }
    }
    for s in visible(&m.routes) {
        if let Some(p) = data.pipeline_on_map(&s.id) {
            add(&p.source);
        }
    }
    for e in visible(&m.events) {
        if let Some((ev, _)) = event(data, &e.id) {
            add(&ev.source);
        }
    }
    if let Some((inset, a)) = m.inset {
        if a > 0.5 {
            for b in inset_data(Lang::En, inset, data).bars {
                add(&b.source);
            }
            for f in inset_facts(inset).ids() {
                if let Some(f) = data.fact(f) {
                    add(&f.source);
                }
            }
        }
    }
    // Every map is drawn from the base map and the traced routes; distances come from them.
    add(&gazetteer().source);
    ids
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
