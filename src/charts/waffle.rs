//! A 10 × 10 unit chart for a share: each square is one per cent of the whole.

use super::bars::{fact_sources, fact_table};
use super::frame::Colour;
use crate::data::words::say;
use crate::data::{format, Dataset};
use crate::scene::table::Table;
use crate::scene::text::wrap;
use crate::scene::theme::Theme;
use crate::scene::tween::lerp;
use crate::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use crate::wire::Wire;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WaffleSpec {
    /// A fact in percent.
    pub fact: String,
    /// What the filled squares are, e.g. "of trade settled in roubles and yuan".
    pub label: String,
    /// Defaults to "accent".
    #[serde(default)]
    pub color: Option<Colour>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WaffleModel {
    pub fact: String,
    pub value: f64,
    pub value_text: String,
    pub period: String,
    pub label: String,
    pub color: Colour,
}

impl WaffleSpec {
    pub fn model(&self, data: &Dataset) -> Result<WaffleModel, String> {
        let f = data.fact(&self.fact).ok_or_else(|| format!("waffle: unknown fact {}", self.fact))?;
        let v = f.value.ok_or_else(|| format!("waffle: fact {} has no value", self.fact))?;
        if !(0.0..=100.0).contains(&v) || !f.unit.starts_with('%') {
            return Err(format!("waffle: fact {} is not a share in percent", self.fact));
        }
        Ok(WaffleModel {
            fact: self.fact.clone(),
            value: v,
            value_text: format::value_in(data.lang, v, &f.unit),
            period: data.period(&f.period),
            label: self.label.clone(),
            color: self.color.unwrap_or(Colour::Accent),
        })
    }
}

impl WaffleModel {
    pub fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        WaffleModel { value: lerp(a.value, b.value, t), ..b.clone() }
    }

    pub fn scene(&self, size: Size, theme: &Theme) -> Scene {
        let mut scene = Scene::default();
        // The label in as many lines as the width needs (a phone's), the grid below it.
        let label = wrap(&self.label, theme.font, size.width - 24.0);
        let line_h = theme.font + 4.0;
        let head = 64.0 + line_h * label.len().saturating_sub(1) as f64;
        let side = (size.width - 24.0).min(size.height - head - 16.0).max(60.0);
        let cell = side / 10.0;
        let x0 = (size.width - side) / 2.0;
        let y0 = head;
        let c = self.color.rgba(theme);
        scene.push(Shape::Text {
            at: (size.width / 2.0, 22.0),
            text: format!("{} · {}", self.value_text, self.period),
            size: theme.font + 9.0,
            color: c,
            h: HAnchor::Center,
            v: VAnchor::Middle,
            bold: true,
        });
        for (k, line) in label.into_iter().enumerate() {
            scene.push(Shape::Text {
                at: (size.width / 2.0, 48.0 + k as f64 * line_h),
                text: line,
                size: theme.font,
                color: theme.muted,
                h: HAnchor::Center,
                v: VAnchor::Middle,
                bold: false,
            });
        }
        // Fill from the bottom row up, left to right, so a growing share rises.
        for i in 0..100 {
            let (row, col) = (9 - i / 10, i % 10);
            let fill_part = (self.value - i as f64).clamp(0.0, 1.0);
            let (x, y) = (x0 + col as f64 * cell, y0 + row as f64 * cell);
            let gap = (cell * 0.12).max(1.0);
            scene.push(Shape::Rect {
                x0: x + gap / 2.0,
                y0: y + gap / 2.0,
                x1: x + cell - gap / 2.0,
                y1: y + cell - gap / 2.0,
                fill: theme.grid,
            });
            if fill_part > 0.0 {
                scene.push(Shape::Rect {
                    x0: x + gap / 2.0,
                    y0: y + gap / 2.0,
                    x1: x + gap / 2.0 + (cell - gap) * fill_part,
                    y1: y + cell - gap / 2.0,
                    fill: c,
                });
            }
        }
        scene
    }

    pub fn describe(&self, data: &Dataset) -> String {
        let d = &data.words().describe;
        say(
            &d.waffle,
            &[
                ("filled", &format::count_in(data.lang, self.value.round(), &d.squares)),
                ("value", &self.value_text),
                ("label", &self.label),
                ("period", &self.period),
            ],
        )
    }

    pub fn table(&self, data: &Dataset) -> Table {
        fact_table(&self.label, std::iter::once((self.label.as_str(), self.fact.as_str())), data)
    }

    pub fn sources(&self, data: &Dataset) -> Vec<String> {
        fact_sources(std::iter::once(self.fact.as_str()), data)
    }
}
