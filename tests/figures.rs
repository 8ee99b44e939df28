//! The figures the story is built on, as its issues list them, checked against the bundled
//! dataset: value, unit and period. A figure edited in assets/data (or by
//! scripts/derive_data.py) that no longer says what the story says fails here.

use explainer::data::{Dataset, Status};

/// (fact id, period, value, unit as written)
const FIGURES: &[(&str, &str, f64, &str)] = &[
    // Lopsided: China in Russia's trade, Russia in China's.
    ("F018", "2021", 18.0, "%"),
    ("F019", "2023", 30.0, "% (more than)"),
    ("F020", "2024", 40.0, "% (nearly)"),
    ("F021", "2021", 2.0, "%"),
    ("F022", "2023", 4.0, "% (approximately)"),
    ("F023", "2024", 5.0, "%"),
    // What Russia sells.
    ("F030", "2021", 52.1, "USD bn"),
    ("F031", "2022", 81.0, "USD bn"),
    ("F033", "2023-H1", 18.2, "%"),
    ("F034", "2023-H1", 16.5, "%"),
    ("F035", "2023-H1", 23.0, "% (about)"),
    ("F044", "2023-10", 70.0, "Mt over 12 years"),
    ("F045", "2023-10", 27.5, "USD bn"),
    // What China sells.
    ("F046", "2023-H1", 70.0, "% (more than)"),
    ("F048", "2025", 8.0, "of 10 brands"),
    ("F049", "2021", 10.93, "%"),
    ("F050", "2022", 43.25, "%"),
    ("F051", "2022", 179.0, "USD m"),
    ("F053", "2023", 26.0, "USD bn"),
    ("F054", "2023", 60.0, "%"),
    ("F055", "2023", 3.9, "USD bn"),
    ("F056", "2023", 2.3, "USD bn"),
    ("F057", "2023", 2.0, "USD bn"),
    ("F058", "2023", 1.7, "USD bn"),
    // Paying for it.
    ("F024", "2022", 45.0, "% of trade"),
    ("F026", "2023-06", 80.0, "% (more than)"),
    ("F025", "2024", 95.0, "% of trade"),
    ("F027", "2025", 90.0, "%"),
    ("F028", "2024", 1.0, "USD bn (less than)"),
    ("F009", "2024-03", -16.0, "% y/y"),
    ("F010", "2024-04", -13.5, "% y/y"),
    // The boom and the cooling.
    ("F001", "2023", 240.0, "USD bn"),
    ("F005", "2025-01/04", 71.1, "USD bn"),
    ("F006", "2025-01/04", -7.5, "% y/y"),
    // Border and pipes (maps).
    ("F061", "2023", 57.0, "% (nearly)"),
    ("F062", "2023", 72.0, "% (nearly)"),
    ("F063", "", 4300.0, "km (around)"),
    ("F066", "", 38.0, "bcm/year"),
    ("F067", "", 50.0, "bcm/year"),
    ("F041", "2022-02", 10.0, "bcm/year"),
    ("F042", "future", 100.0, "bcm/year"),
    ("F043", "2021", 145.0, "bcm"),
    ("F064", "2024-05", 43.0, "meetings"),
];

#[test]
fn the_dataset_says_what_the_story_says() {
    let data = Dataset::bundled();
    let mut wrong = Vec::new();
    for &(id, period, value, unit) in FIGURES {
        match data.fact(id) {
            None => wrong.push(format!("{id}: missing")),
            Some(f) => {
                if f.period != period || f.unit != unit || f.value.is_none_or(|v| (v - value).abs() > 1e-9) {
                    wrong.push(format!(
                        "{id}: {:?} {} {:?}, expected {value} {unit} {period:?}",
                        f.value, f.unit, f.period
                    ));
                }
                if data.source(&f.source).is_none() {
                    wrong.push(format!("{id}: unknown source {}", f.source));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_record_and_the_cooling_are_computed_from_the_annual_series() {
    let data = Dataset::bundled();
    let y2022 = data.trade_year(2022).expect("2022 in the annual series");
    let y2023 = data.trade_year(2023).expect("2023 in the annual series");
    // "~$240bn", a rise of about a quarter over 2022 (the articles give 26%).
    assert!((y2023.total - 240.0).abs() < 1.0, "2023 total {}", y2023.total);
    let growth = data.growth(2023).expect("growth 2023");
    assert!((growth - 26.0).abs() < 1.5, "2023 growth {growth}");
    assert!(y2023.total > y2022.total);
    // Jan–Apr 2025, $71.1bn, 7.5% below the same months of 2024: the chart's 2024 bar is
    // implied from the two published figures, not typed in.
    let now = data.trade_period("2025-01/04").expect("Jan–Apr 2025");
    let change = data.fact("F006").and_then(|f| f.value).expect("F006");
    let before = Dataset::implied_previous(now.total, change);
    assert!((before - 76.9).abs() < 0.05, "implied Jan–Apr 2024 {before}");
    assert!((explainer::data::pct_change(before, now.total) - change).abs() < 1e-9);
}

#[test]
fn unverified_figures_are_marked_so() {
    let data = Dataset::bundled();
    // Customs and company figures not taken from the articles were not checked against the
    // original release: they must say so, as the page does.
    for id in ["F066", "F073", "F076"] {
        let f = data.fact(id).unwrap();
        assert_eq!(f.status, Status::Unverified, "{id}");
    }
}
