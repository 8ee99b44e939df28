//! The timeline of events 2014–2025: one lane per category, the events of the current
//! step labelled, the rest as dots for context.

use super::frame::{lerp_keyed, x_axis_years, Keyed, Plot};
use super::labels::{widest, BOLD};
use super::scale::Linear;
use crate::data::words::say;
use crate::data::{format, Dataset, EventCategory};
use crate::scene::table::Table;
use crate::scene::text::wrap;
use crate::scene::theme::Theme;
use crate::scene::tween::lerp;
use crate::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use crate::wire::Wire;
use serde::{Deserialize, Serialize};

/// Lanes top to bottom; each category keeps its colour everywhere on the page.
pub const CATEGORIES: [EventCategory; 7] = EventCategory::ALL;

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineSpec {
    pub from: f64,
    pub to: f64,
    /// Dates (events.csv) of the events this step is about.
    pub focus: Vec<String>,
    /// Only these categories; all when empty (an unknown one fails when the story is read).
    #[serde(default)]
    pub categories: Vec<EventCategory>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dot {
    pub key: String,
    pub when: f64,
    pub lane: usize,
    pub title: String,
    /// The event's date in the edition's words.
    pub date: String,
    pub focus: f64,
    pub alpha: f64,
}

impl Keyed for Dot {
    fn key(&self) -> &str {
        &self.key
    }
    fn alpha(&mut self) -> &mut f64 {
        &mut self.alpha
    }
    fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        Dot { focus: lerp(a.focus, b.focus, t), alpha: lerp(a.alpha, b.alpha, t), ..b.clone() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineModel {
    pub x0: f64,
    pub x1: f64,
    pub dots: Vec<Dot>,
    /// The lanes' names, in CATEGORIES order, in the edition's words.
    pub lanes: Vec<String>,
}

pub fn lane(category: EventCategory) -> usize {
    category as usize
}

impl TimelineSpec {
    pub fn model(&self, data: &Dataset) -> Result<TimelineModel, String> {
        for d in &self.focus {
            if !data.events.iter().any(|e| &e.date == d) {
                return Err(format!("timeline: no event dated {d}"));
            }
        }
        let dots = data
            .events
            .iter()
            .filter(|e| self.categories.is_empty() || self.categories.contains(&e.category))
            .map(|e| Dot {
                key: e.date.clone(),
                when: e.when(),
                lane: lane(e.category),
                title: e.title.clone(),
                date: data.period(&e.date),
                focus: if self.focus.contains(&e.date) { 1.0 } else { 0.0 },
                alpha: 1.0,
            })
            .collect();
        let lanes = CATEGORIES.iter().map(|c| data.words().category(c.as_str()).to_string()).collect();
        Ok(TimelineModel { x0: self.from, x1: self.to, dots, lanes })
    }
}

impl TimelineModel {
    pub fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        TimelineModel {
            x0: lerp(a.x0, b.x0, t),
            x1: lerp(a.x1, b.x1, t),
            dots: lerp_keyed(&a.dots, &b.dots, t),
            lanes: b.lanes.clone(),
        }
    }

    pub fn scene(&self, size: Size, theme: &Theme) -> Scene {
        let mut scene = Scene::default();
        let narrow = size.width < 480.0;
        let lane_font = theme.font - if narrow { 2.5 } else { 2.0 };
        // Lane names sit left of the lanes, clear of the dots, at every width.
        let names_w = self.lanes.iter().map(|c| crate::scene::text::text_width(c, lane_font)).fold(0.0, f64::max);
        let plot = Plot::inside(size, names_w + 14.0, 16.0, 16.0, 30.0);
        let x = Linear::new((self.x0, self.x1), (plot.left, plot.right));
        // Lanes take the lower part; labels of focused events go above.
        let lanes_top = plot.top + plot.height() * 0.45;
        let lane_h = (plot.bottom - lanes_top) / CATEGORIES.len() as f64;
        let lane_y = |lane: usize| lanes_top + (lane as f64 + 0.5) * lane_h;
        for (i, c) in self.lanes.iter().enumerate() {
            let y = lane_y(i);
            scene.push(Shape::line(vec![(plot.left, y), (plot.right, y)], theme.grid, 1.0));
            scene.push(Shape::Text {
                at: (plot.left - 8.0, y),
                text: c.to_string(),
                size: lane_font,
                // Pale category colours (sky blue, pink) are mixed with the ink to stay readable as text.
                color: theme.categorical[i].mix(theme.ink, 0.35),
                h: HAnchor::Right,
                v: VAnchor::Middle,
                bold: false,
            });
        }
        x_axis_years(&mut scene, &plot, &x, theme);
        let mut focused: Vec<&Dot> = Vec::new();
        for d in &self.dots {
            if d.when < self.x0 || d.when > self.x1 || d.alpha <= 0.01 {
                continue;
            }
            let c = theme.categorical[d.lane % 7].alpha(d.alpha * (0.45 + 0.55 * d.focus));
            scene.push(Shape::Circle {
                center: (x.map(d.when), lane_y(d.lane)),
                radius: 4.0 + 3.0 * d.focus,
                fill: c,
                stroke: if d.focus > 0.5 { Some(theme.ink.alpha(d.focus)) } else { None },
            });
            if d.focus > 0.02 {
                focused.push(d);
            }
        }
        // Labels of the focused events, one under another, each with a stem down to its dot.
        crate::sort::by_key(&mut focused, |e| e.when);
        let titles = fit_titles(focused, &x, size.width, (plot.width() * 0.55).max(120.0), theme.font);
        let lh = theme.font + 3.0;
        let mut y = plot.top;
        for i in title_order(&titles) {
            let t = &titles[i];
            // A title that would run down into the lanes (over their dots) is left to the
            // description and the table: the dot stays marked.
            if y + t.lines.len() as f64 * lh > lanes_top - 4.0 {
                continue;
            }
            let d = t.dot;
            let c = theme.categorical[d.lane % 7].alpha(d.focus * d.alpha);
            let ink = theme.ink.alpha(d.focus * d.alpha);
            scene.push(Shape::line(vec![(t.px, y + 2.0), (t.px, lane_y(d.lane) - 7.0)], c, 1.0));
            for (k, l) in t.lines.iter().enumerate() {
                scene.push(Shape::Text {
                    at: (t.tx, y + k as f64 * lh),
                    text: l.clone(),
                    size: theme.font,
                    color: ink,
                    h: t.h,
                    v: VAnchor::Top,
                    bold: k == 0,
                });
            }
            y += t.lines.len() as f64 * lh + 8.0;
            if y > lanes_top - theme.font {
                break;
            }
        }
        scene
    }

    pub fn focused(&self) -> impl Iterator<Item = &Dot> {
        self.dots.iter().filter(|d| d.focus > 0.5 && d.alpha > 0.5)
    }

    pub fn describe(&self, data: &Dataset) -> String {
        let (w, lang) = (data.words(), data.lang);
        let d = &w.describe;
        let shown = self.dots.iter().filter(|d| d.alpha > 0.5).count();
        let mut out = vec![say(
            &d.timeline,
            &[
                ("events", &format::count_in(lang, shown as f64, &d.events)),
                ("from", &format::fixed(self.x0.floor(), 0)),
                ("to", &format::fixed(self.x1.floor(), 0)),
            ],
        )];
        for dot in self.focused() {
            if let Some(e) = data.events.iter().find(|e| e.date == dot.key) {
                out.push(say(
                    &d.timeline_event,
                    &[
                        ("date", &data.period(&e.date)),
                        ("category", w.category(e.category.as_str())),
                        ("text", &e.description),
                    ],
                ));
            }
        }
        d.sentences(&out)
    }

    pub fn table(&self, data: &Dataset) -> Table {
        let w = data.words();
        let cols = [&w.col_date, &w.col_event, &w.col_category, &w.col_source, &w.col_status].map(String::as_str);
        let mut t = Table::new(w.events_table.as_str(), &cols);
        for d in self.focused() {
            if let Some(e) = data.events.iter().find(|e| e.date == d.key) {
                t.row(vec![
                    e.date.clone(),
                    e.title.clone(),
                    w.category(e.category.as_str()).to_string(),
                    data.source_names(&e.source),
                    w.status(e.status).to_string(),
                ]);
            }
        }
        t
    }

    pub fn sources(&self, data: &Dataset) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for d in self.focused() {
            if let Some(e) = data.events.iter().find(|e| e.date == d.key) {
                for s in e.source.split(';') {
                    if !out.iter().any(|o| o == s) {
                        out.push(s.into());
                    }
                }
            }
        }
        out
    }
}

/// A focused event's title, fitted beside its stem.
struct Title<'d> {
    dot: &'d Dot,
    px: f64,
    lines: Vec<String>,
    tx: f64,
    h: HAnchor,
    x0: f64,
    x1: f64,
}

