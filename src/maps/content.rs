//! The words and numbers of a map state: label lines, inset rows, the text description, the
//! data table and the sources. Every figure comes from the dataset and keeps its source and status.

use super::{gazetteer, sea_route_distances, Inset, MapModel};
use crate::data::{format, BorderFigure, Dataset};
use crate::scene::table::Table;

/// The border_provinces.csv row about a province or place, by our id.
pub(super) fn border_figure<'a>(data: &'a Dataset, id: &str) -> Option<&'a BorderFigure> {
    let place = match id {
        "heilongjiang" => "Heilongjiang",
        "jilin" => "Jilin",
        "heihe" => "Heihe Pilot Free Trade Zone (Heilongjiang)",
        "blagoveshchensk" => "Heihe–Blagoveshchensk",
        "tongjiang" | "nizhneleninskoye" => "Tongjiang–Nizhneleninskoye",
        "manzhouli" | "zabaykalsk" => "Manzhouli–Zabaykalsk",
        "border" => "China–Russia border",
        _ => return None,
    };
    data.border.iter().find(|b| b.place == place)
}

/// A short line for a figure: "about ¥217.7bn trade with Russia, 2023", "trade up nearly 72%, 2023".
pub(super) fn figure_line(b: &BorderFigure) -> Option<String> {
    let period =
        if b.period.is_empty() { String::new() } else { format!(", {}", b.period.get(..4).unwrap_or(&b.period)) };
    match b.value {
        Some(v) if b.unit.starts_with('%') => {
            let what = if b.kind == "zone" { "FTZ trade" } else { "trade with Russia" };
            Some(format!("{what} up {}{period}", format::value(v, &b.unit)))
        }
        Some(v) if b.unit.starts_with("CNY") => {
            Some(format!("{} trade with Russia{period}", format::value(v, &b.unit)))
        }
        Some(v) => Some(format!("{}{period}", format::value(v, &b.unit))),
        None if b.kind == "crossing" => {
            let m = &b.metric;
            let short = if m.contains("road bridge") {
                "road bridge"
            } else if m.contains("rail bridge") {
                "rail bridge"
            } else if m.contains("largest") {
                "largest freight crossing"
            } else {
                return None;
            };
            Some(if b.period.is_empty() { short.to_string() } else { format!("{short}, {}", &b.period[..4]) })
        }
        None => None,
    }
}

/// A region's figure as the map writes it at the shape: the figure, then its source and status.
pub(super) fn region_figure(data: &Dataset, id: &str) -> Option<(String, String)> {
    let b = border_figure(data, id)?;
    let line = figure_line(b)?;
    Some((line, format!("{}, {}", data.source_names(&b.source), b.status.label())))
}

fn country_name(r: &super::Region) -> &'static str {
    if r.china() {
        "China"
    } else {
        "Russia"
    }
}

/// The pipelines.csv row behind a route of the gazetteer.
pub(super) fn pipeline<'a>(data: &'a Dataset, route: &str) -> Option<&'a crate::data::Pipeline> {
    let id = match route {
        "espo-china-spur" => "espo-spur",
        "china-east-route" => return None,
        other => other,
    };
    data.pipelines.iter().find(|p| p.id == id)
}

fn status_word(s: &str) -> &str {
    match s {
        "under_construction" | "under construction" => "under construction",
        "planned" => "planned",
        _ => "operating",
    }
}

/// Short route name for labels.
pub(super) fn route_label(data: &Dataset, id: &str) -> Vec<String> {
    let g = gazetteer();
    let Some(r) = g.route(id) else { return Vec::new() };
    let name = match id {
        "power-of-siberia-1" => "Power of Siberia",
        "power-of-siberia-2" => "Power of Siberia 2",
        "far-eastern-route" => "Far Eastern route",
        "espo" => "ESPO oil pipeline",
        "espo-china-spur" => "ESPO spur to Daqing",
        "china-east-route" => "China East-Route",
        "kazakhstan-china-oil" => "Oil via Kazakhstan",
        "northern-sea-route" => "Northern Sea Route",
        "nsr-murmansk-rotterdam" => "North Cape leg",
        "suez-route" => "Via Suez",
        _ => r.name.as_str(),
    };
    let mut lines = vec![name.to_string()];
    if let Some(p) = pipeline(data, id) {
        let mut second = p.capacity.map(|c| format::value(c, &p.unit)).unwrap_or_default();
        if p.status != "operating" {
            second = format!("{second}, {}", status_word(&p.status)).trim_start_matches(", ").to_string();
        }
        if !second.is_empty() {
            lines.push(second);
        }
    }
    let (nsr, suez) = sea_route_distances();
    match id {
        "northern-sea-route" => lines.push(format!("Rotterdam–Shanghai ≈{} km", km(nsr))),
        "suez-route" => lines.push(format!("Rotterdam–Shanghai ≈{} km", km(suez))),
        _ => {}
    }
    lines
}

