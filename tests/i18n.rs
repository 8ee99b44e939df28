//! The Russian and Chinese editions: every text of the English story is there, in that
//! language, and nothing else is (a typo in a step id or a field name fails here, naming the file).

use explainer::lang::Lang;
use explainer::story::overlay::{overlay_chapter, overlay_meta, untranslated};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn toml_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(v).unwrap()
}

fn chapter_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("assets/story/chapters")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// The problems of one language: fields the English lacks, and English texts left untranslated.
fn problems(lang: Lang) -> Vec<String> {
    let root = Path::new("assets/story/i18n").join(lang.code());
    let mut problems = Vec::new();
    let en_meta = toml_json(Path::new("assets/story/story.toml"));
    let mut meta = en_meta.clone();
    let file = root.join("story.toml");
    if !file.exists() {
        return vec![format!("{}: missing", file.display())];
    }
    overlay_meta(&mut meta, &toml_json(&file), &file.display().to_string(), &mut problems);
    untranslated(&en_meta, &meta, &file.display().to_string(), "", &mut problems);
    for en_file in chapter_files() {
        let file = root.join("chapters").join(en_file.file_name().unwrap());
        if !file.exists() {
            problems.push(format!("{}: missing", file.display()));
            continue;
        }
        let en = toml_json(&en_file);
        let mut tr = en.clone();
        overlay_chapter(&mut tr, &toml_json(&file), &file.display().to_string(), &mut problems);
        untranslated(&en, &tr, &file.display().to_string(), "", &mut problems);
        // The same paragraphs, so the reading order matches across languages.
        for (e, t) in en["steps"].as_array().unwrap().iter().zip(tr["steps"].as_array().unwrap()) {
            let count =
                |v: &Value| v["text"].as_str().unwrap_or("").split("\n\n").filter(|p| !p.trim().is_empty()).count();
            if count(e) != count(t) {
                problems.push(format!(
                    "{}: steps.{}: {} paragraphs, the English has {}",
                    file.display(),
                    e["id"],
                    count(t),
                    count(e)
                ));
            }
        }
    }
    problems
}

#[test]
fn russian_edition_is_whole() {
    let p = problems(Lang::Ru);
    assert!(p.is_empty(), "{} problems:\n{}", p.len(), p.join("\n"));
}

#[test]
fn chinese_edition_is_whole() {
    let p = problems(Lang::Zh);
    assert!(p.is_empty(), "{} problems:\n{}", p.len(), p.join("\n"));
}

#[test]
fn a_typo_in_a_translation_is_named_with_its_file_and_field() {
    let en = toml_json(&chapter_files()[0]);
    let mut tr = en.clone();
    let mut problems = Vec::new();
    let bad: Value = serde_json::json!({ "titel": "x", "steps": { "no-such-step": { "text": "x" } } });
    overlay_chapter(&mut tr, &bad, "ru/chapters/01.toml", &mut problems);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("ru/chapters/01.toml: titel")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("ru/chapters/01.toml: steps.no-such-step")), "{problems:?}");
    // Only words: a view's fact id cannot be "translated".
    let first = en["steps"][0]["id"].as_str().unwrap().to_string();
    let bad: Value = serde_json::json!({ "steps": { first: { "view": { "form": "bars" } } } });
    let mut problems = Vec::new();
    overlay_chapter(&mut tr, &bad, "f", &mut problems);
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn every_language_parses_into_the_same_structure() {
    let en = explainer::story::Story::bundled().unwrap();
    for lang in [Lang::Ru, Lang::Zh] {
        let story = explainer::story::Story::bundled_in(lang).unwrap();
        let ids =
            |s: &explainer::story::Story| s.steps().map(|(_, st)| (st.id.clone(), st.view.clone())).collect::<Vec<_>>();
        assert_eq!(story.chapters.len(), en.chapters.len());
        // Same ids and the same views, but for the words in them.
        assert_eq!(
            ids(&story).iter().map(|x| &x.0).collect::<Vec<_>>(),
            ids(&en).iter().map(|x| &x.0).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_dataset_reads_in_every_language() {
    use explainer::data::{format, DataText, Dataset};
    for lang in [Lang::Ru, Lang::Zh] {
        let mut data = Dataset::bundled();
        let text = DataText::bundled(lang).unwrap();
        let unknown = data.localize(lang, &text);
        assert!(unknown.is_empty(), "{}/data.toml names what the dataset lacks: {unknown:?}", lang.code());
        let en = Dataset::bundled();
        for (f, e) in data.facts.iter().zip(&en.facts) {
            assert!(f.metric != e.metric || f.metric.is_empty(), "{}: fact {} still in English", lang.code(), f.id);
        }
        for (v, e) in data.events.iter().zip(&en.events) {
            assert!(v.title != e.title, "{}: event {} still in English", lang.code(), v.date);
        }
        assert_eq!(data.lang, lang);
        assert_ne!(format::value_in(data.lang, 240.0, "USD bn"), format::value(240.0, "USD bn"));
    }
}

#[test]
fn the_charts_words_exist_in_every_edition() {
    use explainer::data::Words;
    let en = Words::of(Lang::En);
    for lang in [Lang::Ru, Lang::Zh] {
        assert!(
            Path::new("assets/story/i18n").join(lang.code()).join("words.toml").exists(),
            "{}: words.toml missing (the charts would fall back to English)",
            lang.code()
        );
        let w = Words::of(lang);
        for (a, b) in [
            (&w.total, &en.total),
            (&w.exports, &en.exports),
            (&w.same_months, &en.same_months),
            (&w.col_source, &en.col_source),
            (&w.status_unverified, &en.status_unverified),
        ] {
            assert!(!a.is_empty() && a != b, "{}: “{b}” untranslated", lang.code());
        }
        assert_eq!(w.categories.keys().collect::<Vec<_>>(), en.categories.keys().collect::<Vec<_>>());
        assert!(w.categories.iter().all(|(k, v)| v != k), "{}: a category untranslated", lang.code());
    }
}
