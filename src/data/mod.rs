//! The bundled dataset: typed rows, parsing with file/row/field errors, validation and
//! the figures derived from it (growth rates, shares). No browser needed.

mod describe;
mod error;
pub mod format;
mod model;
mod validate;
pub mod words;

use crate::lang::Lang;
pub use error::DataError;
pub use model::*;
pub use words::Words;

/// The files of assets/data, in the order they are loaded.
pub const FILES: [&str; 7] =
    ["sources.csv", "trade_annual.csv", "facts.csv", "events.csv", "pipelines.csv", "nsr.csv", "border_provinces.csv"];

/// Units the charts know how to format; a fact with any other unit is a data error.
pub const UNITS: [&str; 16] = [
    "USD bn",
    "USD m",
    "CNY bn",
    "%",
    "% y/y",
    "% of trade",
    "% average",
    "Mt",
    "Mt/year",
    "bcm",
    "bcm/year",
    "km",
    "meetings",
    "countries",
    "of 10 brands",
    "times",
];

/// Parsed and validated from the CSV files natively (`parse`); the page receives it, already
/// checked and in its edition's words, inside `story::Edition`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize, crate::wire::Wire)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub trade: Vec<TradeRow>,
    pub facts: Vec<Fact>,
    pub events: Vec<Event>,
    pub pipelines: Vec<Pipeline>,
    pub nsr: Vec<NsrYear>,
    pub border: Vec<BorderFigure>,
    /// The edition the dataset is written for: its numbers' format and, after `localize`, its
    /// figures' names and events' words.
    pub lang: Lang,
}

/// A language's words for the dataset (`assets/story/i18n/<lang>/data.toml`): each fact's
/// name and each event's title and description, keyed by fact id and event date; each
/// source's name and citation, keyed by source id; and the notes readers see in the tables,
/// keyed by fact id and trade period.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataText {
    #[serde(default)]
    pub facts: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub events: std::collections::BTreeMap<String, EventText>,
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, SourceText>,
    /// facts.csv's `note` column, by fact id.
    #[serde(default)]
    pub fact_notes: std::collections::BTreeMap<String, String>,
    /// trade_annual.csv's `note` column, by period ("2022", "2023-H1").
    #[serde(default)]
    pub trade_notes: std::collections::BTreeMap<String, String>,
}

#[cfg(not(target_arch = "wasm32"))]
impl DataText {
    /// The words compiled in for `lang` (none for English, the data's own language).
    pub fn bundled(lang: Lang) -> Result<DataText, String> {
        let json = match lang {
            Lang::En => return Ok(DataText::default()),
            Lang::Ru => include_str!(concat!(env!("OUT_DIR"), "/data-text-ru.json")),
            Lang::Zh => include_str!(concat!(env!("OUT_DIR"), "/data-text-zh.json")),
        };
        serde_json::from_str(json).map_err(|e| format!("assets/story/i18n/{}/data.toml: {e}", lang.code()))
    }
}

#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventText {
    pub title: String,
    pub description: String,
}

/// A source as an edition names it: the short name under graphics and in tables, and the
/// full citation in Sources & method. Publications keep the name they are known by in that
/// language (Financial Times in Russian, 《金融时报》 in Chinese); official bodies are translated.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceText {
    pub short: String,
    pub citation: String,
}

/// Parses one CSV file into typed rows; errors name the file, row and field.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_csv<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<Vec<T>, DataError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| DataError::new(file, None, None, e.to_string()))?.clone();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        let record = record.map_err(|e| DataError::new(file, Some(row), None, e.to_string()))?;
        let value = record.deserialize(Some(&headers)).map_err(|e: csv::Error| {
            let field = match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => {
                    err.field().and_then(|f| headers.get(f as usize)).map(str::to_string)
                }
                _ => None,
            };
            let message = match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => err.kind().to_string(),
                _ => e.to_string(),
            };
            // Enum errors ("unknown variant `x`") carry no field index: find the column
            // holding the offending value instead.
            let field = field.or_else(|| {
                let bad = message.split('`').nth(1)?;
                record.iter().position(|v| v == bad).and_then(|i| headers.get(i)).map(str::to_string)
            });
            DataError { file: file.into(), row: Some(row), field, message, unreadable: None }
        })?;
        rows.push(value);
    }
    if rows.is_empty() {
        return Err(DataError::new(file, None, None, "the file has no rows"));
    }
    Ok(rows)
}

/// Splits "% (more than)" into ("%", Some("more than")).
pub fn split_unit(unit: &str) -> (&str, Option<&str>) {
    match unit.split_once(" (") {
        Some((base, q)) => (base, Some(q.trim_end_matches(')'))),
        None => (unit, None),
    }
}

