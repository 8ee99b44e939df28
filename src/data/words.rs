//! The words charts and maps draw and write (series names, headings, dates, table columns), by
//! edition: `assets/story/words.toml` and `assets/story/i18n/<lang>/words.toml`, compiled in by
//! build.rs. A chart takes them from its dataset's language: `Words::of(data.lang)`.

pub use super::describe::{fill, say, DescribeWords, MapDescribeWords};
use crate::lang::Lang;
use crate::wire::Wire;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub total: String,
    pub exports: String,
    pub imports: String,
    pub total_short: String,
    pub exports_short: String,
    pub imports_short: String,
    pub year_on_year: String,
    pub same_months: String,
    pub months: Vec<String>,
    pub months_of: Vec<String>,
    pub year: String,
    pub month_year: String,
    pub day_month_year: String,
    pub month_range: String,
    pub first_half: String,
    pub second_half: String,
    pub trade_table: String,
    pub events_table: String,
    pub shares_table: String,
    pub col_period: String,
    pub col_item: String,
    pub col_value: String,
    pub col_unit: String,
    pub col_source: String,
    pub col_status: String,
    pub col_note: String,
    pub col_date: String,
    pub col_event: String,
    pub col_category: String,
    pub status_seed: String,
    pub status_seed_consistent: String,
    pub status_unverified: String,
    pub categories: BTreeMap<String, String>,
    /// What the maps draw and write (`[map]`).
    pub map: MapWords,
    /// The sentences of the graphics' text descriptions (`[describe]`).
    pub describe: DescribeWords,
}

/// The maps' words: labels, insets, the credit and the table. Place, province and route names
/// come from the gazetteer (`maps::Place::name_in`); the short route labels are here.
#[derive(Clone, Debug, Deserialize, Wire, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MapWords {
    /// What a map shows before its base map is in.
    pub loading: String,
    /// The credit in the map's corner.
    pub credit: String,
    /// The map's data table: title and its first two columns (the others are `col_*`).
    pub table_title: String,
    pub col_shown: String,
    pub col_figure: String,
    /// Country names in the table ("Heilongjiang (China)").
    pub china: String,
    pub russia: String,
    /// The China–Russia border as a table row.
    pub border: String,
    /// A pipeline's status.
    pub operating: String,
    pub under_construction: String,
    pub planned: String,
    /// Figures at a place or region: `{value}` is the number in the edition's way.
    pub zone_growth: String,
    pub trade_growth: String,
    pub trade_value: String,
    /// A figure and its year: `{figure}`, `{year}` (the edition's year).
    pub with_year: String,
    /// What a border crossing is known for.
    pub road_bridge: String,
    pub rail_bridge: String,
    pub largest_crossing: String,
    /// A figure's source and status: `{source}`, `{status}`.
    pub source_status: String,
    /// A figure with its status on a phone: `{figure}`, `{status}`.
    pub figure_status: String,
    /// A pipeline's capacity and status: `{capacity}`, `{status}`.
    pub capacity_status: String,
    /// The sea routes' second line: `{km}` is the length with its unit.
    pub sea_distance: String,
    /// Insets: titles, bar labels and reference lines (`{value}`).
    pub pos1_title: String,
    pub pos1_capacity: String,
    pub pos1_capacity_row: String,
    pub gas_title: String,
    pub gas_china: String,
    pub gas_europe: String,
    pub future: String,
    pub nsr_title: String,
    pub distances_title: String,
    pub distances_nsr: String,
    pub distances_suez: String,
    /// Status and source of what is computed from the traced routes.
    pub computed: String,
    pub traced_source: String,
    pub traced_length: String,
    /// A province or region the dataset has no figure for.
    pub no_figure: String,
    pub outline_source: String,
    pub outline_only: String,
    /// An event pinned to a place, in the table: `{place}`.
    pub event_near: String,
    /// Country and sea labels by id: RUS, CHN, MNG, KAZ, ALASKA, JPN, ARCTIC.
    pub countries: BTreeMap<String, String>,
    /// Short route labels by gazetteer route id ("power-of-siberia-1" → "Power of Siberia").
    pub routes: BTreeMap<String, String>,
}

impl MapWords {
    /// A country or sea label by id; an unknown one is shown as it is.
    pub fn country<'a>(&'a self, id: &'a str) -> &'a str {
        self.countries.get(id).map(String::as_str).unwrap_or(id)
    }
    /// A route's short map label, if the edition has one.
    pub fn route(&self, id: &str) -> Option<&str> {
        self.routes.get(id).map(String::as_str)
    }
}

/// The edition's words file, for messages.
fn file(lang: Lang) -> String {
    match lang {
        Lang::En => "assets/story/words.toml".to_string(),
        _ => format!("assets/story/i18n/{}/words.toml", lang.code()),
    }
}

/// What serde cannot check: every describe template says what it must and nothing else.
fn check(lang: Lang, words: &Words) -> Result<(), String> {
    let problems = words.describe.check(crate::data::format::plural_forms(lang));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}: {}", file(lang), problems.join("; ")))
    }
}

