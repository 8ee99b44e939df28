//! The bundled dataset: parsing, validation errors that name file/row/field, derived figures.

use explainer::data::{format, DataError, Dataset, FILES};

fn bundled_files() -> Vec<(&'static str, String)> {
    FILES.iter().map(|f| (*f, std::fs::read_to_string(format!("assets/data/{f}")).unwrap())).collect()
}

fn parse_with(file: &str, edit: impl Fn(&str) -> String) -> Result<Dataset, DataError> {
    let files: Vec<(&str, String)> =
        bundled_files().into_iter().map(|(n, t)| (n, if n == file { edit(&t) } else { t })).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Dataset::parse(&refs)
}

#[test]
fn the_bundled_dataset_is_valid_and_complete() {
    let d = Dataset::bundled();
    let years: Vec<i32> = d.annual().filter_map(|r| r.year()).collect();
    assert_eq!(years.first(), Some(&2005));
    assert_eq!(years.last(), Some(&2024));
    assert!(d.trade_period("2025-01/04").is_some());
    assert!(d.trade_period("2023-H1").is_some());
}

#[test]
fn derived_growth_matches_what_the_articles_say() {
    let d = Dataset::bundled();
    assert!((d.growth(2023).unwrap() - 26.0).abs() < 0.5, "2023 growth {}", d.growth(2023).unwrap());
    assert!((d.growth(2024).unwrap() - 1.9).abs() < 0.1);
    let (a, b) = (d.trade_year(2021).unwrap(), d.trade_year(2022).unwrap());
    assert!((explainer::data::pct_change(a.exports, b.exports) - 12.6).abs() < 0.2);
    assert!((explainer::data::pct_change(a.imports, b.imports) - 43.9).abs() < 0.2);
    assert_eq!(format::usd_bn(d.trade_year(2023).unwrap().total), "$240bn");
}

#[test]
fn a_bad_number_names_file_row_and_field() {
    let err = parse_with("trade_annual.csv", |t| t.replacen("2007,48.2", "2007,abc", 1)).unwrap_err();
    assert_eq!(err.file, "trade_annual.csv");
    assert_eq!(err.row, Some(3));
    assert_eq!(err.field.as_deref(), Some("total_usd_bn"));
    assert!(err.to_string().contains("trade_annual.csv, row 3, field “total_usd_bn”"), "{err}");
}

#[test]
fn totals_must_add_up() {
    let err = parse_with("trade_annual.csv", |t| t.replacen("2010,55.5,29.6", "2010,55.5,39.6", 1)).unwrap_err();
    assert_eq!((err.row, err.field.as_deref()), (Some(6), Some("total_usd_bn")));
}

#[test]
fn years_must_be_in_order_without_gaps() {
    let gap = parse_with("trade_annual.csv", |t| {
        t.lines().filter(|l| !l.starts_with("2012,")).collect::<Vec<_>>().join("\n")
    })
    .unwrap_err();
    assert!(gap.message.contains("gap between 2011 and 2013"), "{gap}");
    let order = parse_with("trade_annual.csv", |t| t.replacen("2006,", "2004,", 1)).unwrap_err();
    assert!(order.message.contains("in order"), "{order}");
}

#[test]
fn every_value_needs_a_known_source_and_unit() {
    let err = parse_with("facts.csv", |t| {
        t.replacen(
            "F001,trade,bilateral trade 2023,2023,240,USD bn,both,ft-2024",
            "F001,trade,bilateral trade 2023,2023,240,USD bn,both,",
            1,
        )
    })
    .unwrap_err();
    assert_eq!((err.file.as_str(), err.row, err.field.as_deref()), ("facts.csv", Some(1), Some("source")));
    let err =
        parse_with("facts.csv", |t| t.replacen("240,USD bn,both,ft-2024", "240,furlongs,both,ft-2024", 1)).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("unit"));
    let err = parse_with("events.csv", |t| t.replacen(",ft-2024,seed", ",nobody,seed", 1)).unwrap_err();
    assert!(err.message.contains("unknown source id"), "{err}");
}

#[test]
fn a_missing_or_empty_file_is_named() {
    let files = bundled_files();
    let refs: Vec<(&str, &str)> =
        files.iter().filter(|(n, _)| *n != "facts.csv").map(|(n, t)| (*n, t.as_str())).collect();
    let err = Dataset::parse(&refs).unwrap_err();
    assert_eq!(err.file, "facts.csv");
    assert!(err.message.contains("missing"));
    let err = parse_with("nsr.csv", |t| t.lines().next().unwrap().to_string()).unwrap_err();
    assert_eq!(err.file, "nsr.csv");
}

#[test]
fn a_bad_status_is_rejected() {
    let err = parse_with("nsr.csv", |t| t.replacen("unverified", "probably", 1)).unwrap_err();
    assert_eq!((err.row, err.field.as_deref()), (Some(1), Some("status")));
}

#[test]
fn an_unreadable_event_date_is_an_error_naming_file_row_and_field() {
    use explainer::data::Event;
    assert_eq!(Event::year_of("2022-02"), Some(2022.0 + 1.0 / 12.0 + 14.0 / 365.0));
    assert_eq!(Event::year_of("2019"), Some(2019.5));
    for bad in ["", "22-02", "2022-13", "2022-2", "2022-02-40", "soon", "2022-02-01-01"] {
        assert_eq!(Event::year_of(bad), None, "{bad:?}");
    }
    let files: Vec<(&str, String)> = explainer::data::FILES
        .iter()
        .map(|f| (*f, std::fs::read_to_string(format!("assets/data/{f}")).unwrap()))
        .collect();
    let mut broken: Vec<(&str, String)> = files.clone();
    let events = broken.iter_mut().find(|(n, _)| *n == "events.csv").unwrap();
    events.1 = events.1.replacen("2014-05,", "2014-5,", 1);
    let refs: Vec<(&str, &str)> = broken.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let err = explainer::data::Dataset::parse(&refs).unwrap_err().to_string();
    assert!(err.contains("events.csv") && err.contains("row 2") && err.contains("date"), "{err}");
}
