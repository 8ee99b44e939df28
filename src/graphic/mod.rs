//! The graphic dispatch, above charts and maps: every graphic is a function of
//! (data, step, progress, size, theme). A step's `Spec` (story content) resolves against the
//! dataset to a `Model` (numbers), models interpolate for tweens, and a model renders to a
//! `Scene` that `scene::draw` paints.

pub mod lazy;

use crate::charts::{bars, slope, timeline, trade, waffle};
use crate::data::Dataset;
use crate::maps::{Geo, MapModel, MapSpec};
use crate::scene::table::Table;
use crate::scene::theme::Theme;
use crate::scene::{Scene, Size};
use crate::wire::Wire;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a story step asks its graphic to show; `form` picks the chart form.
///
/// Written two ways. The story content (TOML, and the JSON build.rs compiles it to) names the
/// form inside the view (`form = "map"`, serde's internally tagged enum, `Authored`); that shape
/// needs a self-describing format, so the edition file (postcard, not human-readable) writes the
/// form before the view (serde's default, externally tagged). `Deserialize` and `Serialize`
/// pick by `is_human_readable`; the derives below (`remote = "Self"`) are the binary half, as
/// `Spec::deserialize` and `Spec::serialize` functions the trait impls call.
#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(remote = "Self", rename_all = "kebab-case")]
pub enum Spec {
    Trade(trade::TradeSpec),
    Bars(bars::BarsSpec),
    Slope(slope::SlopeSpec),
    Waffle(waffle::WaffleSpec),
    Timeline(timeline::TimelineSpec),
    Map(MapSpec),
}

/// `Spec` as the story content writes it: `form` among the view's own fields. Native only: the
/// page reads its views from the edition file.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Deserialize, Serialize)]
#[serde(tag = "form", rename_all = "kebab-case")]
enum Authored {
    Trade(trade::TradeSpec),
    Bars(bars::BarsSpec),
    Slope(slope::SlopeSpec),
    Waffle(waffle::WaffleSpec),
    Timeline(timeline::TimelineSpec),
    Map(MapSpec),
}

#[cfg(not(target_arch = "wasm32"))]
impl From<Authored> for Spec {
    fn from(a: Authored) -> Spec {
        match a {
            Authored::Trade(s) => Spec::Trade(s),
            Authored::Bars(s) => Spec::Bars(s),
            Authored::Slope(s) => Spec::Slope(s),
            Authored::Waffle(s) => Spec::Waffle(s),
            Authored::Timeline(s) => Spec::Timeline(s),
            Authored::Map(s) => Spec::Map(s),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl From<Spec> for Authored {
    fn from(s: Spec) -> Authored {
        match s {
            Spec::Trade(s) => Authored::Trade(s),
            Spec::Bars(s) => Authored::Bars(s),
            Spec::Slope(s) => Authored::Slope(s),
            Spec::Waffle(s) => Authored::Waffle(s),
            Spec::Timeline(s) => Authored::Timeline(s),
            Spec::Map(s) => Authored::Map(s),
        }
    }
}

impl<'de> Deserialize<'de> for Spec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Spec, D::Error> {
        #[cfg(not(target_arch = "wasm32"))]
        if d.is_human_readable() {
            return Authored::deserialize(d).map(Spec::from);
        }
        Spec::deserialize(d)
    }
}

impl Serialize for Spec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[cfg(not(target_arch = "wasm32"))]
        if s.is_human_readable() {
            return Authored::from(self.clone()).serialize(s);
        }
        Spec::serialize(self, s)
    }
}

/// A resolved chart state: plain numbers and labels, ready to draw or interpolate.
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    Trade(trade::TradeModel),
    Bars(bars::BarsModel),
    Slope(slope::SlopeModel),
    Waffle(waffle::WaffleModel),
    Timeline(timeline::TimelineModel),
    Map(MapModel),
}

/// What drawing needs besides the model: the dataset and, once loaded, the map geometry.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub data: &'a Dataset,
    pub geo: Option<&'a Geo>,
}

impl Spec {
    pub fn model(&self, data: &Dataset) -> Result<Model, String> {
        Ok(match self {
            Spec::Trade(s) => Model::Trade(s.model(data)?),
            Spec::Bars(s) => Model::Bars(s.model(data)?),
            Spec::Slope(s) => Model::Slope(s.model(data)?),
            Spec::Waffle(s) => Model::Waffle(s.model(data)?),
            Spec::Timeline(s) => Model::Timeline(s.model(data)?),
            Spec::Map(s) => Model::Map(s.model(data)?),
        })
    }
}