/// Each focused event's title beside its stem (`x` maps years to px), on a side where it fits
/// and covers no other event's stem (wrapped narrower to keep off the nearest one), else where
/// it fits.
fn fit_titles<'d>(focused: Vec<&'d Dot>, x: &Linear, width: f64, max_w: f64, label_size: f64) -> Vec<Title<'d>> {
    let stems: Vec<f64> = focused.iter().map(|d| x.map(d.when)).collect();
    focused
        .into_iter()
        .map(|d| {
            let px = x.map(d.when);
            let text = format!("{} — {}", d.date, d.title);
            let (right, left) = (width - 4.0 - (px + 6.0), px - 6.0 - 4.0);
            let side = |on_right: bool| {
                let room = if on_right { right } else { left };
                let next = stems
                    .iter()
                    .map(|&s| if on_right { s - px } else { px - s })
                    .filter(|&gap| gap > 0.5)
                    .fold(f64::INFINITY, f64::min);
                let clear = next - 6.0 - 8.0;
                let width = if clear >= 80.0 { max_w.min(room).min(clear) } else { max_w.min(room) };
                let lines = wrap(&text, label_size, width.max(40.0) / BOLD);
                let w = widest(&lines, label_size, true);
                let x0 = if on_right { px + 6.0 } else { px - 6.0 - w };
                let covers = stems.iter().any(|&s| (s - px).abs() > 0.5 && s >= x0 - 2.0 && s <= x0 + w + 2.0);
                (on_right, lines, w, x0, w <= room, covers)
            };
            let sides = [side(true), side(false)];
            let pick = sides
                .iter()
                .find(|s| s.4 && !s.5)
                .or_else(|| sides.iter().find(|s| s.4))
                .unwrap_or(if right >= left { &sides[0] } else { &sides[1] })
                .clone();
            let (on_right, lines, w, x0) = (pick.0, pick.1, pick.2, pick.3);
            let (tx, h) = if on_right { (px + 6.0, HAnchor::Left) } else { (px - 6.0, HAnchor::Right) };
            Title { dot: d, px, lines, tx, h, x0, x1: x0 + w }
        })
        .collect()
}

/// The order titles stack in from the top: date order, except that a title covering another
/// event's stem comes first (that stem then starts below it and passes no title).
fn title_order(titles: &[Title]) -> Vec<usize> {
    let covers = |t: &Title, u: &Title| u.px >= t.x0 - 2.0 && u.px <= t.x1 + 2.0;
    let mut order: Vec<usize> = Vec::new();
    let mut left: Vec<usize> = (0..titles.len()).collect();
    while !left.is_empty() {
        let free = left
            .iter()
            .position(|&j| {
                !left.iter().any(|&i| i != j && covers(&titles[i], &titles[j]) && !covers(&titles[j], &titles[i]))
            })
            .unwrap_or(0);
        order.push(left.remove(free));
    }
    order
}
