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

/// Where a trade chart draws: the plot, its scales, and the labels and panel beside it,
/// measured in the edition's words before the plot takes the rest.
struct Layout<'a> {
    data: &'a Dataset,
    theme: &'a Theme,
    size: Size,
    plot: Plot,
    x: Linear,
    y: Linear,
    ends: Vec<EndLabel>,
    panel: Option<PanelFit>,
}

/// The label at the end of a series' line: its last value and its name, each fitted to the
/// label column, and where it sits after neighbours are spread apart.
struct EndLabel {
    /// Index into `TradeModel::series`.
    i: usize,
    values: Vec<String>,
    names: Vec<String>,
    /// The middle of the first line.
    first: f64,
}

impl EndLabel {
    fn count(&self) -> usize {
        self.values.len() + self.names.len()
    }
    fn width(&self, theme: &Theme) -> f64 {
        widest(&self.values, theme.font, true).max(widest(&self.names, theme.font - 1.0, false))
    }
    /// Top and bottom of the label's lines.
    fn band(&self, theme: &Theme) -> (f64, f64) {
        let lh = theme.font + 1.0;
        (self.first - lh / 2.0, self.first + (self.count() as f64 - 0.5) * lh)
    }
}

/// The side panel's columns, measured: a column widens when its value or period needs it.
struct PanelFit {
    bar_w: f64,
    /// The room the panel takes at the right, its gap to the plot included.
    width: f64,
    values: [Vec<String>; 2],
    captions: [Vec<String>; 2],
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

    pub fn scene(&self, data: &Dataset, size: Size, theme: &Theme) -> Scene {
        let mut scene = Scene::default();
        let l = self.layout(data, size, theme);
        let tick = |v| format::usd_bn_tick(data.lang, v);
        y_axis(&mut scene, &l.plot, &l.y, 5, tick, theme);
        x_axis_years(&mut scene, &l.plot, &l.x, theme);
        let mut taken = self.event_marks(&mut scene, &l);
        taken.extend(self.lines(&mut scene, &l));
        taken.extend(self.side_panel(&mut scene, &l));
        self.year_labels(&mut scene, &l, &taken);
        scene
    }

    /// Measures the end labels and the side panel in the edition's words, then gives the plot
    /// what is left: the right margin is what the labels need, not a guess per width. On a
    /// narrow chart the end labels may share the panel's column when they sit above it.
    fn layout<'a>(&self, data: &'a Dataset, size: Size, theme: &'a Theme) -> Layout<'a> {
        let narrow = size.width < 480.0;
        let tick = |v| format::usd_bn_tick(data.lang, v);
        let left = y_axis_room((0.0, self.y_max), 5, tick, theme).max(40.0);
        let (top, bottom) = (36.0, (size.height - 30.0).max(46.0));
        let y = Linear::new((0.0, self.y_max), (bottom, top));
        let panel = self.panel_fit(data, theme, narrow);
        let ends = self.end_labels(data, theme, narrow, &y, (top, bottom), panel.is_some());
        let label_w = ends.iter().map(|e| e.width(theme) + 12.0).fold(0.0, f64::max);
        let panel_w = panel.as_ref().map_or(0.0, |p| p.width);
        let mut right = label_w + panel_w;
        if let Some(p) = panel.as_ref().filter(|_| size.width - left - right < 0.5 * (size.width - left)) {
            // Too little plot left: the end labels may stand over the panel if they are clear
            // of it from top to bottom (the panel's heading sits in the margin above the plot).
            let panel_top = self.panel_top(p, theme, &y);
            if ends.iter().all(|e| e.band(theme).1 + 4.0 < panel_top) {
                right = label_w.max(panel_w);
            }
        }
        let plot = Plot { left, top, right: (size.width - right).max(left + 10.0), bottom };
        let x = Linear::new((self.x0, self.x1), (plot.left, plot.right));
        Layout { data, theme, size, plot, x, y, ends, panel }
    }

    /// A series' points in data units (year, value), cut at the chart's time bounds.
    fn points(&self, data: &Dataset, series: Series) -> Vec<(f64, f64)> {
        let years =
            annual_years(data).filter(|(yr, _)| (*yr as f64) >= self.x0.floor() - 1.0 && (*yr as f64) <= self.x1.ceil());
        clip_polyline(years.map(|(yr, r)| (yr as f64, series.of(r))).collect(), self.x0, self.x1)
    }