impl Model {
    /// The state `t` of the way from `a` to `b`, when both are of one form.
    pub fn lerp(a: &Model, b: &Model, t: f64) -> Option<Model> {
        Some(match (a, b) {
            (Model::Trade(a), Model::Trade(b)) => Model::Trade(trade::TradeModel::lerp(a, b, t)),
            (Model::Bars(a), Model::Bars(b)) => Model::Bars(bars::BarsModel::lerp(a, b, t)),
            (Model::Slope(a), Model::Slope(b)) => Model::Slope(slope::SlopeModel::lerp(a, b, t)),
            (Model::Waffle(a), Model::Waffle(b)) => Model::Waffle(waffle::WaffleModel::lerp(a, b, t)),
            (Model::Timeline(a), Model::Timeline(b)) => Model::Timeline(timeline::TimelineModel::lerp(a, b, t)),
            (Model::Map(a), Model::Map(b)) => Model::Map(MapModel::lerp(a, b, t)?),
            _ => return None,
        })
    }

    /// The state of a graphic's `step`, or of its last step past the end.
    pub fn at(models: &[Model], step: usize) -> &Model {
        &models[step.min(models.len() - 1)]
    }

    /// Whether the step's scroll progress changes this state's picture (see `MapModel::uses_progress`).
    pub fn uses_progress(&self) -> bool {
        matches!(self, Model::Map(m) if m.uses_progress())
    }

    pub fn scene(&self, ctx: Ctx, progress: f64, size: Size, theme: &Theme) -> Scene {
        match self {
            Model::Trade(m) => m.scene(ctx.data, size, theme),
            Model::Bars(m) => m.scene(size, theme),
            Model::Slope(m) => m.scene(size, theme),
            Model::Waffle(m) => m.scene(size, theme),
            Model::Timeline(m) => m.scene(size, theme),
            Model::Map(m) => crate::maps::lazy::scene(m, ctx.geo, ctx.data, progress, size, theme),
        }
    }

    pub fn describe(&self, data: &Dataset) -> String {
        match self {
            Model::Trade(m) => m.describe(data),
            Model::Bars(m) => m.describe(data),
            Model::Slope(m) => m.describe(data),
            Model::Waffle(m) => m.describe(data),
            Model::Timeline(m) => m.describe(data),
            Model::Map(m) => m.describe(data),
        }
    }

    pub fn table(&self, data: &Dataset) -> Table {
        match self {
            Model::Trade(m) => m.table(data),
            Model::Bars(m) => m.table(data),
            Model::Slope(m) => m.table(data),
            Model::Waffle(m) => m.table(data),
            Model::Timeline(m) => m.table(data),
            Model::Map(m) => m.table(data),
        }
    }

    /// Source ids of every figure the state shows.
    pub fn sources(&self, data: &Dataset) -> Vec<String> {
        match self {
            Model::Trade(m) => m.sources(data),
            Model::Bars(m) => m.sources(data),
            Model::Slope(m) => m.sources(data),
            Model::Waffle(m) => m.sources(data),
            Model::Timeline(m) => m.sources(data),
            Model::Map(m) => m.sources(data),
        }
    }
}

/// One animation frame between two states: interpolated when the forms match,
/// cross-faded when they differ.
pub fn frame(from: &Model, to: &Model, t: f64, ctx: Ctx, progress: f64, size: Size, theme: &Theme) -> Scene {
    if t >= 1.0 {
        return to.scene(ctx, progress, size, theme);
    }
    match Model::lerp(from, to, t) {
        Some(m) => m.scene(ctx, progress, size, theme),
        None => Scene::crossfade(from.scene(ctx, progress, size, theme), to.scene(ctx, progress, size, theme), t),
    }
}

/// The source line under a graphic: the short names of every source the state shows, in the
/// dataset's edition ("Source: …", "Источник: …", "来源：…", with that language's separators).
/// The page, the static article and the exports all write it with this.
/// Below this viewport width (CSS px) a page shows the phone-shaped (narrow) static figures: the
/// static page's `<picture>` media queries and the live page's stand-in for a map agree on it.
pub const NARROW_BELOW_PX: u32 = 900;

/// Where the build writes a step's static figure (`site`), relative to the site's root, for one
/// language, width (phone or wide) and theme.
pub fn figure_path(lang: crate::lang::Lang, step: &str, narrow: bool, dark: bool) -> String {
    let dir = if lang == crate::lang::Lang::En { String::new() } else { format!("{}/", lang.code()) };
    format!("figures/{dir}{step}{}{}.svg", if narrow { "-narrow" } else { "" }, if dark { "-dark" } else { "" })
}

pub fn source_line(model: &Model, data: &Dataset) -> String {
    let w = data.words();
    let names: Vec<String> =
        model.sources(data).iter().filter_map(|s| data.source(s)).map(|s| s.short.clone()).collect();
    crate::data::words::say(&w.describe.item, &[("label", &w.col_source), ("value", &names.join(&w.describe.list))])
}

/// A step's text description: the step's own sentence (its `alt`), then what the state shows.
/// The page, the static article and the embeds all describe a graphic with this, in the
/// dataset's language (`data.lang`: the words of `[describe]`).
pub fn description(alt: &str, model: &Model, data: &Dataset) -> String {
    data.words().describe.sentences(&[alt, &model.describe(data)])
}