/// Kilometres rounded to 50 with a thousands separator.
pub(super) fn km(v: f64) -> String {
    format::num((v / 50.0).round() * 50.0, 0)
}

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

fn fact_bar(data: &Dataset, id: &str, label: &str, colour: usize) -> Option<Bar> {
    let f = data.fact(id)?;
    let v = f.value?;
    Some(Bar {
        label: label.into(),
        segments: vec![(v, colour)],
        value_text: format::value(v, &f.unit),
        source: f.source.clone(),
        status: f.status.label().into(),
        period: f.period.clone(),
    })
}

pub(super) fn inset_data(inset: Inset, data: &Dataset) -> InsetData {
    match inset {
        Inset::Pos1Flows => InsetData {
            title: "Power of Siberia deliveries, bcm".into(),
            bars: ["F068", "F069", "F070", "F071", "F072"]
                .iter()
                .filter_map(|id| {
                    let f = data.fact(id)?;
                    let mut b = fact_bar(data, id, &f.period, 2)?;
                    b.value_text = format::num(f.value?, 1);
                    Some(b)
                })
                .collect(),
            reference: data.fact("F066").and_then(|f| f.value).map(|v| (v, format!("capacity {}", format::num(v, 0)))),
        },
        Inset::GasVsEurope => {
            let v = |id: &str| data.fact(id).and_then(|f| f.value).unwrap_or(0.0);
            let east = data.fact("F042");
            InsetData {
                title: "Russian pipeline gas, bcm a year".into(),
                bars: vec![
                    Bar {
                        label: "To China, all lines at capacity".into(),
                        segments: vec![(v("F066"), 2), (v("F041"), 5), (v("F067"), 6)],
                        value_text: format!("≈{}", format::num(v("F042"), 0)),
                        source: east.map(|f| f.source.clone()).unwrap_or_default(),
                        status: east.map(|f| f.status.label().to_string()).unwrap_or_default(),
                        period: "future".into(),
                    },
                    {
                        let mut b = fact_bar(data, "F043", "To Europe in 2021", 0).unwrap_or(Bar {
                            label: String::new(),
                            segments: vec![],
                            value_text: String::new(),
                            source: String::new(),
                            status: String::new(),
                            period: String::new(),
                        });
                        b.value_text = format::num(v("F043"), 0);
                        b
                    },
                ],
                reference: None,
            }
        }
        Inset::NsrTransit => InsetData {
            title: "Transit cargo on the Northern Sea Route, Mt".into(),
            bars: data
                .nsr
                .iter()
                .map(|n| Bar {
                    label: n.year.to_string(),
                    segments: vec![(n.transit_cargo_mt, 0)],
                    value_text: format::num(n.transit_cargo_mt, 2),
                    source: n.source.clone(),
                    status: n.status.label().into(),
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
                value_text: format!("{} km", km(v)),
                source: String::new(),
                status: COMPUTED.into(),
                period: String::new(),
            };
            InsetData {
                title: "Rotterdam to Shanghai by sea".into(),
                bars: vec![bar("Northern Sea Route", nsr, 0), bar("Suez Canal", suez, 1)],
                reference: None,
            }
        }
    }
}

const COMPUTED: &str = "computed from the traced routes (approximate)";

fn event<'a>(data: &'a Dataset, pin_id: &str) -> Option<(&'a crate::data::Event, &'static str)> {
    let (date, at) = pin_id.split_once('@')?;
    let e = data.events.iter().find(|e| e.date == date)?;
    let place = gazetteer().place(at)?;
    // The gazetteer is 'static, so the name is too.
    Some((e, place.name.as_str()))
}