impl Dataset {
    /// The words charts write in this dataset's edition.
    pub fn words(&self) -> &'static Words {
        Words::of(self.lang)
    }

    /// A period as this edition writes it ("2023-H1" → "H1 2023", "I пол. 2023", "2023年上半年").
    pub fn period(&self, p: &str) -> String {
        self.words().period(p)
    }

    /// The dataset in `lang`: numbers formatted its way, and the names, events, sources and
    /// notes `text` has laid over the English. Returns the ids `text` names that the dataset
    /// does not have (a typo in a translation file), so tests can fail on them.
    pub fn localize(&mut self, lang: Lang, text: &DataText) -> Vec<String> {
        self.lang = lang;
        let mut unknown = Vec::new();
        for (id, t) in &text.sources {
            match self.sources.iter_mut().find(|s| &s.id == id) {
                Some(s) => {
                    s.short = t.short.clone();
                    s.citation = t.citation.clone();
                }
                None => unknown.push(format!("sources.{id}")),
            }
        }
        for (id, note) in &text.fact_notes {
            match self.facts.iter_mut().find(|f| &f.id == id) {
                Some(f) => f.note = note.clone(),
                None => unknown.push(format!("fact_notes.{id}")),
            }
        }
        for (period, note) in &text.trade_notes {
            match self.trade.iter_mut().find(|r| &r.period == period) {
                Some(r) => r.note = note.clone(),
                None => unknown.push(format!("trade_notes.{period}")),
            }
        }
        for (id, metric) in &text.facts {
            match self.facts.iter_mut().find(|f| &f.id == id) {
                Some(f) => f.metric = metric.clone(),
                None => unknown.push(format!("facts.{id}")),
            }
        }
        for (date, t) in &text.events {
            match self.events.iter_mut().find(|e| &e.date == date) {
                Some(e) => {
                    e.title = t.title.clone();
                    e.description = t.description.clone();
                }
                None => unknown.push(format!("events.{date}")),
            }
        }
        unknown
    }

    /// Parses and validates the dataset from (file name, contents) pairs.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(files: &[(&str, &str)]) -> Result<Dataset, DataError> {
        let get = |name: &str| {
            files
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| *t)
                .ok_or_else(|| DataError::new(name, None, None, "the file is missing"))
        };
        let data = Dataset {
            sources: parse_csv("sources.csv", get("sources.csv")?)?,
            trade: parse_csv("trade_annual.csv", get("trade_annual.csv")?)?,
            facts: parse_csv("facts.csv", get("facts.csv")?)?,
            events: parse_csv("events.csv", get("events.csv")?)?,
            pipelines: parse_csv("pipelines.csv", get("pipelines.csv")?)?,
            nsr: parse_csv("nsr.csv", get("nsr.csv")?)?,
            border: parse_csv("border_provinces.csv", get("border_provinces.csv")?)?,
            lang: Lang::En,
        };
        data.validate()?;
        Ok(data)
    }

    /// The dataset as committed in assets/data, compiled in for native tests and tools.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> Dataset {
        macro_rules! file {
            ($n:literal) => {
                ($n, include_str!(concat!("../../assets/data/", $n)))
            };
        }
        let files = [
            file!("sources.csv"),
            file!("trade_annual.csv"),
            file!("facts.csv"),
            file!("events.csv"),
            file!("pipelines.csv"),
            file!("nsr.csv"),
            file!("border_provinces.csv"),
        ];
        Dataset::parse(&files).expect("the bundled dataset is valid")
    }

    /// The border_provinces.csv row the maps show at a gazetteer province or place (or at
    /// `border`, the border line), by the row's `map_ids`.
    pub fn border_figure(&self, map_id: &str) -> Option<&BorderFigure> {
        self.border.iter().find(|b| b.map_ids().any(|id| id == map_id))
    }

    /// The pipelines.csv row the maps draw as a gazetteer route, by the row's `map_route`.
    pub fn pipeline_on_map(&self, route: &str) -> Option<&Pipeline> {
        self.pipelines.iter().find(|p| p.map_route.as_deref() == Some(route))
    }

    /// The event of a date (dates are unique in events.csv).
    pub fn event(&self, date: &EventDate) -> Option<&Event> {
        self.events.iter().find(|e| e.date == date.as_str())
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id.trim())
    }

    /// "China customs; Financial Times" for a ';'-joined list of source ids.
    pub fn source_names(&self, ids: &str) -> String {
        ids.split(';')
            .filter_map(|id| self.source(id))
            .map(|s| s.short.as_str())
            .collect::<Vec<_>>()
            .join(&self.words().describe.list)
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    /// Full-year trade rows.
    pub fn annual(&self) -> impl Iterator<Item = &TradeRow> {
        self.trade.iter().filter(|r| r.year().is_some())
    }

    pub fn trade_year(&self, year: i32) -> Option<&TradeRow> {
        self.annual().find(|r| r.year() == Some(year))
    }

    pub fn trade_period(&self, period: &str) -> Option<&TradeRow> {
        self.trade.iter().find(|r| r.period == period)
    }

    /// Year-on-year growth of total trade, in percent, computed from the series.
    pub fn growth(&self, year: i32) -> Option<f64> {
        let (a, b) = (self.trade_year(year - 1)?, self.trade_year(year)?);
        Some(pct_change(a.total, b.total))
    }

    /// The Jan–Apr 2025 total implies this figure for Jan–Apr 2024, from the published change.
    pub fn implied_previous(value: f64, change_pct: f64) -> f64 {
        value / (1.0 + change_pct / 100.0)
    }

    /// Share of Russia's sales (China's imports) in bilateral trade for a period.
    pub fn russia_sales_share(&self, period: &str) -> Option<f64> {
        let r = self.trade_period(period)?;
        Some(r.imports / r.total * 100.0)
    }
}

pub fn pct_change(from: f64, to: f64) -> f64 {
    (to - from) / from * 100.0
}
