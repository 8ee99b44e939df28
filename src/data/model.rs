//! The typed rows of the bundled dataset (assets/data/*.csv).

use crate::wire::Wire;
use serde::{Deserialize, Serialize};

/// How far a figure has been checked (see assets/data/README.md).
#[derive(Clone, Copy, Debug, Deserialize, Wire, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Stated in one of the source articles.
    Seed,
    /// A published statistic the articles confirm.
    SeedConsistent,
    /// A well-known published figure not checked against its original here.
    Unverified,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Seed => "seed",
            Status::SeedConsistent => "seed-consistent",
            Status::Unverified => "unverified",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
pub struct Source {
    pub id: String,
    pub short: String,
    pub citation: String,
    pub kind: SourceKind,
}

/// What kind of publication a source is (sources.csv `kind`).
#[derive(Clone, Copy, Debug, Deserialize, Wire, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Article,
    Company,
    Map,
    Press,
    Statistics,
}

/// One period of China's customs series of bilateral trade, in USD bn.
#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
pub struct TradeRow {
    pub period: String,
    #[serde(rename = "total_usd_bn")]
    pub total: f64,
    /// China's exports to Russia.
    #[serde(rename = "cn_exports_to_ru_usd_bn")]
    pub exports: f64,
    /// China's imports from Russia (Russia's sales to China).
    #[serde(rename = "cn_imports_from_ru_usd_bn")]
    pub imports: f64,
    pub source: String,
    pub status: Status,
    pub note: String,
}

impl TradeRow {
    /// The calendar year of a full-year row; `None` for partial periods such as "2023-H1".
    pub fn year(&self) -> Option<i32> {
        if self.period.len() == 4 {
            self.period.parse().ok()
        } else {
            None
        }
    }
    /// The year a partial period falls in ("2025-01/04" -> 2025).
    pub fn period_year(&self) -> Option<i32> {
        self.period.get(..4)?.parse().ok()
    }
    /// A reader's name for the period: "2023", "H1 2023", "Jan–Apr 2025".
    pub fn period_label(&self) -> String {
        period_label(&self.period)
    }
}

/// A period in English words ("2023-H1" → "H1 2023"); other editions: `Dataset::period`.
pub fn period_label(p: &str) -> String {
    super::Words::of(crate::lang::Lang::En).period(p)
}

/// Which way a fact's flow or stake goes (facts.csv `direction`): the spellings the file uses,
/// each a variant, so a typo fails when the file is read.
#[derive(Clone, Copy, Debug, Deserialize, Wire, Serialize, PartialEq, Eq, Hash)]
pub enum Direction {
    /// No direction (a count, a share of the whole relationship).
    #[serde(rename = "")]
    Unstated,
    /// Both ways: bilateral trade.
    #[serde(rename = "both")]
    Both,
    #[serde(rename = "CN->RU")]
    ChinaToRussia,
    #[serde(rename = "RU->CN")]
    RussiaToChina,
    /// Into Russia from anywhere.
    #[serde(rename = "->RU")]
    ToRussia,
    /// China's stake or share in Russia's market.
    #[serde(rename = "CN in RU")]
    ChinaInRussia,
    /// Russia's stake or share in China's market.
    #[serde(rename = "RU in CN")]
    RussiaInChina,
    #[serde(rename = "RU->EU")]
    RussiaToEurope,
    #[serde(rename = "MY->CN")]
    MalaysiaToChina,
    #[serde(rename = "SA->CN")]
    SaudiArabiaToChina,
}

impl Direction {
    /// The spelling in facts.csv (and in the edition's JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Unstated => "",
            Direction::Both => "both",
            Direction::ChinaToRussia => "CN->RU",
            Direction::RussiaToChina => "RU->CN",
            Direction::ToRussia => "->RU",
            Direction::ChinaInRussia => "CN in RU",
            Direction::RussiaInChina => "RU in CN",
            Direction::RussiaToEurope => "RU->EU",
            Direction::MalaysiaToChina => "MY->CN",
            Direction::SaudiArabiaToChina => "SA->CN",
        }
    }
}

/// For code that still takes the spelling (`direction_color(&f.direction)`); prefer matching
/// on the enum.
impl std::ops::Deref for Direction {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// One quantitative claim the story uses.
#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
pub struct Fact {
    pub id: String,
    pub topic: String,
    pub metric: String,
    pub period: String,
    pub value: Option<f64>,
    /// As written in the data, e.g. "USD bn", "% (more than)".
    pub unit: String,
    pub direction: Direction,
    pub source: String,
    pub status: Status,
    pub note: String,
}

#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
pub struct Event {
    pub date: String,
    pub title: String,
    pub description: String,
    /// The timeline lane, parsed when the file is read (a typo is an error naming the row and
    /// field).
    pub category: EventCategory,
    pub source: String,
    pub status: Status,
}

/// A timeline lane: what an event is about (events.csv `category`), in the lanes' order.
#[derive(Clone, Copy, Debug, Deserialize, Wire, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum EventCategory {
    Diplomacy,
    Trade,
    Energy,
    Military,
    Sanctions,
    War,
    Politics,
}

impl EventCategory {
    /// Every category, in the timeline's lane order.
    pub const ALL: [EventCategory; 7] = [
        EventCategory::Diplomacy,
        EventCategory::Trade,
        EventCategory::Energy,
        EventCategory::Military,
        EventCategory::Sanctions,
        EventCategory::War,
        EventCategory::Politics,
    ];
    /// The spelling in events.csv and in the story's timeline specs.
    pub fn as_str(self) -> &'static str {
        match self {
            EventCategory::Diplomacy => "diplomacy",
            EventCategory::Trade => "trade",
            EventCategory::Energy => "energy",
            EventCategory::Military => "military",
            EventCategory::Sanctions => "sanctions",
            EventCategory::War => "war",
            EventCategory::Politics => "politics",
        }
    }
}

