//! The trade line chart: total trade, or China's exports and imports, by year, with
//! marked events and the latest partial-year comparison in a side panel.

use super::frame::{lerp_keyed, spread, x_axis_years, y_axis, y_axis_room, Colour, Keyed, Plot};
use super::labels::{fit, widest, Rect};
use super::scale::{nice_max, Linear};
use crate::data::words::say;
use crate::data::{format, pct_change, Dataset, TradeRow, Words};
use crate::scene::table::Table;
use crate::scene::text::wrap;
use crate::scene::theme::Theme;
use crate::scene::tween::lerp;
use crate::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use crate::wire::Wire;
use serde::{Deserialize, Serialize};

mod draw;

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TradeSpec {
    pub from: i32,
    pub to: i32,
    /// Any of "total", "exports", "imports".
    pub series: Vec<Series>,
    /// Dates of events (events.csv) to mark with a vertical rule.
    #[serde(default)]
    pub events: Vec<String>,
    /// Years whose values are labelled on the lines.
    #[serde(default)]
    pub label_years: Vec<i32>,
    /// A partial period (e.g. "2025-01/04") compared with the same months a year earlier.
    #[serde(default)]
    pub partial: Option<String>,
    /// Published change for the partial period, as a fact id (e.g. "F006").
    #[serde(default)]
    pub partial_change: Option<String>,
}

/// A trade series as chart content names it (`series = ["exports", "imports"]`), parsed once:
/// an unknown name is an error naming the field. Written as that name too (`into`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Wire, Serialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Series {
    Total,
    Exports,
    Imports,
}

impl Series {
    pub const ALL: [Series; 3] = [Series::Total, Series::Exports, Series::Imports];

    /// The name content writes.
    pub fn key(self) -> &'static str {
        match self {
            Series::Total => "total",
            Series::Exports => "exports",
            Series::Imports => "imports",
        }
    }

    /// The series' value in a row of trade_annual.csv.
    pub fn of(self, row: &TradeRow) -> f64 {
        match self {
            Series::Total => row.total,
            Series::Exports => row.exports,
            Series::Imports => row.imports,
        }
    }

    /// The line's colour: China's sales in China's colour, Russia's in Russia's.
    pub fn colour(self) -> Colour {
        match self {
            Series::Total => Colour::Total,
            Series::Exports => Colour::China,
            Series::Imports => Colour::Russia,
        }
    }

    /// The series' name in an edition's words, short for narrow charts.
    pub fn name(self, w: &Words, short: bool) -> &str {
        match (self, short) {
            (Series::Total, false) => &w.total,
            (Series::Exports, false) => &w.exports,
            (Series::Imports, false) => &w.imports,
            (Series::Total, true) => &w.total_short,
            (Series::Exports, true) => &w.exports_short,
            (Series::Imports, true) => &w.imports_short,
        }
    }
}

impl From<Series> for &'static str {
    fn from(s: Series) -> &'static str {
        s.key()
    }
}