    /// The end labels, fitted to the label column (a value too wide for it takes two lines) and
    /// spread apart by the tallest one; with a side panel, kept below the panel's heading.
    fn end_labels(
        &self,
        data: &Dataset,
        theme: &Theme,
        narrow: bool,
        y: &Linear,
        (top, bottom): (f64, f64),
        panel: bool,
    ) -> Vec<EndLabel> {
        let col = if narrow { 68.0 } else { 118.0 };
        let lh = theme.font + 1.0;
        let mut ends: Vec<EndLabel> = Vec::new();
        for (i, s) in self.series.iter().enumerate() {
            if s.alpha <= 0.01 {
                continue;
            }
            let Some(&(_, value)) = self.points(data, s.series).last() else { continue };
            let values = fit(&format::usd_bn_in(data.lang, value), theme.font, col + 12.0, 2, true);
            let names = wrap(s.series.name(data.words(), narrow), theme.font - 1.0, col);
            ends.push(EndLabel { i, values, names, first: y.map(value) });
        }
        let most = ends.iter().map(EndLabel::count).max().unwrap_or(2);
        let gap = lh * most as f64 + 6.0;
        let min = if panel { top - 2.0 + most as f64 * lh / 2.0 } else { top };
        for (i, py) in spread(ends.iter().map(|e| (e.i, e.first)).collect(), gap, min, bottom) {
            if let Some(e) = ends.iter_mut().find(|e| e.i == i) {
                // The value above the point, the name beside it (as one name line always was).
                e.first = py - (e.count() as f64 - 1.0) * lh / 2.0 - 6.0;
            }
        }
        ends
    }

    /// The side panel's labels fitted to its columns; the columns widen to the widest.
    fn panel_fit(&self, data: &Dataset, theme: &Theme, narrow: bool) -> Option<PanelFit> {
        let p = self.panel.as_ref().filter(|_| self.panel_alpha > 0.01)?;
        let bar_w: f64 = if narrow { 44.0 } else { 63.0 };
        let usd = |v| format::usd_bn_in(data.lang, v);
        let values = [fit(&usd(p.before), theme.font - 1.0, bar_w + 4.0, 2, false), {
            fit(&usd(p.now), theme.font - 1.0, bar_w + 4.0, 2, true)
        }];
        let captions = [&p.label_before, &p.label_now].map(|c| fit(c, theme.font - 2.0, bar_w, 2, false));
        let need = widest(&values[0], theme.font - 1.0, false)
            .max(widest(&values[1], theme.font - 1.0, true))
            .max(captions.iter().map(|c| widest(c, theme.font - 2.0, false)).fold(0.0, f64::max));
        // Neighbouring columns' labels keep 6 px apart.
        let bar_w = bar_w.max(need - 2.0);
        Some(PanelFit { bar_w, width: (2.0 * bar_w + 24.0) * self.panel_alpha, values, captions })
    }

    /// The top of what the panel draws inside the plot's height: its change figure.
    fn panel_top(&self, fit: &PanelFit, theme: &Theme, y: &Linear) -> f64 {
        self.panel.as_ref().map_or(f64::INFINITY, |p| self.change_y(p, fit, theme, y) - (theme.font + 3.0))
    }

    /// The baseline of the panel's change figure: above both bars' value labels.
    fn change_y(&self, p: &PartialPanel, fit: &PanelFit, theme: &Theme, y: &Linear) -> f64 {
        let lh = theme.font;
        let tops = [(p.before, &fit.values[0]), (p.now, &fit.values[1])]
            .map(|(v, lines)| y.map(v) - 4.0 - lines.len() as f64 * lh);
        (y.map(p.before) - 26.0).min(tops[0].min(tops[1]) - 4.0)
    }

