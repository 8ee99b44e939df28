//! The graphics' text descriptions in every edition: each step is described whole, in its own
//! language, with every placeholder filled; a template that names a placeholder the code does
//! not give, or drops one it does, is refused. And the chart content they describe is read
//! strictly: a misspelt colour or series fails here with its file, step and field.

use explainer::data::words::{fill, Words};
use explainer::data::{DataText, Dataset};
use explainer::graphic::description;
use explainer::lang::Lang;
use explainer::story::Story;

fn dataset(lang: Lang) -> Dataset {
    let mut data = Dataset::bundled();
    if lang != Lang::En {
        let unknown = data.localize(lang, &DataText::bundled(lang).unwrap());
        assert!(unknown.is_empty(), "{unknown:?}");
    }
    data
}

/// (step id, description) of every step of the story in `lang`.
fn descriptions(lang: Lang) -> Vec<(String, String)> {
    let data = dataset(lang);
    let story = Story::bundled_in(lang).unwrap();
    story
        .steps()
        .map(|(_, step)| {
            let m = step.view.model(&data).unwrap_or_else(|e| panic!("{}: {e}", step.id));
            (step.id.clone(), description(&step.alt, &m, &data))
        })
        .collect()
}

/// Runs of two or more words in the English templates' literal text ("Side panel", "of them
/// filled", "Places marked"): none may appear in another edition's description.
fn english_phrases() -> Vec<String> {
    let value = serde_json::to_value(&Words::of(Lang::En).describe).unwrap();
    let mut texts = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => texts.push(s),
            serde_json::Value::Array(a) => stack.extend(a),
            serde_json::Value::Object(o) => stack.extend(o.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    let mut phrases = Vec::new();
    for t in texts {
        // Literal runs between placeholders and punctuation.
        for run in t.split(['{', '}', '.', ',', ':', ';', '(', ')']) {
            let words: Vec<&str> = run.split_whitespace().filter(|w| w.chars().all(char::is_alphabetic)).collect();
            if words.len() >= 2 && words.join(" ") == run.trim() {
                phrases.push(run.trim().to_string());
            }
        }
    }
    assert!(phrases.len() > 20, "{phrases:?}");
    phrases
}

#[test]
fn every_step_is_described_in_every_edition() {
    let phrases = english_phrases();
    // Single words of the English templates that would give a mixed-language sentence away.
    let english_words = ["chart", "Peak", "Marked", "against", "Line", "Timeline", "squares", "Emphasised", "drawn"];
    for lang in Lang::ALL {
        let all = descriptions(lang);
        assert!(all.len() > 30, "{lang:?}: {} steps", all.len());
        for (id, d) in &all {
            assert!(!d.trim().is_empty(), "{lang:?} {id}: empty description");
            assert!(!d.contains('{') && !d.contains('}'), "{lang:?} {id}: a placeholder is left: {d}");
            assert!(!d.contains("  ") && d == d.trim(), "{lang:?} {id}: stray spaces: {d:?}");
            if lang == Lang::En {
                continue;
            }
            for p in &phrases {
                assert!(!d.contains(p.as_str()), "{lang:?} {id}: English “{p}” in: {d}");
            }
            for w in english_words {
                let whole = d.split(|c: char| !c.is_alphabetic()).any(|x| x == w);
                assert!(!whole, "{lang:?} {id}: English “{w}” in: {d}");
            }
        }
    }
}

#[test]
fn each_edition_writes_its_own_numbers_and_separators() {
    let find = |lang, id: &str| descriptions(lang).into_iter().find(|(i, _)| i == id).unwrap().1;
    let (en, ru, zh) = (find(Lang::En, "boom-record"), find(Lang::Ru, "boom-record"), find(Lang::Zh, "boom-record"));
    assert!(en.contains("Line chart of China–Russia trade"), "{en}");
    assert!(ru.contains("млрд долл."), "{ru}");
    assert!(zh.contains("亿美元") && zh.contains('。') && !zh.contains("。 "), "{zh}");
    // Russian counts with three forms: the timeline says "N событий/события/событие".
    let ru = descriptions(Lang::Ru);
    let timeline = ru.iter().find(|(_, d)| d.contains("Хронология")).expect("a timeline step");
    assert!(["событие", "события", "событий"].iter().any(|w| timeline.1.contains(w)), "{}", timeline.1);
}

#[test]
fn the_english_descriptions_keep_their_wording() {
    let en = descriptions(Lang::En);
    let get = |id: &str| &en.iter().find(|(i, _)| i == id).unwrap().1;
    let d = get("boom-decade");
    assert!(d.contains("Line chart of China–Russia trade in US dollars, 2014 to "), "{d}");
    assert!(en.iter().any(|(_, d)| d.contains("Unit chart of 100 squares: ")));
    assert!(en.iter().any(|(_, d)| d.contains("Slope chart. ")));
    assert!(en.iter().any(|(_, d)| d.contains("Bar chart, ")));
    assert!(en.iter().any(|(_, d)| d.contains("The graphic is a map of ")));
}

#[test]
fn a_template_with_an_unknown_or_missing_placeholder_is_refused() {
    assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]).unwrap(), "1 and 2");
    // Values are not templates: braces in them stay as they are.
    assert_eq!(fill("{a}", &[("a", "{b}")]).unwrap(), "{b}");
    let unknown = fill("{a} in {yaer}", &[("a", "1"), ("year", "2")]).unwrap_err();
    assert!(unknown.contains("year"), "{unknown}");
    let unknown = fill("{a} in {yaer}", &[("a", "1")]).unwrap_err();
    assert!(unknown.contains("{yaer}"), "{unknown}");
    let missing = fill("{a}", &[("a", "1"), ("b", "2")]).unwrap_err();
    assert!(missing.contains("lacks {b}"), "{missing}");
    assert!(fill("{a", &[("a", "1")]).is_err());
    assert!(fill("a}", &[]).is_err());
    // The same checks run on an edition's words when they are parsed: a translation that drops
    // {change} or misspells {period} names the field.
    let mut w = Words::of(Lang::Ru).describe.clone();
    assert!(w.check(3).is_empty(), "{:?}", w.check(3));
    w.trade_series = w.trade_series.replace(" ({change})", "");
    w.map.event = w.map.event.replace("{date}", "{data}");
    w.events.pop();
    let p = w.check(3);
    assert!(p.iter().any(|p| p.starts_with("describe.trade_series") && p.contains("{change}")), "{p:?}");
    assert!(p.iter().any(|p| p.starts_with("describe.map.event") && p.contains("{data}")), "{p:?}");
    assert!(p.iter().any(|p| p.starts_with("describe.events") && p.contains("2 forms")), "{p:?}");
}