impl Event {
    /// A date as the data writes it (YYYY, YYYY-MM or YYYY-MM-DD) as a fractional year: month
    /// midpoints, mid-year for a year alone. None for anything else (validation rejects it).
    pub fn year_of(date: &str) -> Option<f64> {
        let parts: Vec<&str> = date.split('-').collect();
        let num = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok().map(f64::from))
                .flatten()
        };
        let y = num(parts.first()?, 4)?;
        match parts.len() {
            1 => Some(y + 0.5),
            2 | 3 => {
                let m = num(parts[1], 2).filter(|m| (1.0..=12.0).contains(m))?;
                let d = match parts.get(2) {
                    Some(d) => num(d, 2).filter(|d| (1.0..=31.0).contains(d))?,
                    None => 15.0,
                };
                Some(y + (m - 1.0) / 12.0 + (d - 1.0) / 365.0)
            }
            _ => None,
        }
    }

    /// Fractional year for placing the event on a time axis (the dataset validated the date).
    pub fn when(&self) -> f64 {
        Event::year_of(&self.date).unwrap_or(f64::NAN)
    }

    /// The event's timeline lane (the field was checked against these when the file was read).
    pub fn category(&self) -> Option<EventCategory> {
        Some(self.category)
    }
}

/// An event's key: its date as events.csv writes it (YYYY, YYYY-MM or YYYY-MM-DD), checked
/// once when a story or map spec names it (validation keeps dates unique in events.csv).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Wire)]
#[serde(try_from = "String", into = "String")]
pub struct EventDate(String);

impl EventDate {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The date as a fractional year (`Event::year_of`); always a number, the date was checked.
    pub fn year(&self) -> f64 {
        Event::year_of(&self.0).unwrap_or(f64::NAN)
    }
}

impl TryFrom<String> for EventDate {
    type Error = String;
    fn try_from(s: String) -> Result<EventDate, String> {
        match Event::year_of(&s) {
            Some(_) => Ok(EventDate(s)),
            None => Err(format!("“{s}” is not an event date (YYYY, YYYY-MM or YYYY-MM-DD)")),
        }
    }
}

impl From<EventDate> for String {
    fn from(d: EventDate) -> String {
        d.0
    }
}

impl std::fmt::Display for EventDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
pub struct Pipeline {
    pub id: String,
    pub name: String,
    pub kind: PipelineKind,
    pub status: RouteStatus,
    pub capacity: Option<f64>,
    pub unit: String,
    pub first_flow: String,
    pub route: String,
    pub source: String,
    pub figures_status: Status,
    pub note: String,
    /// The gazetteer route (assets/geo/gazetteer.json) the maps draw this pipeline as; none
    /// for a row the maps do not draw.
    pub map_route: Option<String>,
}

/// What a pipeline carries (pipelines.csv `kind`).
#[derive(Clone, Copy, Debug, Deserialize, Wire, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum PipelineKind {
    Gas,
    Oil,
}

/// Whether a route or pipeline carries anything yet: pipelines.csv's `status` and the
/// gazetteer's. pipelines.csv writes `under construction`, the gazetteer `under_construction`:
/// both are the one variant (the data's spelling is the one written back).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Wire)]
#[serde(rename_all = "snake_case")]
pub enum RouteStatus {
    Operating,
    #[serde(rename = "under construction", alias = "under_construction")]
    UnderConstruction,
    Planned,
    /// pipelines.csv only: a row kept for comparison (Russian pipeline gas to Europe in 2021).
    Reference,
}

impl RouteStatus {
    /// The gazetteer's spelling (`snake_case`).
    pub fn as_str(self) -> &'static str {
        match self {
            RouteStatus::Operating => "operating",
            RouteStatus::UnderConstruction => "under_construction",
            RouteStatus::Planned => "planned",
            RouteStatus::Reference => "reference",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
pub struct NsrYear {
    pub year: i32,
    pub transit_cargo_mt: f64,
    pub total_cargo_mt: f64,
    pub transit_voyages: u32,
    pub source: String,
    pub status: Status,
    pub note: String,
}

/// A figure about the border, a border province, a free-trade zone or a crossing.
#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
pub struct BorderFigure {
    pub place: String,
    pub kind: BorderFigureKind,
    pub metric: String,
    pub period: String,
    pub value: Option<f64>,
    pub unit: String,
    pub source: String,
    pub status: Status,
    pub note: String,
    /// Where the maps show the figure: ids of gazetteer provinces and places, `;`-separated
    /// (`tongjiang;nizhneleninskoye`: both ends of a crossing), or `border` for the border line.
    pub map_ids: String,
}

impl BorderFigure {
    /// The map ids the figure is shown at.
    pub fn map_ids(&self) -> impl Iterator<Item = &str> {
        self.map_ids.split(';').map(str::trim).filter(|s| !s.is_empty())
    }
}

/// What a border figure is about (border_provinces.csv `kind`).
#[derive(Clone, Copy, Debug, Deserialize, Wire, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum BorderFigureKind {
    /// The China–Russia border as a whole.
    Border,
    /// A border crossing (both towns).
    Crossing,
    /// A province or region.
    Province,
    /// A pilot free-trade zone.
    Zone,
}