    /// Event rules behind the data, each label stacked at the first row where it meets no
    /// other. Returns the labels' boxes, so value labels can keep clear of them.
    fn event_marks(&self, scene: &mut Scene, l: &Layout) -> Vec<Rect> {
        let Layout { theme, plot, x, .. } = *l;
        let size_t = theme.font - 1.5;
        let lh = size_t + 2.0;
        let mut boxes: Vec<Rect> = Vec::new();
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
            // Beside the rule on the side with room; wrapped narrower when neither has 120 px.
            let (right_room, left_room) = (plot.right - px - 4.0, px - plot.left - 4.0);
            let mut lines = wrap(&e.label, size_t, 120.0);
            let mut width = widest(&lines, size_t, false);
            if width > right_room && width > left_room {
                lines = wrap(&e.label, size_t, right_room.max(left_room));
                width = widest(&lines, size_t, false);
            }
            let (h, x_text) = if right_room >= width || right_room >= left_room {
                (HAnchor::Left, px + 4.0)
            } else {
                (HAnchor::Right, px - 4.0)
            };
            let height = lines.len() as f64 * lh;
            let at = |row: usize| plot.top + 8.0 + row as f64 * lh;
            let rect = |row: usize| Rect::of_text((x_text, at(row)), width, height, h, VAnchor::Top);
            let row = (0..8).find(|&r| !boxes.iter().any(|b| b.overlaps(&rect(r).grown(2.0)))).unwrap_or(0);
            boxes.push(rect(row));
            for (i, line) in lines.iter().enumerate() {
                scene.push(Shape::Text {
                    at: (x_text, at(row) + i as f64 * lh),
                    text: line.clone(),
                    size: size_t,
                    color: c,
                    h,
                    v: VAnchor::Top,
                    bold: false,
                });
            }
        }
        boxes
    }

    /// The series' lines, each ending in a dot and its end label. Returns the labels' boxes.
    fn lines(&self, scene: &mut Scene, l: &Layout) -> Vec<Rect> {
        let Layout { data, theme, x, y, .. } = *l;
        for s in self.series.iter().filter(|s| s.alpha > 0.01) {
            let c = s.series.colour().rgba(theme).alpha(s.alpha);
            let pts: Vec<(f64, f64)> =
                self.points(data, s.series).into_iter().map(|(yr, v)| (x.map(yr), y.map(v))).collect();
            if let Some(&last) = pts.last() {
                scene.push(Shape::Circle { center: last, radius: 3.5, fill: c, stroke: None });
            }
            scene.push(Shape::line(pts, c, if s.series == Series::Total { 2.5 } else { 2.25 }));
        }
        let lh = theme.font + 1.0;
        let mut boxes = Vec::new();
        for e in &l.ends {
            let s = &self.series[e.i];
            let c = s.series.colour().rgba(theme).alpha(s.alpha);
            let px = x.map(self.x1.min(self.points(data, s.series).last().map_or(self.x1, |p| p.0))) + 8.0;
            let lines = e.values.iter().map(|t| (t, true)).chain(e.names.iter().map(|t| (t, false)));
            for (k, (text, bold)) in lines.enumerate() {
                scene.push(Shape::Text {
                    at: (px, e.first + k as f64 * lh),
                    text: text.clone(),
                    size: if bold { theme.font } else { theme.font - 1.0 },
                    color: c,
                    h: HAnchor::Left,
                    v: VAnchor::Middle,
                    bold,
                });
            }
            let (b0, b1) = e.band(theme);
            boxes.push(Rect { x0: px, y0: b0, x1: px + e.width(theme), y1: b1 });
        }
        boxes
    }

    /// Values written at the marked years: above the point, or below, or beside it, whichever
    /// first keeps clear of every line, label and edge.
    fn year_labels(&self, scene: &mut Scene, lay: &Layout, taken: &[Rect]) {
        let Layout { data, theme, size, plot, x, y, .. } = *lay;
        let lines: Vec<Vec<(f64, f64)>> = self
            .series
            .iter()
            .filter(|s| s.alpha > 0.01)
            .map(|s| self.points(data, s.series).into_iter().map(|(yr, v)| (x.map(yr), y.map(v))).collect())
            .collect();
        let mut taken = taken.to_vec();
        let fs = theme.font - 1.0;
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
                let text = format::usd_bn_in(data.lang, s.series.of(row));
                // One line, or two where one does not fit between its neighbours.
                let two = fit(&text, fs, 0.6 * widest(std::slice::from_ref(&text), fs, true), 2, true);
                let mut choices = Vec::new();
                for lines in [vec![text.clone()], two] {
                    let (w, h) = (widest(&lines, fs, true), lines.len() as f64 * fs);
                    for k in 0..3 {
                        let (d, side) = (9.0 + k as f64 * (fs + 2.0), 7.0);
                        for (at, ha, va) in [
                            ((p.0, p.1 - d), HAnchor::Center, VAnchor::Bottom),
                            ((p.0, p.1 + d), HAnchor::Center, VAnchor::Top),
                            ((p.0 - side, p.1 - d + 2.0), HAnchor::Right, VAnchor::Bottom),
                            ((p.0 + side, p.1 - d + 2.0), HAnchor::Left, VAnchor::Bottom),
                            ((p.0 - side, p.1 + d - 2.0), HAnchor::Right, VAnchor::Top),
                            ((p.0 + side, p.1 + d - 2.0), HAnchor::Left, VAnchor::Top),
                        ] {
                            choices.push((lines.clone(), Rect::of_text(at, w, h, ha, va), ha));
                        }
                    }
                }
                let clear = |r: &Rect| {
                    let pad = r.grown(2.0);
                    r.x0 >= plot.left + 2.0
                        && r.x1 <= size.width - 2.0
                        && r.y0 >= 0.0
                        && r.y1 <= plot.bottom
                        && !lines.iter().any(|line| pad.crossed_by_line(line))
                        && !taken.iter().any(|b| b.overlaps(&pad))
                };
                let (chosen, r, ha) = choices.iter().find(|c| clear(&c.1)).unwrap_or(&choices[0]).clone();
                taken.push(r);
                let x = match ha {
                    HAnchor::Left => r.x0,
                    HAnchor::Center => (r.x0 + r.x1) / 2.0,
                    HAnchor::Right => r.x1,
                };
                for (j, line) in chosen.iter().enumerate() {
                    let at = (x, r.y0 + (j as f64 + 0.5) * fs);
                    Shape::Text { at, text: line.clone(), size: fs, color: c, h: ha, v: VAnchor::Middle, bold: true }
                        .push_with_halo(scene, theme.background);
                }
            }
        }
    }

    /// The partial-year comparison at the right: the same months a year apart, and the change.
    /// Returns the boxes of its labels.
    fn side_panel(&self, scene: &mut Scene, l: &Layout) -> Vec<Rect> {
        let Layout { data, theme, size, plot, y, .. } = *l;
        let (Some(p), Some(fit)) = (&self.panel, &l.panel) else { return Vec::new() };
        let mut boxes = Vec::new();
        let a = self.panel_alpha;
        let bar_w = fit.bar_w;
        // Anchored to the right edge: the plot takes what the panel leaves.
        let x0 = size.width - 4.0 - (2.0 * bar_w + 8.0);
        let w = data.words();
        let heading = if size.width < 480.0 { &w.year_on_year } else { &w.same_months };
        scene.push(Shape::Text {
            at: (size.width - 4.0, plot.top - 16.0),
            text: heading.clone(),
            size: theme.font - 2.0,
            color: theme.muted.alpha(a),
            h: HAnchor::Right,
            v: VAnchor::Middle,
            bold: false,
        });
        let bars = [(p.before, theme.muted), (p.now, theme.total)];
        for (k, (v, c)) in bars.into_iter().enumerate() {
            let bx = x0 + k as f64 * (bar_w + 8.0);
            let mid = bx + bar_w / 2.0;
            scene.push(Shape::Rect { x0: bx, y0: y.map(v), x1: bx + bar_w, y1: plot.bottom, fill: c.alpha(a * 0.85) });
            let values = &fit.values[k];
            let fs = theme.font - 1.0;
            for (j, line) in values.iter().enumerate() {
                let at = (mid, y.map(v) - 4.0 - (values.len() - 1 - j) as f64 * theme.font);
                scene.push(Shape::Text {
                    at,
                    text: line.clone(),
                    size: fs,
                    color: theme.ink.alpha(a),
                    h: HAnchor::Center,
                    v: VAnchor::Bottom,
                    bold: k == 1,
                });
            }
            let vw = widest(values, fs, k == 1);
            boxes.push(Rect {
                x0: mid - vw / 2.0,
                y0: y.map(v) - 4.0 - values.len() as f64 * theme.font,
                x1: mid + vw / 2.0,
                y1: y.map(v) - 4.0,
            });
            for (j, part) in fit.captions[k].iter().enumerate() {
                scene.push(Shape::Text {
                    at: (mid, plot.bottom + 7.0 + j as f64 * theme.font),
                    text: part.clone(),
                    size: theme.font - 2.0,
                    color: theme.muted.alpha(a),
                    h: HAnchor::Center,
                    v: VAnchor::Top,
                    bold: false,
                });
            }
        }
        let change_y = self.change_y(p, fit, theme, &y);
        let change = format::change_in(data.lang, p.change);
        let cw = widest(std::slice::from_ref(&change), theme.font + 3.0, true);
        let cx = x0 + bar_w + 4.0;
        scene.push(Shape::Text {
            at: (cx, change_y),
            text: change,
            size: theme.font + 3.0,
            color: theme.china.alpha(a),
            h: HAnchor::Center,
            v: VAnchor::Bottom,
            bold: true,
        });
        boxes.push(Rect { x0: cx - cw / 2.0, y0: change_y - theme.font - 3.0, x1: cx + cw / 2.0, y1: change_y });
        boxes
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
