//! A slope chart: a few facts per series, at categorical periods, joined by lines.
//! Used for shares that changed between "before the war" and "now".

use super::bars::{color_of, fact_sources, fact_table};
use super::frame::{lerp_keyed, y_axis, Keyed, Plot};
use super::scale::Linear;
use crate::data::{format, Dataset};
use crate::scene::table::Table;
use crate::scene::theme::Theme;
use crate::scene::tween::lerp;
use crate::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlopeSeriesSpec {
    pub label: String,
    pub color: String,
    /// One fact per period, in the order of `periods` (a missing period is skipped).
    pub facts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlopeSpec {
    /// Column labels, left to right.
    pub periods: Vec<String>,
    pub series: Vec<SlopeSeriesSpec>,
    /// Axis maximum in percent.
    pub max: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SlopeSeries {
    pub key: String,
    pub color: String,
    /// (column index, value, value text, fact id)
    pub points: Vec<(usize, f64, String, String)>,
    pub alpha: f64,
}

impl Keyed for SlopeSeries {
    fn key(&self) -> &str {
        &self.key
    }
    fn alpha(&mut self) -> &mut f64 {
        &mut self.alpha
    }
    fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        // Points present in both states move; new columns appear with the end state.
        let points = b
            .points
            .iter()
            .map(|p| match a.points.iter().find(|q| q.0 == p.0) {
                Some(q) => (p.0, lerp(q.1, p.1, t), p.2.clone(), p.3.clone()),
                None => p.clone(),
            })
            .collect();
        SlopeSeries { points, alpha: lerp(a.alpha, b.alpha, t), ..b.clone() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SlopeModel {
    pub periods: Vec<String>,
    pub columns: f64,
    pub series: Vec<SlopeSeries>,
    pub max: f64,
}

impl SlopeSpec {
    pub fn model(&self, data: &Dataset) -> Result<SlopeModel, String> {
        let mut series = Vec::new();
        for s in &self.series {
            let mut points = Vec::new();
            for (i, id) in s.facts.iter().enumerate() {
                if id.is_empty() {
                    continue;
                }
                let f = data.fact(id).ok_or_else(|| format!("slope: unknown fact {id}"))?;
                let v = f.value.ok_or_else(|| format!("slope: fact {id} has no value"))?;
                if i >= self.periods.len() {
                    return Err(format!("slope: {} has more facts than periods", s.label));
                }
                points.push((i, v, format::value(v, &f.unit), id.clone()));
            }
            series.push(SlopeSeries { key: s.label.clone(), color: s.color.clone(), points, alpha: 1.0 });
        }
        Ok(SlopeModel { periods: self.periods.clone(), columns: self.periods.len() as f64, series, max: self.max })
    }
}

impl SlopeModel {
    pub fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        SlopeModel {
            periods: if b.periods.len() >= a.periods.len() { b.periods.clone() } else { a.periods.clone() },
            columns: lerp(a.columns, b.columns, t),
            series: lerp_keyed(&a.series, &b.series, t),
            max: lerp(a.max, b.max, t),
        }
    }

    pub fn scene(&self, size: Size, theme: &Theme) -> Scene {
        let mut scene = Scene::default();
        let plot = Plot::inside(size, 44.0, 30.0, if size.width < 480.0 { 24.0 } else { 150.0 }, 40.0);
        let y = Linear::new((0.0, self.max), (plot.bottom, plot.top));
        y_axis(&mut scene, &plot, &y, 4, |v| format!("{}%", format::num(v, 0)), theme);
        let cols = self.columns.max(1.0);
        let col_x = |i: f64| {
            plot.left + 30.0 + (plot.width() - 60.0) * if cols <= 1.0 { 0.5 } else { i / (cols - 1.0).max(1.0) }
        };
        for (i, p) in self.periods.iter().enumerate() {
            let a = (cols - i as f64).clamp(0.0, 1.0);
            scene.push(Shape::Text {
                at: (col_x(i as f64), plot.bottom + 10.0),
                text: p.clone(),
                size: theme.font - 1.0,
                color: theme.muted.alpha(a),
                h: HAnchor::Center,
                v: VAnchor::Top,
                bold: false,
            });
        }
        for s in &self.series {
            let c = color_of(&s.color, theme).alpha(s.alpha);
            let pts: Vec<(f64, f64)> = s.points.iter().map(|p| (col_x(p.0 as f64), y.map(p.1))).collect();
            scene.push(Shape::line(pts.clone(), c, 2.5));
            for (p, xy) in s.points.iter().zip(&pts) {
                scene.push(Shape::Circle { center: *xy, radius: 5.0, fill: c, stroke: None });
                scene.push(Shape::Text {
                    at: (xy.0, xy.1 - 10.0),
                    text: p.2.clone(),
                    size: theme.font,
                    color: c,
                    h: HAnchor::Center,
                    v: VAnchor::Bottom,
                    bold: true,
                });
            }
            if let Some(last) = pts.last() {
                let (at, h) = if size.width < 480.0 {
                    ((last.0, last.1 + 12.0), HAnchor::Right)
                } else {
                    ((last.0 + 12.0, last.1), HAnchor::Left)
                };
                scene.push(Shape::Text {
                    at,
                    text: s.key.clone(),
                    size: theme.font - 1.0,
                    color: c,
                    h,
                    v: VAnchor::Top,
                    bold: false,
                });
            }
        }
        scene
    }

    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .series
            .iter()
            .filter(|s| s.alpha > 0.5)
            .map(|s| {
                let pts: Vec<String> = s
                    .points
                    .iter()
                    .map(|p| format!("{} in {}", p.2, self.periods.get(p.0).cloned().unwrap_or_default()))
                    .collect();
                format!("{}: {}", s.key, pts.join(", "))
            })
            .collect();
        format!("Slope chart. {}.", parts.join(". "))
    }

    fn fact_ids(&self) -> Vec<(String, String)> {
        self.series
            .iter()
            .filter(|s| s.alpha > 0.5)
            .flat_map(|s| s.points.iter().map(move |p| (s.key.clone(), p.3.clone())))
            .collect()
    }

    pub fn table(&self, data: &Dataset) -> Table {
        let ids = self.fact_ids();
        fact_table("Shares of foreign trade", ids.iter().map(|(l, id)| (l.as_str(), id.as_str())), data)
    }

    pub fn sources(&self, data: &Dataset) -> Vec<String> {
        let ids = self.fact_ids();
        fact_sources(ids.iter().map(|(_, id)| id.as_str()), data)
    }
}