#[test]
#[should_panic(expected = "describe: the template")]
fn the_describe_code_cannot_leave_a_placeholder_in_the_text() {
    explainer::data::words::say("{value} in {period}", &[("value", "$1bn")]);
}

#[test]
#[ignore = "prints every description, to read them: cargo test --test describe -- --ignored --nocapture"]
fn print_descriptions() {
    for lang in Lang::ALL {
        for (id, d) in descriptions(lang) {
            println!("{} {id}: {d}\n", lang.code());
        }
    }
}

#[test]
fn sentences_read_as_the_edition_writes_them() {
    // An abbreviation's point ends the sentence too; a sentence opening with a month is capitalised.
    assert_eq!(fill("Итого: {v}.", &[("v", "81 млрд долл.")]).unwrap(), "Итого: 81 млрд долл.");
    let ru = &Words::of(Lang::Ru).describe;
    assert_eq!(ru.sentences(&["Хронология.", "март 2014: событие."]), "Хронология. Март 2014: событие.");
    let zh = &Words::of(Lang::Zh).describe;
    assert_eq!(zh.sentences(&["图为地图。", "标出的地点：上海。"]), "图为地图。标出的地点：上海。");
    assert_eq!(zh.and_list(&["黑龙江省", "吉林省", "阿穆尔州"]), "黑龙江省、吉林省和阿穆尔州");
    for lang in [Lang::Ru, Lang::Zh] {
        for (id, d) in descriptions(lang) {
            assert!(!d.contains(".."), "{lang:?} {id}: {d}");
        }
    }
}

/// Every step's view in a chapter file as the chart code reads it; errors name file, step and field.
fn view_errors(file: &std::path::Path, chapter: &serde_json::Value) -> Vec<String> {
    let mut errors = Vec::new();
    for step in chapter["steps"].as_array().into_iter().flatten() {
        if let Err(e) = serde_json::from_value::<explainer::graphic::Spec>(step["view"].clone()) {
            errors.push(format!("{}: steps.{}.view: {e}", file.display(), step["id"].as_str().unwrap_or("?")));
        }
    }
    errors
}

fn chapter(path: &std::path::Path) -> serde_json::Value {
    let v: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::to_value(v).unwrap()
}

#[test]
fn a_typo_in_a_colour_or_series_fails_with_its_file_and_field() {
    let mut files: Vec<_> = std::fs::read_dir("assets/story/chapters").unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in &files {
        let errors = view_errors(f, &chapter(f));
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
    // The same files with one letter wrong: refused, not drawn grey or as the total.
    let typo = |file: &str, find: &str, replace: &str| {
        let path = std::path::Path::new("assets/story/chapters").join(file);
        let text = std::fs::read_to_string(&path).unwrap().replacen(find, replace, 1);
        let v: toml::Value = toml::from_str(&text).unwrap();
        view_errors(&path, &serde_json::to_value(v).unwrap())
    };
    let e = typo("02-lopsided.toml", "color = \"china\"", "color = \"chna\"");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("02-lopsided.toml: steps.lopsided-russia.view: color: unknown colour “chna”"), "{e:?}");
    let e = typo("01-boom.toml", "series = [\"total\"]", "series = [\"totl\"]");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].contains("01-boom.toml: steps.boom-decade.view: series: unknown series “totl”"), "{e:?}");
}

/// A fact table's unit column is in the edition's words: “млрд долл.”, “亿美元”, never the
/// data's English “USD bn” in Russian or Chinese.
#[test]
fn fact_tables_write_units_in_the_edition() {
    use explainer::data::DataText;
    use explainer::lang::Lang;
    for lang in [Lang::Ru, Lang::Zh] {
        let mut data = explainer::data::Dataset::bundled();
        data.localize(lang, &DataText::bundled(lang).unwrap());
        let story = explainer::story::Story::bundled_in(lang).unwrap();
        let mut seen = 0;
        for (_, step) in story.steps() {
            let Ok(model) = step.view.model(&data) else { continue };
            let t = model.table(&data);
            let Some(col) = t.columns.iter().position(|c| c == &data.words().col_unit) else { continue };
            for row in &t.rows {
                seen += 1;
                let unit = &row[col];
                assert!(!unit.chars().any(|c| c.is_ascii_alphabetic()), "{lang:?} {}: unit “{unit}”", step.id);
            }
        }
        assert!(seen > 0, "{lang:?}: no fact table checked");
    }
}
