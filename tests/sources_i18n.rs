//! Sources and data notes in the Russian and Chinese editions: every source has its own name
//! and citation there, every note a reader sees is translated, a typo in a translation file is
//! reported, and downloads credit their sources in the edition's words.

use explainer::data::{DataText, Dataset, EventText, SourceText};
use explainer::embed::export_svg;
use explainer::graphic::source_line;
use explainer::graphic::Ctx;
use explainer::lang::Lang;
use explainer::scene::theme::Theme;
use explainer::scene::Size;
use explainer::story::Story;

/// Short names an edition keeps exactly as in English, on purpose: Latin-script publications
/// known by their own name in that language. Everything else must differ from the English.
const KEPT: [(Lang, &str); 1] = [(Lang::Ru, "Financial Times")];

fn localized(lang: Lang) -> Dataset {
    let mut data = Dataset::bundled();
    let unknown = data.localize(lang, &DataText::bundled(lang).unwrap());
    assert!(unknown.is_empty(), "{}/data.toml names what the dataset lacks: {unknown:?}", lang.code());
    data
}

#[test]
fn every_source_is_named_in_every_edition() {
    let en = Dataset::bundled();
    for lang in [Lang::Ru, Lang::Zh] {
        let text = DataText::bundled(lang).unwrap();
        let data = localized(lang);
        for (s, e) in data.sources.iter().zip(&en.sources) {
            assert_eq!(s.id, e.id);
            let t = text.sources.get(&s.id).unwrap_or_else(|| panic!("{}: source {} untranslated", lang.code(), s.id));
            assert!(!t.short.trim().is_empty() && !t.citation.trim().is_empty(), "{}: {} empty", lang.code(), s.id);
            if t.short == e.short {
                assert!(
                    KEPT.contains(&(lang, e.short.as_str())),
                    "{}: source {} still “{}”",
                    lang.code(),
                    s.id,
                    e.short
                );
            }
            assert_ne!(t.citation, e.citation, "{}: citation of {} still in English", lang.code(), s.id);
            assert_eq!(s.short, t.short, "{}: localize did not apply {}", lang.code(), s.id);
            assert_eq!(s.citation, t.citation);
        }
        // What the tables and footers print: the edition's names, with its list separator.
        assert_eq!(
            data.source_names("china-customs;ft-2024"),
            format!("{}{}{}", data.sources[5].short, data.words().describe.list, data.sources[0].short)
        );
    }
    let zh = localized(Lang::Zh);
    assert_eq!(zh.source("ft-2024").unwrap().short, "《金融时报》");
    assert_eq!(zh.source("china-customs").unwrap().short, "中国海关总署");
    assert_eq!(localized(Lang::Ru).source("provincial-stats").unwrap().short, "Статистика Хэйлунцзяна");
}

#[test]
fn every_note_a_reader_sees_is_translated() {
    let en = Dataset::bundled();
    for lang in [Lang::Ru, Lang::Zh] {
        let text = DataText::bundled(lang).unwrap();
        let data = localized(lang);
        for (f, e) in data.facts.iter().zip(&en.facts) {
            match (e.note.is_empty(), text.fact_notes.get(&f.id)) {
                (true, Some(_)) => panic!("{}: a note for fact {}, which has none in English", lang.code(), f.id),
                (false, None) => panic!("{}: the note of fact {} (“{}”) untranslated", lang.code(), f.id, e.note),
                (false, Some(t)) => {
                    assert!(!t.trim().is_empty() && *t != e.note, "{}: note of {} still English", lang.code(), f.id);
                    assert_eq!(&f.note, t);
                }
                (true, None) => assert!(f.note.is_empty()),
            }
        }
        for (r, e) in data.trade.iter().zip(&en.trade) {
            match (e.note.is_empty(), text.trade_notes.get(&r.period)) {
                (true, Some(_)) => panic!("{}: a note for {}, which has none in English", lang.code(), r.period),
                (false, None) => panic!("{}: the note of {} (“{}”) untranslated", lang.code(), r.period, e.note),
                (false, Some(t)) => {
                    assert!(
                        !t.trim().is_empty() && *t != e.note,
                        "{}: note of {} still English",
                        lang.code(),
                        r.period
                    );
                    assert_eq!(&r.note, t);
                }
                (true, None) => assert!(r.note.is_empty()),
            }
        }
    }
}

#[test]
fn localize_reports_what_the_dataset_lacks() {
    let mut text = DataText::default();
    text.facts.insert("F999".into(), "x".into());
    text.events.insert("1999-01".into(), EventText { title: "x".into(), description: "y".into() });
    text.sources.insert("no-such-source".into(), SourceText { short: "x".into(), citation: "y".into() });
    text.sources.insert("gazprom".into(), SourceText { short: "«Газпром»".into(), citation: "y".into() });
    text.fact_notes.insert("F998".into(), "x".into());
    text.trade_notes.insert("1999".into(), "x".into());
    let mut data = Dataset::bundled();
    let mut unknown = data.localize(Lang::Ru, &text);
    unknown.sort();
    assert_eq!(
        unknown,
        ["events.1999-01", "fact_notes.F998", "facts.F999", "sources.no-such-source", "trade_notes.1999"]
    );
    // What it knows it still applies.
    assert_eq!(data.source("gazprom").unwrap().short, "«Газпром»");
}

#[test]
fn downloads_credit_sources_in_the_editions_words() {
    let size = Size { width: 640.0, height: 360.0 };
    for (lang, label) in [(Lang::En, "Source: "), (Lang::Ru, "Источник: "), (Lang::Zh, "来源：")] {
        let data = if lang == Lang::En { Dataset::bundled() } else { localized(lang) };
        let story = Story::bundled_in(lang).unwrap();
        let ch = &story.chapters[story.chapter_by_graphic("trade").unwrap()];
        let model = ch.steps[1].view.model(&data).unwrap();
        let ctx = Ctx { data: &data, geo: None };
        let line = source_line(&model, &data);
        assert!(line.starts_with(label), "{lang:?}: {line}");
        let customs = &data.source("china-customs").unwrap().short;
        assert!(line.contains(customs.as_str()), "{lang:?}: {line}");
        let svg = export_svg(&model, ctx, size, &Theme::light(), &ch.graphic_title);
        assert!(svg.contains(label), "{lang:?}: the SVG download lacks “{label}”");
        if lang != Lang::En {
            assert!(!svg.contains("Source:") && !svg.contains("China customs"), "{lang:?}: English in the SVG");
        }
    }
}
