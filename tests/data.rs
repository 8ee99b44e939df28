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

#[test]
fn a_typo_in_a_closed_vocabulary_names_file_row_and_field() {
    // (file, the spelling in the file, with a typo, the typo, its column, the data row)
    let cases = [
        ("pipelines.csv", ",gas,under construction,", ",gas,under constrution,", "under constrution", "status", 3),
        ("pipelines.csv", "Power of Siberia,gas,", "Power of Siberia,gaz,", "gaz", "kind", 1),
        ("facts.csv", "240,USD bn,both,", "240,USD bn,bot,", "bot", "direction", 1),
        ("events.csv", ",sanctions,ft-2024,", ",sanction,ft-2024,", "sanction", "category", 1),
        ("sources.csv", "Beijing\",article", "Beijing\",articel", "articel", "kind", 1),
        ("border_provinces.csv", "(Heilongjiang),zone,", "(Heilongjiang),zome,", "zome", "kind", 1),
    ];
    for (file, from, to, typo, field, row) in cases {
        let err = parse_with(file, |t| {
            assert!(t.contains(from), "{file}: {from}");
            t.replacen(from, to, 1)
        })
        .unwrap_err();
        assert_eq!((err.file.as_str(), err.row, err.field.as_deref()), (file, Some(row), Some(field)), "{err}");
        assert!(err.message.contains("unknown variant") && err.message.contains(typo), "{err}");
    }
    // Both spellings of a status are the one variant, and the data's is the one written back.
    let data = Dataset::bundled();
    let far_east = data.pipelines.iter().find(|p| p.id == "far-eastern-route").unwrap();
    assert_eq!(far_east.status, explainer::data::RouteStatus::UnderConstruction);
    let json = serde_json::to_string(&data).unwrap();
    assert!(json.contains(r#""status":"under construction""#));
    assert_eq!(serde_json::from_str::<Dataset>(&json).unwrap(), data, "the typed dataset round-trips as JSON");
}

#[test]
fn map_ids_in_the_data_are_ids_and_name_one_row_each() {
    let data = Dataset::bundled();
    assert_eq!(data.border_figure("nizhneleninskoye").map(|b| b.place.as_str()), Some("Tongjiang–Nizhneleninskoye"));
    assert_eq!(data.pipeline_on_map("espo-china-spur").map(|p| p.id.as_str()), Some("espo-spur"));
    let err = parse_with("border_provinces.csv", |t| t.replacen(",jilin", ",heilongjiang", 1)).unwrap_err();
    assert_eq!((err.row, err.field.as_deref()), (Some(3), Some("map_ids")), "{err}");
    assert!(err.message.contains("heilongjiang"), "{err}");
    let err = parse_with("pipelines.csv", |t| t.replacen(",espo-china-spur", ",ESPO spur", 1)).unwrap_err();
    assert_eq!((err.row, err.field.as_deref()), (Some(5), Some("map_route")), "{err}");
}
