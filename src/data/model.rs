//! The typed rows of the bundled dataset (assets/data/*.csv).

use serde::{Deserialize, Serialize};

/// How far a figure has been checked (see assets/data/README.md).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    pub fn label(self) -> &'static str {
        match self {
            Status::Seed => "from the articles",
            Status::SeedConsistent => "official, matches the articles",
            Status::Unverified => "unverified",
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Status::Seed => "seed",
            Status::SeedConsistent => "seed-consistent",
            Status::Unverified => "unverified",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct Source {
    pub id: String,
    pub short: String,
    pub citation: String,
    pub kind: String,
}

/// One period of China's customs series of bilateral trade, in USD bn.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
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

/// One quantitative claim the story uses.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct Fact {
    pub id: String,
    pub topic: String,
    pub metric: String,
    pub period: String,
    pub value: Option<f64>,
    /// As written in the data, e.g. "USD bn", "% (more than)".
    pub unit: String,
    pub direction: String,
    pub source: String,
    pub status: Status,
    pub note: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct Event {
    pub date: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub source: String,
    pub status: Status,
}

impl Event {
    /// A date as the data writes it (YYYY, YYYY-MM or YYYY-MM-DD) as a fractional year: month
    /// midpoints, mid-year for a year alone. None for anything else (validation rejects it).
    pub fn year_of(date: &str) -> Option<f64> {
        let parts: Vec<&str> = date.split('-').collect();
        let num = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<f64>().ok()).flatten()
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
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct Pipeline {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub status: String,
    pub capacity: Option<f64>,
    pub unit: String,
    pub first_flow: String,
    pub route: String,
    pub source: String,
    pub figures_status: Status,
    pub note: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct NsrYear {
    pub year: i32,
    pub transit_cargo_mt: f64,
    pub total_cargo_mt: f64,
    pub transit_voyages: u32,
    pub source: String,
    pub status: Status,
    pub note: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct BorderFigure {
    pub place: String,
    pub kind: String,
    pub metric: String,
    pub period: String,
    pub value: Option<f64>,
    pub unit: String,
    pub source: String,
    pub status: Status,
    pub note: String,
}