impl TryFrom<String> for Series {
    type Error = String;
    fn try_from(name: String) -> Result<Series, String> {
        Series::ALL
            .into_iter()
            .find(|s| s.key() == name)
            .ok_or_else(|| format!("series: unknown series “{name}” (use total, exports, imports)"))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SeriesMark {
    pub series: Series,
    pub alpha: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EventMark {
    pub key: String,
    pub when: f64,
    pub label: String,
    pub alpha: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct YearLabel {
    pub key: String,
    pub year: i32,
    pub alpha: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartialPanel {
    /// The period as the data writes it ("2025-01/04").
    pub period: String,
    pub label_now: String,
    pub label_before: String,
    pub now: f64,
    pub before: f64,
    pub change: f64,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TradeModel {
    pub x0: f64,
    pub x1: f64,
    pub y_max: f64,
    pub series: Vec<SeriesMark>,
    pub events: Vec<EventMark>,
    pub labels: Vec<YearLabel>,
    pub panel: Option<PartialPanel>,
    pub panel_alpha: f64,
}

impl Keyed for SeriesMark {
    fn key(&self) -> &str {
        self.series.key()
    }
    fn alpha(&mut self) -> &mut f64 {
        &mut self.alpha
    }
    fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        SeriesMark { series: b.series, alpha: lerp(a.alpha, b.alpha, t) }
    }
}
impl Keyed for EventMark {
    fn key(&self) -> &str {
        &self.key
    }
    fn alpha(&mut self) -> &mut f64 {
        &mut self.alpha
    }
    fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        EventMark { alpha: lerp(a.alpha, b.alpha, t), ..b.clone() }
    }
}
impl Keyed for YearLabel {
    fn key(&self) -> &str {
        &self.key
    }
    fn alpha(&mut self) -> &mut f64 {
        &mut self.alpha
    }
    fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        YearLabel { alpha: lerp(a.alpha, b.alpha, t), ..b.clone() }
    }
}

impl TradeSpec {
    pub fn model(&self, data: &Dataset) -> Result<TradeModel, String> {
        if self.from >= self.to {
            return Err(format!("trade: from {} must be before to {}", self.from, self.to));
        }
        for y in [self.from, self.to] {
            if data.trade_year(y).is_none() {
                return Err(format!("trade: no trade data for {y}"));
            }
        }
        let series = self.series.iter().map(|&series| SeriesMark { series, alpha: 1.0 }).collect();
        let mut events = Vec::new();
        for d in &self.events {
            let e = data.events.iter().find(|e| &e.date == d).ok_or_else(|| format!("trade: no event dated {d}"))?;
            events.push(EventMark { key: d.clone(), when: e.when(), label: e.title.clone(), alpha: 1.0 });
        }
        let labels = self.label_years.iter().map(|&y| YearLabel { key: y.to_string(), year: y, alpha: 1.0 }).collect();
        let panel = match &self.partial {
            None => None,
            Some(p) => {
                let row = data.trade_period(p).ok_or_else(|| format!("trade: no partial period {p}"))?;
                let fact_id = self.partial_change.as_deref().ok_or("trade: partial needs partial_change")?;
                let fact = data.fact(fact_id).ok_or_else(|| format!("trade: unknown fact {fact_id}"))?;
                let change = fact.value.ok_or_else(|| format!("trade: fact {fact_id} has no value"))?;
                let before = year_before(&row.period)?;
                Some(PartialPanel {
                    period: row.period.clone(),
                    label_now: data.period(&row.period),
                    label_before: data.period(&before),
                    now: row.total,
                    before: Dataset::implied_previous(row.total, change),
                    change,
                    source: row.source.clone(),
                })
            }
        };
        let max = annual_years(data)
            .filter(|(y, _)| (self.from..=self.to).contains(y))
            .flat_map(|(_, r)| self.series.iter().map(move |s| s.of(r)))
            .fold(0.0, f64::max);
        Ok(TradeModel {
            x0: self.from as f64,
            x1: self.to as f64,
            y_max: nice_max(max * 1.04, 5),
            series,
            events,
            labels,
            panel_alpha: if panel.is_some() { 1.0 } else { 0.0 },
            panel,
        })
    }
}

/// Each trade row that is a whole year, with its year. Partial periods ("2025-01/04") have none
/// and are not points of the annual lines: a row without a year is skipped, never year 0.
fn annual_years(data: &Dataset) -> impl Iterator<Item = (i32, &TradeRow)> {
    data.trade.iter().filter_map(|r| Some((r.year()?, r)))
}

/// The same months a year earlier: "2025-01/04" → "2024-01/04".
fn year_before(period: &str) -> Result<String, String> {
    let (y, rest) = period.split_once('-').ok_or_else(|| format!("trade: partial period {period} has no year-"))?;
    let y: i32 = y.parse().map_err(|_| format!("trade: partial period {period} does not start with a year"))?;
    Ok(format!("{}-{rest}", y - 1))
}

impl TradeModel {
    pub fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        TradeModel {
            x0: lerp(a.x0, b.x0, t),
            x1: lerp(a.x1, b.x1, t),
            y_max: lerp(a.y_max, b.y_max, t),
            series: lerp_keyed(&a.series, &b.series, t),
            events: lerp_keyed(&a.events, &b.events, t),
            labels: lerp_keyed(&a.labels, &b.labels, t),
            panel: b.panel.clone().or_else(|| a.panel.clone()),
            panel_alpha: lerp(a.panel_alpha, b.panel_alpha, t),
        }
    }

    fn shown(&self) -> Vec<&SeriesMark> {
        self.series.iter().filter(|s| s.alpha > 0.5).collect()
    }

    pub fn describe(&self, data: &Dataset) -> String {
        let (from, to) = (self.x0.round() as i32, self.x1.round() as i32);
        let (lang, d) = (data.lang, &data.words().describe);
        let usd = |v| format::usd_bn_in(lang, v);
        let (from_s, to_s) = (from.to_string(), to.to_string());
        let mut out = vec![say(&d.trade, &[("from", &from_s), ("to", &to_s)])];
        for s in self.shown() {
            let (Some(a), Some(b)) = (data.trade_year(from), data.trade_year(to)) else { continue };
            let (va, vb) = (s.series.of(a), s.series.of(b));
            out.push(say(
                &d.trade_series,
                &[
                    ("series", s.series.name(data.words(), false)),
                    ("first", &usd(va)),
                    ("from", &from_s),
                    ("last", &usd(vb)),
                    ("to", &to_s),
                    ("change", &format::change_in(lang, pct_change(va, vb))),
                ],
            ));
            let peak = annual_years(data)
                .filter(|(y, _)| (from..=to).contains(y))
                .max_by(|(_, p), (_, q)| s.series.of(p).total_cmp(&s.series.of(q)));
            if let Some((_, p)) = peak.filter(|(y, _)| *y != to) {
                out.push(say(&d.trade_peak, &[("value", &usd(s.series.of(p))), ("period", &data.period(&p.period))]));
            }
        }
        let marked: Vec<_> = self.events.iter().filter(|e| e.alpha > 0.5).map(|e| e.label.as_str()).collect();
        if !marked.is_empty() {
            out.push(say(&d.trade_marked, &[("events", &marked.join(&d.list))]));
        }
        if let (Some(p), true) = (&self.panel, self.panel_alpha > 0.5) {
            out.push(say(
                &d.trade_panel,
                &[
                    ("now", &usd(p.now)),
                    ("period_now", &p.label_now),
                    ("before", &usd(p.before)),
                    ("period_before", &p.label_before),
                    ("change", &format::change_in(lang, p.change)),
                ],
            ));
        }
        d.sentences(&out)
    }

    pub fn table(&self, data: &Dataset) -> Table {
        let (from, to) = (self.x0.round() as i32, self.x1.round() as i32);
        let w = data.words();
        let mut cols = vec![w.col_period.as_str()];
        cols.extend(self.shown().iter().map(|s| s.series.name(data.words(), false)));
        cols.extend([w.col_source.as_str(), w.col_status.as_str()]);
        let caption = w.trade_table.replace("{from}", &from.to_string()).replace("{to}", &to.to_string());
        let mut t = Table::new(caption, &cols);
        for (_, r) in annual_years(data).filter(|(y, _)| (from..=to).contains(y)) {
            let mut cells = vec![data.period(&r.period)];
            cells.extend(self.shown().iter().map(|s| format::usd_bn_cell(data.lang, s.series.of(r))));
            cells.extend([data.source_names(&r.source), w.status(r.status).to_string()]);
            t.row(cells);
        }
        if let (Some(p), true) = (&self.panel, self.panel_alpha > 0.5) {
            if let Some(r) = data.trade.iter().find(|r| r.period == p.period) {
                let mut cells = vec![p.label_now.clone()];
                cells.extend(self.shown().iter().map(|s| format::usd_bn_cell(data.lang, s.series.of(r))));
                cells.extend([data.source_names(&r.source), w.status(r.status).to_string()]);
                t.row(cells);
            }
        }
        t
    }

    pub fn sources(&self, data: &Dataset) -> Vec<String> {
        let mut ids: Vec<String> = vec!["china-customs".into()];
        if let Some(p) = self.panel.as_ref().filter(|_| self.panel_alpha > 0.5) {
            ids.extend(p.source.split(';').map(str::to_string));
        }
        for e in self.events.iter().filter(|e| e.alpha > 0.5) {
            if let Some(ev) = data.events.iter().find(|ev| ev.date == e.key) {
                ids.extend(ev.source.split(';').map(str::to_string));
            }
        }
        ids.dedup();
        ids
    }
}

/// Keeps the part of a polyline inside x0..=x1, cutting the end segments at the bounds
/// so a widening time axis grows the line smoothly instead of popping points in.
pub fn clip_polyline(points: Vec<(f64, f64)>, x0: f64, x1: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let at = |x: f64| (x, a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0));
        if b.0 < x0 || a.0 > x1 {
            continue;
        }
        let start = if a.0 < x0 { at(x0) } else { a };
        let end = if b.0 > x1 { at(x1) } else { b };
        if out.last() != Some(&start) {
            out.push(start);
        }
        out.push(end);
    }
    if out.is_empty() {
        if let Some(p) = points.iter().find(|p| p.0 >= x0 && p.0 <= x1) {
            out.push(*p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_cuts_at_the_bounds() {
        let pts = vec![(2013.0, 0.0), (2014.0, 10.0), (2015.0, 20.0)];
        assert_eq!(clip_polyline(pts.clone(), 2013.5, 2015.0), vec![(2013.5, 5.0), (2014.0, 10.0), (2015.0, 20.0)]);
        assert_eq!(clip_polyline(pts, 2013.0, 2014.5), vec![(2013.0, 0.0), (2014.0, 10.0), (2014.5, 15.0)]);
    }
}
