//! What serde cannot check in the dataset: sources named, values that add up, years in order,
//! known units, readable dates, map ids well formed and used once. Run natively when the CSV
//! files are read (`Dataset::parse`); errors name file, row and field.

use super::*;

/// A map id in a data file (the gazetteer's spelling: lower-case letters, digits and '-'),
/// used by one row only, so each place's figure is found one way.
fn check_map_id<'a>(
    file: &str,
    row: usize,
    field: &str,
    id: &'a str,
    seen: &mut std::collections::HashSet<&'a str>,
) -> Result<(), DataError> {
    let is_id = !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !is_id {
        return Err(DataError::new(file, Some(row), Some(field), format!("“{id}” is not a map id")));
    }
    if !seen.insert(id) {
        return Err(DataError::new(file, Some(row), Some(field), format!("“{id}” is named by two rows")));
    }
    Ok(())
}

impl Dataset {
    fn check_sources(&self, file: &str, row: usize, field: &str, ids: &str) -> Result<(), DataError> {
        if ids.trim().is_empty() {
            return Err(DataError::new(file, Some(row), Some(field), "every value needs a source"));
        }
        for id in ids.split(';') {
            if self.source(id).is_none() {
                return Err(DataError::new(file, Some(row), Some(field), format!("unknown source id “{id}”")));
            }
        }
        Ok(())
    }

    /// Checks what serde cannot: ordering, gaps, totals, units and sources.
    pub fn validate(&self) -> Result<(), DataError> {
        self.validate_trade()?;
        self.validate_facts()?;
        self.validate_events()?;
        let mut routes = std::collections::HashSet::new();
        for (i, p) in self.pipelines.iter().enumerate() {
            self.check_sources("pipelines.csv", i + 1, "source", &p.source)?;
            if let Some(r) = &p.map_route {
                check_map_id("pipelines.csv", i + 1, "map_route", r, &mut routes)?;
            }
        }
        for (i, n) in self.nsr.iter().enumerate() {
            self.check_sources("nsr.csv", i + 1, "source", &n.source)?;
        }
        let mut shown = std::collections::HashSet::new();
        for (i, b) in self.border.iter().enumerate() {
            self.check_sources("border_provinces.csv", i + 1, "source", &b.source)?;
            if b.map_ids().next().is_none() {
                return Err(DataError::new("border_provinces.csv", Some(i + 1), Some("map_ids"), "no map id"));
            }
            for id in b.map_ids() {
                check_map_id("border_provinces.csv", i + 1, "map_ids", id, &mut shown)?;
            }
        }
        Ok(())
    }

    /// trade_annual.csv: sourced, non-negative values that add up, years in order without gaps.
    fn validate_trade(&self) -> Result<(), DataError> {
        const TRADE: &str = "trade_annual.csv";
        let mut last_year: Option<i32> = None;
        for (i, r) in self.trade.iter().enumerate() {
            let row = i + 1;
            self.check_sources(TRADE, row, "source", &r.source)?;
            for (field, v) in [
                ("total_usd_bn", r.total),
                ("cn_exports_to_ru_usd_bn", r.exports),
                ("cn_imports_from_ru_usd_bn", r.imports),
            ] {
                if !v.is_finite() || v < 0.0 {
                    return Err(DataError::new(TRADE, Some(row), Some(field), format!("{v} is not a trade value")));
                }
            }
            if (r.exports + r.imports - r.total).abs() > 0.15 {
                return Err(DataError::new(
                    TRADE,
                    Some(row),
                    Some("total_usd_bn"),
                    format!("exports {} + imports {} do not add up to the total {}", r.exports, r.imports, r.total),
                ));
            }
            match (r.year(), r.period_year()) {
                (Some(y), _) => {
                    if let Some(prev) = last_year {
                        if y <= prev {
                            return Err(DataError::new(
                                TRADE,
                                Some(row),
                                Some("period"),
                                format!("{y} comes after {prev}: years must be in order"),
                            ));
                        }
                        if y != prev + 1 {
                            return Err(DataError::new(
                                TRADE,
                                Some(row),
                                Some("period"),
                                format!("gap between {prev} and {y}"),
                            ));
                        }
                    }
                    last_year = Some(y);
                }
                (None, Some(_)) if r.period.len() > 5 => {}
                _ => {
                    return Err(DataError::new(
                        TRADE,
                        Some(row),
                        Some("period"),
                        format!("“{}” is not a year or a partial period", r.period),
                    ))
                }
            }
        }
        Ok(())
    }

    /// facts.csv: unique ids, sources, known units.
    fn validate_facts(&self) -> Result<(), DataError> {
        let mut ids = std::collections::HashSet::new();
        for (i, f) in self.facts.iter().enumerate() {
            let row = i + 1;
            if !ids.insert(f.id.as_str()) {
                return Err(DataError::new("facts.csv", Some(row), Some("id"), format!("duplicate id {}", f.id)));
            }
            self.check_sources("facts.csv", row, "source", &f.source)?;
            let (unit, _) = split_unit(&f.unit);
            if f.value.is_some()
                && !UNITS.contains(&unit)
                && !unit.starts_with("Mt over")
                && !unit.starts_with("bcm in")
            {
                return Err(DataError::new("facts.csv", Some(row), Some("unit"), format!("unknown unit “{}”", f.unit)));
            }
        }
        Ok(())
    }

    /// events.csv: sources, readable dates, one event per date (translations and pins key by it).
    fn validate_events(&self) -> Result<(), DataError> {
        let mut dates = std::collections::HashSet::new();
        for (i, e) in self.events.iter().enumerate() {
            self.check_sources("events.csv", i + 1, "source", &e.source)?;
            if Event::year_of(&e.date).is_none() {
                let msg = format!("“{}” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", e.date);
                return Err(DataError::new("events.csv", Some(i + 1), Some("date"), msg));
            }
            // Translations and map pins name events by date.
            if !dates.insert(e.date.as_str()) {
                let msg = format!("{} is the date of two events", e.date);
                return Err(DataError::new("events.csv", Some(i + 1), Some("date"), msg));
            }
        }
        Ok(())
    }
}
