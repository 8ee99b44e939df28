//! The map insets by id, and which facts each draws (assets/story/insets.toml). build.rs
//! includes this file as it is: it reads insets.toml into these types (a typo fails the build,
//! naming the file, the inset and the field) and compiles them in as postcard
//! (`wire::read_compiled`), so the page needs no JSON parser for them.

use serde::{Deserialize, Serialize};

/// The compiled insets' first bytes (build.rs, `content::insets`).
pub const MAGIC: &[u8; 4] = b"INS1";

/// A small chart inside the map, by the id a step's view and assets/story/insets.toml name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, crate::wire::Wire)]
#[serde(rename_all = "kebab-case")]
pub enum Inset {
    /// Power of Siberia 1 deliveries by year against its capacity (facts in insets.toml).
    Pos1Flows,
    /// All eastern pipelines at capacity against gas sold to Europe in 2021 (insets.toml).
    GasVsEurope,
    /// Transit cargo on the Northern Sea Route by year (nsr.csv).
    NsrTransit,
    /// Rotterdam–Shanghai by the Northern Sea Route and by Suez, from the route geometry.
    Distances,
}

/// The figures an inset draws, by inset id (assets/story/insets.toml).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, crate::wire::Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InsetFacts {
    /// One bar per fact, labelled with its period.
    #[serde(default)]
    pub bars: Vec<String>,
    /// A line across the bars at this fact's value.
    #[serde(default)]
    pub reference: Option<String>,
    /// One stacked bar, a segment per fact, each named by a route.
    #[serde(default)]
    pub stack: Vec<StackPart>,
    /// The stacked bar's total as published.
    #[serde(default)]
    pub total: Option<String>,
    /// A second bar to compare the stack with.
    #[serde(default)]
    pub compare: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize, crate::wire::Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StackPart {
    pub fact: String,
    /// The gazetteer route the segment stands for.
    pub route: String,
}

impl InsetFacts {
    /// Every fact id the inset shows.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        let one = [&self.reference, &self.total, &self.compare];
        self.bars
            .iter()
            .map(String::as_str)
            .chain(self.stack.iter().map(|p| p.fact.as_str()))
            .chain(one.into_iter().flatten().map(String::as_str))
    }
}
