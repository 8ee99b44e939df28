//! Horizontal bars of facts that share a unit: energy spending, shares of imports,
//! the dual-use categories. Bars keep their identity (fact id) between steps.

use super::frame::{lerp_keyed, Colour, Keyed, Plot};
use super::scale::{nice_max, Linear};
use crate::data::words::say;
use crate::data::{format, split_unit, Dataset};
use crate::scene::table::Table;
use crate::scene::text::wrap;
use crate::scene::theme::Theme;
use crate::scene::tween::lerp;
use crate::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use crate::wire::Wire;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BarSpec {
    pub fact: String,
    /// Label on the bar; defaults to the fact's period.
    #[serde(default)]
    pub label: Option<String>,
    /// "china", "russia", "muted", "accent", "total" or "cat0"…"cat6"; defaults by the
    /// fact's direction.
    #[serde(default)]
    pub color: Option<Colour>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BarsSpec {
    pub bars: Vec<BarSpec>,
    /// Fixed axis maximum, so related steps share a scale.
    #[serde(default)]
    pub max: Option<f64>,
    /// A caption above the bars, e.g. "China's spending on Russian energy".
    #[serde(default)]
    pub caption: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub key: String,
    pub label: String,
    pub value: f64,
    pub value_text: String,
    pub color: Colour,
    pub alpha: f64,
}

impl Keyed for Bar {
    fn key(&self) -> &str {
        &self.key
    }
    fn alpha(&mut self) -> &mut f64 {
        &mut self.alpha
    }
    fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        Bar { value: lerp(a.value, b.value, t), alpha: lerp(a.alpha, b.alpha, t), ..b.clone() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BarsModel {
    pub bars: Vec<Bar>,
    /// Axis minimum: 0, or below it when a value is negative (a fall in % y/y).
    pub min: f64,
    pub max: f64,
    pub caption: String,
    /// Unit of the axis, from the facts (all bars share it).
    pub unit: String,
}

/// A bar's colour when its spec names none: the seller's, or muted for what has no direction.
pub fn direction_color(direction: &str) -> Colour {
    match direction {
        "RU->CN" => Colour::Russia,
        "CN->RU" => Colour::China,
        _ => Colour::Muted,
    }
}

impl BarsSpec {
    pub fn model(&self, data: &Dataset) -> Result<BarsModel, String> {
        let mut bars = Vec::new();
        let mut unit: Option<String> = None;
        for b in &self.bars {
            let f = data.fact(&b.fact).ok_or_else(|| format!("bars: unknown fact {}", b.fact))?;
            let v = f.value.ok_or_else(|| format!("bars: fact {} has no value", b.fact))?;
            let base = split_unit(&f.unit).0.to_string();
            match &unit {
                None => unit = Some(base),
                Some(u) if u != &base => return Err(format!("bars: fact {} is in {base}, the others in {u}", b.fact)),
                _ => {}
            }
            bars.push(Bar {
                key: b.fact.clone(),
                label: b.label.clone().unwrap_or_else(|| data.period(&f.period)),
                value: v,
                value_text: format::value_in(data.lang, v, &f.unit),
                color: b.color.unwrap_or_else(|| direction_color(&f.direction)),
                alpha: 1.0,
            });
        }
        let max = self.max.unwrap_or_else(|| nice_max(bars.iter().map(|b| b.value).fold(0.0, f64::max), 4));
        let lowest = bars.iter().map(|b| b.value).fold(0.0, f64::min);
        let min = if lowest < 0.0 { -nice_max(-lowest, 4) } else { 0.0 };
        Ok(BarsModel {
            bars,
            min,
            max,
            caption: self.caption.clone().unwrap_or_default(),
            unit: unit.unwrap_or_default(),
        })
    }
}

/// How much wider bold text runs than `text_width` measures (regular).
pub(crate) const BOLD_WIDER: f64 = 1.08;

impl BarsModel {
    pub fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        BarsModel {
            bars: lerp_keyed(&a.bars, &b.bars, t),
            min: lerp(a.min, b.min, t),
            max: lerp(a.max, b.max, t),
            ..b.clone()
        }
    }

    pub fn scene(&self, size: Size, theme: &Theme) -> Scene {
        let mut scene = Scene::default();
        let mut plot = Plot::inside(size, 12.0, 40.0, 70.0, 16.0);
        // Room on the right for the longest value label (bold, so a little wider).
        let value_room = self
            .bars
            .iter()
            .map(|b| crate::scene::text::text_width(&b.value_text, theme.font) * BOLD_WIDER)
            .fold(0.0, f64::max)
            + 10.0;
        plot.right = (size.width - value_room).max(plot.left + 40.0);
        // The caption in as many lines as the width needs (a phone's), the bars below it.
        let caption = if self.caption.is_empty() {
            Vec::new()
        } else {
            wrap(&self.caption, theme.font, (size.width - plot.left - 8.0) / BOLD_WIDER)
        };
        let line_h = theme.font + 3.0;
        plot.top += line_h * caption.len().saturating_sub(1) as f64;
        plot.bottom = plot.bottom.max(plot.top + 10.0);
        for (k, line) in caption.into_iter().enumerate() {
            scene.push(Shape::Text {
                at: (plot.left, 16.0 + k as f64 * line_h),
                text: line,
                size: theme.font,
                color: theme.muted,
                h: HAnchor::Left,
                v: VAnchor::Middle,
                bold: true,
            });
        }
        // Room on the left for the value label of a negative bar.
        let neg_room = if self.min < 0.0 { 56.0 } else { 0.0 };
        let x = Linear::new((self.min, self.max.max(self.min + 1e-9)), (plot.left + neg_room, plot.right));
        let zero = x.map(0.0);
        if self.min < 0.0 {
            scene.push(Shape::line(vec![(zero, plot.top), (zero, plot.bottom)], theme.muted, 1.0));
        }
        let n = self.bars.len().max(1) as f64;
        let slot = (plot.height() / n).min(74.0);
        let bar_h = (slot * 0.42).clamp(10.0, 26.0);
        // Bars that are leaving keep their slot while they fade, so nothing jumps.
        for (i, b) in self.bars.iter().enumerate() {
            if b.alpha <= 0.01 {
                continue;
            }
            let top = plot.top + i as f64 * slot;
            let c = b.color.rgba(theme).alpha(b.alpha);
            let label_size = theme.font;
            let lines = wrap(&b.label, label_size, plot.width());
            for (k, l) in lines.iter().enumerate() {
                scene.push(Shape::Text {
                    at: (plot.left + neg_room, top + k as f64 * (label_size + 2.0)),
                    text: l.clone(),
                    size: label_size,
                    color: theme.ink.alpha(b.alpha),
                    h: HAnchor::Left,
                    v: VAnchor::Top,
                    bold: false,
                });
            }
            let y0 = top + lines.len() as f64 * (label_size + 2.0) + 2.0;
            // A short picture (a phone's, with the table open) thins the bar rather than letting
            // it run into the next bar's label.
            let bar_h = bar_h.min(top + slot - 3.0 - y0).max(4.0);
            let end = x.map(b.value);
            let (x0, x1) = if end < zero { (end, zero) } else { (zero, end.max(zero + 1.0)) };
            scene.push(Shape::Rect { x0, y0, x1, y1: y0 + bar_h, fill: c });
            let (at, h) = if end < zero {
                ((x0 - 6.0, y0 + bar_h / 2.0), HAnchor::Right)
            } else {
                ((x1 + 6.0, y0 + bar_h / 2.0), HAnchor::Left)
            };
            scene.push(Shape::Text {
                at,
                text: b.value_text.clone(),
                size: theme.font,
                color: theme.ink.alpha(b.alpha),
                h,
                v: VAnchor::Middle,
                bold: true,
            });
        }
        scene
    }

    pub fn describe(&self, data: &Dataset) -> String {
        let d = &data.words().describe;
        let items: Vec<String> = self
            .bars
            .iter()
            .filter(|b| b.alpha > 0.5)
            .map(|b| say(&d.item, &[("label", &b.label), ("value", &b.value_text)]))
            .collect();
        let items = items.join(&d.list);
        if self.caption.is_empty() {
            say(&d.bars, &[("items", &items)])
        } else {
            say(&d.bars_caption, &[("caption", &self.caption), ("items", &items)])
        }
    }

    pub fn table(&self, data: &Dataset) -> Table {
        fact_table(
            &self.caption,
            self.bars.iter().filter(|b| b.alpha > 0.5).map(|b| (b.label.as_str(), b.key.as_str())),
            data,
        )
    }

    pub fn sources(&self, data: &Dataset) -> Vec<String> {
        fact_sources(self.bars.iter().filter(|b| b.alpha > 0.5).map(|b| b.key.as_str()), data)
    }
}

/// A table of facts with their source and status, shared by the fact-based forms.
pub fn fact_table<'a>(caption: &str, rows: impl Iterator<Item = (&'a str, &'a str)>, data: &Dataset) -> Table {
    let w = data.words();
    let cols = [&w.col_item, &w.col_period, &w.col_value, &w.col_unit, &w.col_source, &w.col_status, &w.col_note]
        .map(String::as_str);
    let mut t = Table::new(caption, &cols);
    for (label, id) in rows {
        if let Some(f) = data.fact(id) {
            // English keeps the plain number for the CSV; other editions write it their way.
            let value = match data.lang {
                crate::lang::Lang::En => f.value.map(|v| format::num(v, 3)),
                lang => f.value.map(|v| format::value_in(lang, v, &f.unit)),
            };
            t.row(vec![
                label.to_string(),
                data.period(&f.period),
                value.unwrap_or_default(),
                match (data.lang, f.value) {
                    (crate::lang::Lang::En, _) | (_, None) => f.unit.clone(),
                    (lang, Some(v)) => unit_in(lang, v, &f.unit),
                },
                data.source_names(&f.source),
                w.status(f.status).to_string(),
                f.note.clone(),
            ]);
        }
    }
    t
}

/// A fact's unit as an edition writes it beside a number: what stays of its formatted value when
/// the number changes (“млрд долл.”, “亿美元”, “每年…亿立方米”). English keeps the data's unit.
fn unit_in(lang: crate::lang::Lang, v: f64, unit: &str) -> String {
    let base = split_unit(unit).0;
    let (a, b) = (format::value_in(lang, v, base), format::value_in(lang, v * 1.37 + 3.3, base));
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count().min(a.len() - pre);
    let number = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{202f}' | '−' | '-' | '+');
    let prefix: String = a[..pre].iter().collect::<String>().trim_end_matches(number).to_string();
    let suffix: String = a[a.len() - suf..].iter().collect::<String>().trim_start_matches(number).to_string();
    match (prefix.is_empty(), suffix.is_empty()) {
        (false, false) => format!("{prefix}…{suffix}"),
        (true, false) => suffix,
        (false, true) => prefix,
        (true, true) => unit.to_string(),
    }
}

pub fn fact_sources<'a>(ids: impl Iterator<Item = &'a str>, data: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        if let Some(f) = data.fact(id) {
            for s in f.source.split(';') {
                if !out.iter().any(|o| o == s) {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Shape;

    #[test]
    fn negative_values_draw_left_of_zero() {
        let data = Dataset::bundled();
        let spec = BarsSpec {
            bars: vec![
                BarSpec { fact: "F013".into(), label: None, color: None },
                BarSpec { fact: "F009".into(), label: None, color: None },
            ],
            max: None,
            caption: None,
        };
        let m = spec.model(&data).unwrap();
        assert!(m.min < 0.0);
        let scene = m.scene(Size { width: 600.0, height: 300.0 }, &Theme::light());
        let rects: Vec<(f64, f64)> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { x0, x1, .. } => Some((*x0, *x1)),
                _ => None,
            })
            .collect();
        assert_eq!(rects.len(), 2);
        // The growth bar starts where the fall ends: at zero.
        assert!((rects[0].0 - rects[1].1).abs() < 1e-9, "{rects:?}");
        assert!(rects[1].1 - rects[1].0 > 20.0, "the −16% bar is drawn, not a stub");
    }

    #[test]
    fn a_short_picture_keeps_each_bar_above_the_next_label() {
        let data = Dataset::bundled();
        let bar = |fact: &str| BarSpec { fact: fact.into(), label: None, color: None };
        let spec = BarsSpec { bars: ["F030", "F031", "F045"].map(bar).to_vec(), max: None, caption: None };
        let m = spec.model(&data).unwrap();
        for height in [130.0, 160.0, 400.0] {
            let scene = m.scene(Size { width: 360.0, height }, &Theme::light());
            let bars: Vec<f64> = scene
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Rect { y1, .. } => Some(*y1),
                    _ => None,
                })
                .collect();
            let labels: Vec<f64> = scene
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Text { at, v: VAnchor::Top, .. } => Some(at.1),
                    _ => None,
                })
                .collect();
            assert_eq!(labels.len(), 3, "{height}: {labels:?}");
            for (bottom, next_label) in bars.iter().zip(&labels[1..]) {
                assert!(
                    bottom < next_label,
                    "at {height} px a bar ends at {bottom}, below the next label's top {next_label}"
                );
            }
        }
    }

    #[test]
    fn mixed_units_are_refused() {
        let data = Dataset::bundled();
        let spec = BarsSpec {
            bars: vec![
                BarSpec { fact: "F030".into(), label: None, color: None },
                BarSpec { fact: "F033".into(), label: None, color: None },
            ],
            max: None,
            caption: None,
        };
        assert!(spec.model(&data).unwrap_err().contains("F033"));
    }
}
