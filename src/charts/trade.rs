//! The trade line chart: total trade, or China's exports and imports, by year, with
//! marked events and the latest partial-year comparison in a side panel.

use super::frame::{lerp_keyed, spread, x_axis_years, y_axis, y_axis_room, Colour, Keyed, Plot};
use super::scale::{nice_max, Linear};
use crate::data::words::say;
use crate::data::{format, pct_change, Dataset, TradeRow, Words};
use crate::scene::table::Table;
use crate::scene::text::wrap;
use crate::scene::theme::Theme;
use crate::scene::tween::lerp;
use crate::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
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
/// an unknown name is an error naming the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(try_from = "String", rename_all = "lowercase")]
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
                // The same months a year earlier: "2025-01/04" → "2024-01/04".
                let before = match row.period.split_once('-') {
                    Some((y, rest)) => y.parse::<i32>().map(|y| format!("{}-{rest}", y - 1)).unwrap_or_default(),
                    None => String::new(),
                };
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
        let max = data
            .annual()
            .filter(|r| (self.from..=self.to).contains(&r.year().unwrap_or(0)))
            .flat_map(|r| self.series.iter().map(move |s| s.of(r)))
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

/// Where a trade chart draws: the plot, its scales and the room beside it.
#[derive(Clone, Copy)]
struct Layout<'a> {
    data: &'a Dataset,
    theme: &'a Theme,
    size: Size,
    plot: Plot,
    x: Linear,
    y: Linear,
    label_w: f64,
    panel_w: f64,
    narrow: bool,
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

    pub fn scene(&self, data: &Dataset, size: Size, theme: &Theme) -> Scene {
        let mut scene = Scene::default();
        let narrow = size.width < 480.0;
        let panel_w = if narrow { 112.0 } else { 150.0 } * self.panel_alpha;
        let label_w = if size.width < 480.0 { 78.0 } else { 128.0 };
        let tick = |v| format::usd_bn_tick(data.lang, v);
        let left = y_axis_room((0.0, self.y_max), 5, tick, theme).max(40.0);
        let plot = Plot::inside(size, left, 36.0, label_w + panel_w, 30.0);
        let x = Linear::new((self.x0, self.x1), (plot.left, plot.right));
        let y = Linear::new((0.0, self.y_max), (plot.bottom, plot.top));
        y_axis(&mut scene, &plot, &y, 5, tick, theme);
        x_axis_years(&mut scene, &plot, &x, theme);
        let l = Layout { data, theme, size, plot, x, y, label_w, panel_w, narrow };
        let event_boxes = self.event_marks(&mut scene, &l);
        self.lines(&mut scene, &l);
        self.year_labels(&mut scene, &l, &event_boxes);
        self.side_panel(&mut scene, &l);
        scene
    }

    /// Event rules behind the data, labels stacked so neighbours do not collide. Returns the
    /// labels' boxes (x0, y0, x1, y1), so value labels can keep clear of them.
    fn event_marks(&self, scene: &mut Scene, l: &Layout) -> Vec<(f64, f64, f64, f64)> {
        let Layout { theme, plot, x, .. } = *l;
        let mut taken: Vec<(f64, f64)> = Vec::new();
        // (x0, y0, x1, y1) of each event label, so value labels can keep clear of them.
        let mut event_boxes: Vec<(f64, f64, f64, f64)> = Vec::new();
        for e in &self.events {
            if e.when < self.x0 - 0.01 || e.when > self.x1 + 0.01 || e.alpha <= 0.01 {
                continue;
            }
            let px = x.map(e.when);
            let c = theme.accent.alpha(e.alpha);
            scene.push(Shape::Line {
                points: vec![(px, plot.top + 4.0), (px, plot.bottom)],
                color: c,
                width: 1.0,
                dashed: true,
            });
            let size_t = theme.font - 1.5;
            let lines = wrap(&e.label, size_t, 120.0);
            let width = lines.iter().map(|l| crate::scene::text::text_width(l, size_t)).fold(0.0, f64::max);
            let right_room = plot.right - px;
            let (h, x_text, span) = if right_room > width + 8.0 {
                (HAnchor::Left, px + 4.0, (px, px + width + 4.0))
            } else {
                (HAnchor::Right, px - 4.0, (px - width - 4.0, px))
            };
            let row = taken.iter().filter(|&&(a, b)| a < span.1 && span.0 < b).count().min(2) as f64;
            taken.push(span);
            let y_top = plot.top + 8.0 + row * 2.6 * (size_t + 2.0);
            event_boxes.push((span.0, y_top, span.1, y_top + lines.len() as f64 * (size_t + 2.0)));
            for (i, l) in lines.iter().enumerate() {
                scene.push(Shape::Text {
                    at: (x_text, plot.top + 8.0 + (row * 2.6 + i as f64) * (size_t + 2.0)),
                    text: l.clone(),
                    size: size_t,
                    color: c,
                    h,
                    v: VAnchor::Top,
                    bold: false,
                });
            }
        }
        event_boxes
    }

    /// The series' lines, each ending in a dot and a label of its last value and name.
    fn lines(&self, scene: &mut Scene, l: &Layout) {
        let Layout { data, theme, size, plot, x, y, label_w, .. } = *l;
        let years: Vec<_> = data
            .annual()
            .filter(|r| {
                let yr = r.year().unwrap_or(0) as f64;
                yr >= self.x0.floor() - 1.0 && yr <= self.x1.ceil()
            })
            .collect();
        let mut end_labels = Vec::new();
        for (i, s) in self.series.iter().enumerate() {
            if s.alpha <= 0.01 {
                continue;
            }
            let c = s.series.colour().rgba(theme).alpha(s.alpha);
            let points = clip_polyline(
                years.iter().map(|r| (r.year().unwrap_or(0) as f64, s.series.of(r))).collect(),
                self.x0,
                self.x1,
            );
            let pts: Vec<(f64, f64)> = points.iter().map(|&(yr, v)| (x.map(yr), y.map(v))).collect();
            if let Some(&last) = pts.last() {
                scene.push(Shape::Circle { center: last, radius: 3.5, fill: c, stroke: None });
                end_labels.push((i, last.1, points.last().map(|p| p.1).unwrap_or(0.0), last.0));
            }
            scene.push(Shape::line(pts, c, if s.series == Series::Total { 2.5 } else { 2.25 }));
        }
        // Each end label is a value line plus its name, wrapped to the label column; labels are
        // spread apart by the tallest one.
        let name_lines = |series: Series| {
            let name = series.name(data.words(), size.width < 480.0);
            wrap(name, theme.font - 1.0, label_w - 10.0)
        };
        let most_lines = end_labels.iter().map(|e| name_lines(self.series[e.0].series).len()).max().unwrap_or(1);
        let label_gap = (theme.font + 1.0) * (1 + most_lines) as f64 + 6.0;
        let spread_at =
            spread(end_labels.iter().map(|&(i, py, _, _)| (i, py)).collect(), label_gap, plot.top, plot.bottom);
        for (i, py) in spread_at {
            let s = &self.series[i];
            let (_, _, v, px) = end_labels.iter().find(|e| e.0 == i).copied().unwrap_or((i, py, 0.0, plot.right));
            let c = s.series.colour().rgba(theme).alpha(s.alpha);
            let lines = name_lines(s.series);
            let top = py - (lines.len() as f64) * (theme.font + 1.0) / 2.0 - 6.0;
            scene.push(Shape::Text {
                at: (px + 8.0, top),
                text: format::usd_bn_in(data.lang, v),
                size: theme.font,
                color: c,
                h: HAnchor::Left,
                v: VAnchor::Middle,
                bold: true,
            });
            for (k, l) in lines.iter().enumerate() {
                scene.push(Shape::Text {
                    at: (px + 8.0, top + (k as f64 + 1.0) * (theme.font + 1.0)),
                    text: l.clone(),
                    size: theme.font - 1.0,
                    color: c,
                    h: HAnchor::Left,
                    v: VAnchor::Middle,
                    bold: false,
                });
            }
        }
    }

    /// Values written at the marked years, above the points (below when an event label is there).
    fn year_labels(&self, scene: &mut Scene, lay: &Layout, event_boxes: &[(f64, f64, f64, f64)]) {
        let Layout { data, theme, plot, x, y, .. } = *lay;
        for l in &self.labels {
            if (l.year as f64) < self.x0 - 0.01 || (l.year as f64) > self.x1 + 0.01 || l.alpha <= 0.01 {
                continue;
            }
            let Some(row) = data.trade_year(l.year) else { continue };
            for s in self.series.iter().filter(|s| s.alpha > 0.01) {
                let p = (x.map(l.year as f64), y.map(s.series.of(row)));
                let c = s.series.colour().rgba(theme).alpha(l.alpha * s.alpha);
                scene.push(Shape::Circle {
                    center: p,
                    radius: 4.0,
                    fill: theme.background.alpha(l.alpha),
                    stroke: Some(c),
                });
                // At the left edge the label starts at the point, clear of the y-axis labels.
                let (lx, h) = if p.0 - plot.left < 24.0 { (p.0 + 3.0, HAnchor::Left) } else { (p.0, HAnchor::Center) };
                let text = format::usd_bn_in(data.lang, s.series.of(row));
                let w = crate::scene::text::text_width(&text, theme.font - 1.0);
                let x0 = if h == HAnchor::Left { lx } else { lx - w / 2.0 };
                let above = (x0, p.1 - 9.0 - theme.font, x0 + w, p.1 - 9.0);
                let hits = |b: &(f64, f64, f64, f64)| b.0 < above.2 && above.0 < b.2 && b.1 < above.3 && above.1 < b.3;
                // Above the point, unless an event label is there: then below it.
                let (ly, v) =
                    if event_boxes.iter().any(hits) { (p.1 + 9.0, VAnchor::Top) } else { (p.1 - 9.0, VAnchor::Bottom) };
                Shape::Text { at: (lx, ly), text, size: theme.font - 1.0, color: c, h, v, bold: true }
                    .push_with_halo(scene, theme.background);
            }
        }
    }

    /// The partial-year comparison at the right: the same months a year apart, and the change.
    fn side_panel(&self, scene: &mut Scene, l: &Layout) {
        let Layout { data, theme, size, plot, y, panel_w, narrow, .. } = *l;
        if let (Some(p), true) = (&self.panel, self.panel_alpha > 0.01) {
            let a = self.panel_alpha;
            let bar_w = (panel_w - 24.0) / 2.0;
            // Anchored to the right edge: the plot's margins shrink on phones, the panel does not.
            let x0 = size.width - 4.0 - (2.0 * bar_w + 8.0);
            let w = data.words();
            let heading = if narrow { &w.year_on_year } else { &w.same_months };
            scene.push(Shape::Text {
                at: (size.width - 4.0, plot.top - 16.0),
                text: heading.clone(),
                size: theme.font - 2.0,
                color: theme.muted.alpha(a),
                h: HAnchor::Right,
                v: VAnchor::Middle,
                bold: false,
            });
            for (k, (label, v, c)) in
                [(&p.label_before, p.before, theme.muted), (&p.label_now, p.now, theme.total)].into_iter().enumerate()
            {
                let bx = x0 + k as f64 * (bar_w + 8.0);
                scene.push(Shape::Rect {
                    x0: bx,
                    y0: y.map(v),
                    x1: bx + bar_w,
                    y1: plot.bottom,
                    fill: c.alpha(a * 0.85),
                });
                scene.push(Shape::Text {
                    at: (bx + bar_w / 2.0, y.map(v) - 4.0),
                    text: format::usd_bn_in(data.lang, v),
                    size: theme.font - 1.0,
                    color: theme.ink.alpha(a),
                    h: HAnchor::Center,
                    v: VAnchor::Bottom,
                    bold: k == 1,
                });
                for (j, part) in label.split(' ').collect::<Vec<_>>().chunks(1).enumerate() {
                    scene.push(Shape::Text {
                        at: (bx + bar_w / 2.0, plot.bottom + 7.0 + j as f64 * (theme.font)),
                        text: part.join(" "),
                        size: theme.font - 2.0,
                        color: theme.muted.alpha(a),
                        h: HAnchor::Center,
                        v: VAnchor::Top,
                        bold: false,
                    });
                }
            }
            scene.push(Shape::Text {
                at: (x0 + bar_w + 4.0, y.map(p.before) - 26.0),
                text: format::change_in(data.lang, p.change),
                size: theme.font + 3.0,
                color: theme.china.alpha(a),
                h: HAnchor::Center,
                v: VAnchor::Bottom,
                bold: true,
            });
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
            let peak = data
                .annual()
                .filter(|r| (from..=to).contains(&r.year().unwrap_or(0)))
                .max_by(|p, q| s.series.of(p).total_cmp(&s.series.of(q)));
            if let Some(p) = peak.filter(|p| p.year() != Some(to)) {
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
        for r in data.annual().filter(|r| (from..=to).contains(&r.year().unwrap_or(0))) {
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