pub(super) fn event_lines(data: &Dataset, pin_id: &str) -> Vec<String> {
    match event(data, pin_id) {
        Some((e, _)) => vec![e.title.clone(), crate::data::period_label(&e.date)],
        None => Vec::new(),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn view_name(m: &MapModel) -> &'static str {
    use super::Kind::*;
    match m.camera.kind {
        Conic if m.camera.lon < 100.0 => "a map of China’s north-west and its border with Russia and Kazakhstan",
        Conic if m.camera.zoom > 3.0 => "a map of the Russian Far East and north-east China",
        Conic => "a map of Russia east of Lake Baikal, Mongolia and northern China",
        Polar if m.camera.zoom > 3.0 => "a polar map of the Bering Strait between Chukotka and Alaska",
        Polar => "a polar map of the Arctic, seen from above the North Pole",
    }
}

fn visible(s: &[super::Shown]) -> impl Iterator<Item = &super::Shown> {
    s.iter().filter(|s| s.alpha > 0.5)
}

pub(super) fn describe(m: &MapModel, data: &Dataset) -> String {
    let g = gazetteer();
    let mut out = format!("The graphic is {}.", view_name(m));
    if m.border > 0.5 {
        let len = border_figure(data, "border").and_then(|b| b.value.map(|v| format::value(v, &b.unit)));
        out.push_str(&format!(
            " The China–Russia border is highlighted{}, much of it along the Amur and Argun rivers.",
            len.map(|l| format!(" (about {l})")).unwrap_or_default()
        ));
    }
    let regions: Vec<&super::Shown> = visible(&m.regions).collect();
    if !regions.is_empty() {
        let mut parts = Vec::new();
        for china in [true, false] {
            let names: Vec<String> = regions
                .iter()
                .filter_map(|s| g.province(&s.id).filter(|r| r.china() == china))
                .map(|r| match region_figure(data, &r.id) {
                    Some((f, src)) => format!("{} ({f}; {src})", r.name),
                    None => r.name.clone(),
                })
                .collect();
            if !names.is_empty() {
                let side = if china { "in China" } else { "in Russia" };
                parts.push(format!("{side}, {}", names.join(", ")));
            }
        }
        out.push_str(&format!(" Provinces and regions drawn as shapes: {}.", parts.join("; ")));
        let emph: Vec<&str> = regions
            .iter()
            .filter(|s| s.emphasis > 0.5)
            .filter_map(|s| g.province(&s.id))
            .map(|r| r.name.as_str())
            .collect();
        if !emph.is_empty() {
            out.push_str(&format!(" Emphasised: {}.", and_list(&emph)));
        }
        let without: Vec<&str> = regions
            .iter()
            .filter(|s| region_figure(data, &s.id).is_none())
            .filter_map(|s| g.province(&s.id))
            .map(|r| r.name.as_str())
            .collect();
        if !without.is_empty() && without.len() < regions.len() {
            out.push_str(" The dataset has no figure for the others, and the map does not shade any by value.");
        }
    }
    if m.outlines > 0.5 {
        out.push_str(if m.regions.is_empty() {
            " Province and region boundaries are outlined faintly."
        } else {
            " The other provinces and regions are outlined faintly."
        });
    }
    let places: Vec<String> = visible(&m.places)
        .filter_map(|s| {
            let p = g.place(&s.id)?;
            Some(match border_figure(data, &s.id).and_then(figure_line) {
                Some(f) => format!("{} ({f})", p.name),
                None => p.name.clone(),
            })
        })
        .collect();
    if !places.is_empty() {
        out.push_str(&format!(" Places marked: {}.", places.join(", ")));
    }
    let routes: Vec<String> = visible(&m.routes).map(|s| route_label(data, &s.id).join(", ")).collect();
    if !routes.is_empty() {
        out.push_str(&format!(" Routes drawn: {}.", routes.join("; ")));
    }
    for e in visible(&m.events) {
        if let Some((ev, place)) = event(data, &e.id) {
            out.push_str(&format!(" Marked near {place}: {} ({}).", ev.title, crate::data::period_label(&ev.date)));
        }
    }
    if let Some((inset, a)) = m.inset {
        if a > 0.5 {
            let d = inset_data(inset, data);
            let bars: Vec<String> = d.bars.iter().map(|b| format!("{} {}", b.label, b.value_text)).collect();
            out.push_str(&format!(" A small chart shows {}: {}.", d.title.to_lowercase(), bars.join("; ")));
            if let Some((_, r)) = d.reference {
                out.push_str(&format!(" A line marks the {r}."));
            }
        }
    }
    out
}

pub(super) fn table(m: &MapModel, data: &Dataset) -> Table {
    let g = gazetteer();
    let mut t = Table::new("What the map shows", &["Shown", "Figure", "Period", "Source", "Status"]);
    let row = |t: &mut Table, shown: &str, fig: String, period: &str, source: &str, status: String| {
        t.row(vec![shown.to_string(), fig, period.to_string(), data.source_names(source), status]);
    };
    let figure_row = |t: &mut Table, name: &str, b: &BorderFigure| {
        let fig = match b.value {
            Some(v) => format!("{}: {}", b.metric, format::value(v, &b.unit)),
            None => b.metric.clone(),
        };
        row(t, name, fig, &b.period, &b.source, b.status.label().into());
    };
    if m.border > 0.5 {
        if let Some(b) = border_figure(data, "border") {
            figure_row(&mut t, "China–Russia border", b);
        }
    }
    let mut seen = Vec::new();
    for s in visible(&m.regions) {
        let Some(r) = g.province(&s.id) else { continue };
        let name = format!("{} ({})", r.name, country_name(r));
        match border_figure(data, &s.id) {
            Some(b) => figure_row(&mut t, &name, b),
            None => t.row(vec![
                name,
                "no figure in the dataset".into(),
                String::new(),
                "Natural Earth (outline)".into(),
                "outline only".into(),
            ]),
        }
    }
    for s in visible(&m.places) {
        if let (Some(p), Some(b)) = (g.place(&s.id), border_figure(data, &s.id)) {
            if !seen.contains(&b.place) {
                seen.push(b.place.clone());
                figure_row(&mut t, &format!("{} ({})", b.place, p.name), b);
            }
        }
    }
    for s in visible(&m.routes) {
        if let Some(p) = pipeline(data, &s.id) {
            let cap = p.capacity.map(|c| format::value(c, &p.unit)).unwrap_or_default();
            let fig = format!("{}: {}, {}", p.name, cap, status_word(&p.status));
            row(&mut t, &p.name, fig, &p.first_flow, &p.source, p.figures_status.label().into());
        } else if let Some(r) = g.route(&s.id) {
            if r.kind == "shipping_route" {
                let fig = format!("traced length {} km", km(r.length_km()));
                t.row(vec![
                    r.name.clone(),
                    fig,
                    String::new(),
                    "Route traced by hand on Natural Earth".into(),
                    COMPUTED.into(),
                ]);
            }
        }
    }
    for e in visible(&m.events) {
        if let Some((ev, place)) = event(data, &e.id) {
            row(
                &mut t,
                &format!("Event near {place}"),
                ev.title.clone(),
                &ev.date,
                &ev.source,
                ev.status.label().into(),
            );
        }
    }
    if let Some((inset, a)) = m.inset {
        if a > 0.5 {
            let d = inset_data(inset, data);
            for b in &d.bars {
                let source = if b.source.is_empty() {
                    "Route traced by hand on Natural Earth".to_string()
                } else {
                    data.source_names(&b.source)
                };
                t.row(vec![
                    format!("{}: {}", d.title, b.label),
                    b.value_text.clone(),
                    b.period.clone(),
                    source,
                    b.status.clone(),
                ]);
            }
            if inset == Inset::GasVsEurope {
                for (id, what) in
                    [("F066", "Power of Siberia"), ("F041", "Far Eastern route"), ("F067", "Power of Siberia 2")]
                {
                    if let Some(f) = data.fact(id) {
                        let v = f.value.map(|v| format::value(v, &f.unit)).unwrap_or_default();
                        row(&mut t, &format!("{}: {what}", d.title), v, &f.period, &f.source, f.status.label().into());
                    }
                }
            }
            if let (Some((v, _)), Inset::Pos1Flows) = (d.reference, inset) {
                if let Some(f) = data.fact("F066") {
                    row(
                        &mut t,
                        "Power of Siberia capacity",
                        format::value(v, &f.unit),
                        &f.period,
                        &f.source,
                        f.status.label().into(),
                    );
                }
            }
        }
    }
    t
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
        if let Some(b) = border_figure(data, "border") {
            add(&b.source);
        }
    }
    for s in visible(&m.regions).chain(visible(&m.places)) {
        if let Some(b) = border_figure(data, &s.id) {
            add(&b.source);
        }
    }
    for s in visible(&m.routes) {
        if let Some(p) = pipeline(data, &s.id) {
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
            for b in inset_data(inset, data).bars {
                add(&b.source);
            }
            for f in inset.facts() {
                if let Some(f) = data.fact(f) {
                    add(&f.source);
                }
            }
        }
    }
    // Every map is drawn from the base map and the traced routes; distances come from them.
    add("map-traced");
    ids
}
