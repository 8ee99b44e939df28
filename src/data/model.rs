//! The typed rows of the bundled dataset (assets/data/*.csv).

use serde::Deserialize;

/// How far a figure has been checked (see assets/data/README.md).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Source {
    pub id: String,
    pub short: String,
    pub citation: String,
    pub kind: String,
}

/// One period of China's customs series of bilateral trade, in USD bn.
#[derive(Clone, Debug, Deserialize, PartialEq)]
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

/// "2023" -> "2023", "2023-H1" -> "H1 2023", "2025-01/04" -> "Jan–Apr 2025", "2024-03" -> "Mar 2024".
pub fn period_label(p: &str) -> String {
    const M: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = |s: &str| s.parse::<usize>().ok().filter(|m| (1..=12).contains(m)).map(|m| M[m - 1]);
    match p.split_once('-') {
        Some((y, "H1")) => format!("H1 {y}"),
        Some((y, "H2")) => format!("H2 {y}"),
        Some((y, rest)) => match rest.split_once('/') {
            Some((a, b)) => match (month(a), month(b)) {
                (Some(a), Some(b)) => format!("{a}–{b} {y}"),
                _ => p.to_string(),
            },
            None => match rest.split_once('-') {
                Some((m, d)) => {
                    month(m).map(|m| format!("{} {m} {y}", d.trim_start_matches('0'))).unwrap_or_else(|| p.to_string())
                }
                None => month(rest).map(|m| format!("{m} {y}")).unwrap_or_else(|| p.to_string()),
            },
        },
        None => p.to_string(),
    }
}

/// One quantitative claim the story uses.
#[derive(Clone, Debug, Deserialize, PartialEq)]
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

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Event {
    pub date: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub source: String,
    pub status: Status,
}

impl Event {
    /// Fractional year for placing the event on a time axis (month midpoints).
    pub fn when(&self) -> f64 {
        let mut parts = self.date.split('-');
        let y: f64 = parts.next().and_then(|y| y.parse().ok()).unwrap_or(0.0);
        match parts.next().and_then(|m| m.parse::<f64>().ok()) {
            Some(m) => {
                let d: f64 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(15.0);
                y + (m - 1.0) / 12.0 + (d - 1.0) / 365.0
            }
            None => y + 0.5,
        }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
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

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct NsrYear {
    pub year: i32,
    pub transit_cargo_mt: f64,
    pub total_cargo_mt: f64,
    pub transit_voyages: u32,
    pub source: String,
    pub status: Status,
    pub note: String,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
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
