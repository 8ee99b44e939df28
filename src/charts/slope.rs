//! A slope chart: a few facts per series, at a few periods, joined by lines. Used for
//! shares that changed between "before the war" and "now". Periods that are years sit on
//! a time axis proportional to time (2021 → 2023 is twice as long as 2023 → 2024); only
//! periods that are not all years fall back to equal spacing.

use super::bars::{fact_sources, fact_table};
use super::frame::{lerp_keyed, y_axis, Colour, Keyed, Plot};
use super::scale::Linear;
use crate::data::words::say;
use crate::data::{format, Dataset};
use crate::scene::table::Table;
use crate::scene::theme::Theme;
use crate::scene::tween::lerp;
use crate::scene::{HAnchor, Scene, Shape, Size, VAnchor};
use crate::wire::Wire;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SlopeSeriesSpec {
    pub label: String,
    pub color: Colour,
    /// One fact per period, in the order of `periods` (a missing period is skipped).
    pub facts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SlopeSpec {
    /// Column labels, left to right.
    pub periods: Vec<String>,
    pub series: Vec<SlopeSeriesSpec>,
    /// Axis maximum in percent.
    pub max: f64,
}

/// One point of a series: (period's position on the time axis, value, value text, fact id).
pub type SlopePoint = (f64, f64, String, String);

#[derive(Clone, Debug, PartialEq)]
pub struct SlopeSeries {
    pub key: String,
    pub color: Colour,
    pub points: Vec<SlopePoint>,
    pub alpha: f64,
}

/// A period label under the axis, at its position in time.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodMark {
    pub label: String,
    pub when: f64,
    pub alpha: f64,
}

impl Keyed for PeriodMark {
    fn key(&self) -> &str {
        &self.label
    }
    fn alpha(&mut self) -> &mut f64 {
        &mut self.alpha
    }
    fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        PeriodMark { when: lerp(a.when, b.when, t), alpha: lerp(a.alpha, b.alpha, t), ..b.clone() }
    }
}

/// The year a period label starts with ("2021", "2023-H1" → 2023), if it starts with one.
pub fn period_year(label: &str) -> Option<f64> {
    let digits: String = label.chars().take_while(|c| c.is_ascii_digit()).collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

/// Positions of the periods on the x axis: their years when every label is a year in
/// increasing order (a proportional time axis), else 0, 1, 2… (categories).
pub fn period_positions(periods: &[String]) -> Vec<f64> {
    let years: Option<Vec<f64>> = periods.iter().map(|p| period_year(p)).collect();
    match years {
        Some(y) if y.windows(2).all(|w| w[0] < w[1]) => y,
        _ => (0..periods.len()).map(|i| i as f64).collect(),
    }
}

impl Keyed for SlopeSeries {
    fn key(&self) -> &str {
        &self.key
    }
    fn alpha(&mut self) -> &mut f64 {
        &mut self.alpha
    }
    fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        // Points present in both states (same fact) move; new ones appear with the end state.
        let points = b
            .points
            .iter()
            .map(|p| match a.points.iter().find(|q| q.3 == p.3) {
                Some(q) => (lerp(q.0, p.0, t), lerp(q.1, p.1, t), p.2.clone(), p.3.clone()),
                None => p.clone(),
            })
            .collect();
        SlopeSeries { points, alpha: lerp(a.alpha, b.alpha, t), ..b.clone() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SlopeModel {
    pub periods: Vec<PeriodMark>,
    /// The time axis' domain: first and last period.
    pub x0: f64,
    pub x1: f64,
    pub series: Vec<SlopeSeries>,
    pub max: f64,
}

impl SlopeSpec {
    pub fn model(&self, data: &Dataset) -> Result<SlopeModel, String> {
        let at = period_positions(&self.periods);
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
                points.push((at[i], v, format::value_in(data.lang, v, &f.unit), id.clone()));
            }
            series.push(SlopeSeries { key: s.label.clone(), color: s.color, points, alpha: 1.0 });
        }
        let periods =
            self.periods.iter().zip(&at).map(|(p, &when)| PeriodMark { label: p.clone(), when, alpha: 1.0 }).collect();
        let x0 = at.first().copied().unwrap_or(0.0);
        let x1 = at.last().copied().unwrap_or(x0);
        Ok(SlopeModel { periods, x0, x1, series, max: self.max })
    }
}

impl SlopeModel {
    pub fn lerp(a: &Self, b: &Self, t: f64) -> Self {
        SlopeModel {
            periods: lerp_keyed(&a.periods, &b.periods, t),
            x0: lerp(a.x0, b.x0, t),
            x1: lerp(a.x1, b.x1, t),
            series: lerp_keyed(&a.series, &b.series, t),
            max: lerp(a.max, b.max, t),
        }
    }

    pub fn scene(&self, size: Size, theme: &Theme) -> Scene {
        let mut scene = Scene::default();
        let plot = Plot::inside(size, 44.0, 30.0, if size.width < 480.0 { 24.0 } else { 150.0 }, 40.0);
        let y = Linear::new((0.0, self.max), (plot.bottom, plot.top));
        y_axis(&mut scene, &plot, &y, 4, |v| format!("{}%", format::num(v, 0)), theme);
        // Time runs left to right in proportion: one linear scale over the periods' years.
        let x = Linear::new((self.x0, self.x1), (plot.left + 30.0, plot.right - 30.0));
        let col_x = |when: f64| if self.x1 - self.x0 < 1e-9 { (plot.left + plot.right) / 2.0 } else { x.map(when) };
        for p in &self.periods {
            let a = p.alpha.clamp(0.0, 1.0);
            if a <= 0.01 {
                continue;
            }
            scene.push(Shape::line(
                vec![(col_x(p.when), plot.bottom), (col_x(p.when), plot.bottom + 4.0)],
                theme.muted.alpha(a),
                1.0,
            ));
            scene.push(Shape::Text {
                at: (col_x(p.when), plot.bottom + 10.0),
                text: p.label.clone(),
                size: theme.font - 1.0,
                color: theme.muted.alpha(a),
                h: HAnchor::Center,
                v: VAnchor::Top,
                bold: false,
            });
        }
        for s in &self.series {
            let c = s.color.rgba(theme).alpha(s.alpha);
            let pts: Vec<(f64, f64)> = s.points.iter().map(|p| (col_x(p.0), y.map(p.1))).collect();
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

    pub fn describe(&self, data: &Dataset) -> String {
        let d = &data.words().describe;
        let mut out = vec![d.slope.clone()];
        for s in self.series.iter().filter(|s| s.alpha > 0.5) {
            let points: Vec<String> = s
                .points
                .iter()
                .map(|p| say(&d.slope_point, &[("value", &p.2), ("period", &data.period(&self.period_label(p.0)))]))
                .collect();
            out.push(say(&d.slope_series, &[("name", &s.key), ("points", &points.join(&d.comma))]));
        }
        d.sentences(&out)
    }

    /// The label of the period at `when` (nearest, for states between two tweens).
    pub fn period_label(&self, when: f64) -> String {
        self.periods
            .iter()
            .min_by(|a, b| (a.when - when).abs().total_cmp(&(b.when - when).abs()))
            .map(|p| p.label.clone())
            .unwrap_or_default()
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
        fact_table(&data.words().shares_table, ids.iter().map(|(l, id)| (l.as_str(), id.as_str())), data)
    }

    pub fn sources(&self, data: &Dataset) -> Vec<String> {
        let ids = self.fact_ids();
        fact_sources(ids.iter().map(|(_, id)| id.as_str()), data)
    }
}