/// The words compiled in, for native code (the static site, tests). The page receives only its
/// own edition's, inside `story::Edition`, and `install`s them.
#[cfg(not(target_arch = "wasm32"))]
pub fn words_json(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!(concat!(env!("OUT_DIR"), "/words-en.json")),
        Lang::Ru => include_str!(concat!(env!("OUT_DIR"), "/words-ru.json")),
        Lang::Zh => include_str!(concat!(env!("OUT_DIR"), "/words-zh.json")),
    }
}

static WORDS: [OnceLock<Words>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

fn slot(lang: Lang) -> &'static OnceLock<Words> {
    &WORDS[match lang {
        Lang::En => 0,
        Lang::Ru => 1,
        Lang::Zh => 2,
    }]
}

impl Words {
    /// The words of an edition, parsed once.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of(lang: Lang) -> &'static Words {
        slot(lang).get_or_init(|| {
            let words: Words = serde_json::from_str(words_json(lang))
                .unwrap_or_else(|e| panic!("{}: {e} (the native tests check this)", file(lang)));
            check(lang, &words).unwrap_or_else(|e| panic!("{e} (the native tests check this)"));
            words
        })
    }

    /// The words of the edition the page loaded (see `install`). A page holds one edition: asked
    /// for another (the English period names some code keeps), it answers in its own.
    #[cfg(target_arch = "wasm32")]
    pub fn of(lang: Lang) -> &'static Words {
        slot(lang)
            .get()
            .or_else(|| WORDS.iter().find_map(OnceLock::get))
            .expect("the edition's words are installed before anything is drawn")
    }

    /// Keeps an edition's words (as the page received them) for `of`, after checking them.
    pub fn install(lang: Lang, words: Words) -> Result<(), String> {
        check(lang, &words)?;
        let _ = slot(lang).set(words);
        Ok(())
    }

    /// How far a figure has been checked, in words.
    pub fn status(&self, status: crate::data::Status) -> &str {
        match status {
            crate::data::Status::Seed => &self.status_seed,
            crate::data::Status::SeedConsistent => &self.status_seed_consistent,
            crate::data::Status::Unverified => &self.status_unverified,
        }
    }

    /// A timeline category's name; an unknown one is shown as it is.
    pub fn category<'a>(&'a self, id: &'a str) -> &'a str {
        self.categories.get(id).map(String::as_str).unwrap_or(id)
    }

    fn month(&self, m: &str, of: bool) -> Option<&str> {
        let i = m.parse::<usize>().ok().filter(|m| (1..=12).contains(m))?;
        Some(if of { &self.months_of[i - 1] } else { &self.months[i - 1] })
    }

    /// A period as the data writes it, in words: "2023" → "2023", "2023-H1" → "H1 2023",
    /// "2025-01/04" → "Jan–Apr 2025", "2024-03" → "Mar 2024", "2022-02-04" → "4 Feb 2022".
    pub fn period(&self, p: &str) -> String {
        let fill = |t: &str, y: &str| t.replace("{year}", y);
        match p.split_once('-') {
            None if p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit()) => fill(&self.year, p),
            None => p.to_string(),
            Some((y, "H1")) => fill(&self.first_half, y),
            Some((y, "H2")) => fill(&self.second_half, y),
            Some((y, rest)) => match rest.split_once('/') {
                Some((a, b)) => match (self.month(a, false), self.month(b, false)) {
                    (Some(a), Some(b)) => fill(&self.month_range, y).replace("{from}", a).replace("{to}", b),
                    _ => p.to_string(),
                },
                None => match rest.split_once('-') {
                    Some((m, d)) => match self.month(m, true) {
                        Some(m) => fill(&self.day_month_year, y)
                            .replace("{month}", m)
                            .replace("{day}", d.trim_start_matches('0')),
                        None => p.to_string(),
                    },
                    None => match self.month(rest, false) {
                        Some(m) => fill(&self.month_year, y).replace("{month}", m),
                        None => p.to_string(),
                    },
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_every_edition() {
        let en = Words::of(Lang::En);
        assert_eq!(en.period("2023"), "2023");
        assert_eq!(en.period("2023-H1"), "H1 2023");
        assert_eq!(en.period("2025-01/04"), "Jan–Apr 2025");
        assert_eq!(en.period("2024-03"), "Mar 2024");
        assert_eq!(en.period("2022-02-04"), "4 Feb 2022");
        let ru = Words::of(Lang::Ru);
        assert_eq!(ru.period("2022-02-04"), "4 февраля 2022 г.");
        assert_eq!(ru.period("2023-H1"), "I пол. 2023");
        let zh = Words::of(Lang::Zh);
        assert_eq!(zh.period("2023"), "2023年");
        assert_eq!(zh.period("2022-02-04"), "2022年2月4日");
        assert_eq!(zh.period("2025-01/04"), "2025年1月至4月");
        for w in [en, ru, zh] {
            assert_eq!(w.months.len(), 12);
            assert_eq!(w.months_of.len(), 12);
            assert_eq!(w.categories.len(), 7);
            assert_eq!(w.map.countries.keys().collect::<Vec<_>>(), en.map.countries.keys().collect::<Vec<_>>());
            assert_eq!(w.map.routes.keys().collect::<Vec<_>>(), en.map.routes.keys().collect::<Vec<_>>());
        }
    }
}
