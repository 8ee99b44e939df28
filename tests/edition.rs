//! The edition files the page fetches (`data/edition-<lang>.bin`): what the site binary writes
//! reads back as the story's views, the edition's words and its translated dataset, and a file
//! that is cut short, damaged, foreign or from another build is refused with a reason.

use explainer::data::{DataText, Dataset, Words};
use explainer::lang::Lang;
use explainer::story::{Edition, Said, Story, EDITION_MAGIC};
use explainer::wire::{Reader, Unreadable, Wire};

fn dataset(lang: Lang) -> Dataset {
    let mut data = Dataset::bundled();
    if lang != Lang::En {
        assert!(data.localize(lang, &DataText::bundled(lang).unwrap()).is_empty());
    }
    data
}

#[test]
fn an_edition_file_reads_back_as_its_edition() {
    for lang in Lang::ALL {
        let data = dataset(lang);
        let edition = Edition::parse("edition", &Edition::file(lang, &data).unwrap()).unwrap();
        assert_eq!(edition.data, data, "{lang:?}: the dataset changed on the way");
        assert_eq!(&edition.words, Words::of(lang), "{lang:?}: the words changed on the way");
        let story = Story::bundled_in(lang).unwrap();
        let ids = |s: &Story| s.steps().map(|(_, st)| (st.id.clone(), st.view.clone())).collect::<Vec<_>>();
        assert_eq!(ids(&edition.story), ids(&story), "{lang:?}: steps or views differ");
        // No prose: the static HTML carries it.
        assert!(edition.story.steps().all(|(_, s)| s.text.is_empty()), "{lang:?}: step text in the edition");
        assert!(edition.story.steps().all(|(_, s)| s.alt.is_empty()), "{lang:?}: alt left in the edition");
        // Each step's description and source line (`Said`, the embed binary's file), made here
        // as the static page makes them, so the page shows the same words without the code
        // that writes them (or, for a map's sources, before its gazetteer is in).
        let said = Said::parse("said", &Said::file(lang, &data).unwrap()).unwrap();
        let models = story.models(&data).unwrap();
        for (r, step) in story.steps() {
            let model = &models[r.chapter][r.step];
            let made = &said.chapters[r.chapter][r.step];
            assert_eq!(
                made.description,
                explainer::graphic::description(&step.alt, model, &data),
                "{lang:?} {}",
                step.id
            );
            assert_eq!(made.sources, explainer::graphic::source_line(model, &data), "{lang:?} {}", step.id);
            assert!(!made.description.is_empty(), "{lang:?} {}", step.id);
        }
        assert_eq!(said.chapters.len(), story.chapters.len());
        assert!(said.chapters.iter().zip(&story.chapters).all(|(s, c)| s.len() == c.steps.len()));
        // Refused as the edition is: another kind of file, or cut short.
        assert!(Said::parse("said", &Edition::file(lang, &data).unwrap()).is_err());
        let file = Said::file(lang, &data).unwrap();
        assert!(Said::parse("said", &file[..file.len() - 1]).is_err());
        assert!(edition.story.models(&edition.data).is_ok());
    }
}

#[test]
fn a_broken_edition_is_refused_with_a_reason() {
    let data = dataset(Lang::En);
    let file = Edition::file(Lang::En, &data).unwrap();
    assert!(file.starts_with(EDITION_MAGIC));
    let refused = |bytes: &[u8]| Edition::parse("data/edition-en.bin", bytes).unwrap_err().to_string();
    // Cut short anywhere after the header, or empty.
    for len in [0, 12, 100, file.len() / 2, file.len() - 1] {
        assert!(refused(&file[..len]).contains(if len < 12 { "not an edition" } else { "cut short" }), "cut at {len}");
    }
    // A file of another kind, e.g. the JSON editions this replaced.
    assert!(refused(br#"{"story":{}}"#).contains("not an edition file"));
    // Another build's file: the same magic, another stamp.
    let mut stale = file.clone();
    stale[4] ^= 1;
    assert!(refused(&stale).contains("another build"));
    // Each reason is typed, for the page to say in the reader's language (web::load).
    let why = |bytes: &[u8]| Edition::parse("data/edition-en.bin", bytes).unwrap_err().unreadable;
    assert_eq!(why(&stale), Some(Unreadable::OtherBuild));
    assert_eq!(why(&file[..100]), Some(Unreadable::CutShort));
    assert!(matches!(why(br#"{"story":{}}"#), Some(Unreadable::Foreign { magic, .. }) if &magic == EDITION_MAGIC));
    // Bytes after the end.
    let mut longer = file.clone();
    longer.push(0);
    assert!(refused(&longer).contains("after its end"));
    // Damaged bytes never pass silently as a different edition of the same length: every
    // byte flipped in turn is refused or reads back as something else, never panics.
    let good = Edition::parse("data/edition-en.bin", &file).unwrap();
    let mut damaged = 0;
    for i in (12..file.len()).step_by(31).filter(|&i| file[i] != 0xff) {
        let mut bad = file.clone();
        bad[i] = 0xff;
        match Edition::parse("data/edition-en.bin", &bad).map_err(|e| e.to_string()) {
            Err(e) => {
                assert!(["damaged", "cut short", "id", "empty"].iter().any(|w| e.contains(w)), "{e}");
                damaged += 1;
            }
            Ok(e) => assert_ne!(e, good, "byte {i} changed nothing"),
        }
    }
    assert!(damaged > 0);
    // Words whose templates lost a placeholder are refused when the page installs them.
    let mut words = Words::of(Lang::En).clone();
    words.describe.item = "{label}".into();
    assert!(Words::install(Lang::En, words).is_err());
}

#[test]
fn a_view_reads_back_from_the_content_json_and_the_edition_format_alike() {
    // graphic::Spec: `form` among the view's fields in JSON (human-readable), before the view
    // in postcard; each reads back what it wrote.
    for (_, step) in Story::bundled().unwrap().steps() {
        let json = serde_json::to_value(&step.view).unwrap();
        assert!(json["form"].is_string(), "{}: {json}", step.id);
        assert_eq!(serde_json::from_value::<explainer::graphic::Spec>(json).unwrap(), step.view, "{}", step.id);
        let bytes = postcard::to_allocvec(&step.view).unwrap();
        let mut r = Reader::new(&bytes);
        let read = <explainer::graphic::Spec as Wire>::read(&mut r);
        assert_eq!(r.finish(read), Ok(step.view.clone()), "{}", step.id);
    }
}

#[test]
fn every_colour_and_series_reads_back_from_the_edition_format() {
    use explainer::charts::frame::Colour;
    use explainer::charts::trade::Series;
    for name in ["china", "russia", "total", "accent", "muted", "cat0", "cat1", "cat2", "cat3", "cat4", "cat5", "cat6"]
    {
        let c = Colour::try_from(name.to_string()).unwrap();
        let bytes = postcard::to_allocvec(&c).unwrap();
        assert_eq!(postcard::from_bytes::<Colour>(&bytes).unwrap(), c, "{name}");
    }
    for s in Series::ALL {
        assert_eq!(postcard::from_bytes::<Series>(&postcard::to_allocvec(&s).unwrap()).unwrap(), s);
    }
}
