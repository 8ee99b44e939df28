//! The edition files the page fetches (`data/edition-<lang>.json`): what the site binary writes
//! reads back as the story's views, the edition's words and its translated dataset.

use explainer::data::{DataText, Dataset, Words};
use explainer::lang::Lang;
use explainer::story::{Edition, Story};

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
        let edition = Edition::parse(&Edition::json(lang, &data).unwrap()).unwrap();
        assert_eq!(edition.data, data, "{lang:?}: the dataset changed on the way");
        assert_eq!(&edition.words, Words::of(lang), "{lang:?}: the words changed on the way");
        let story = Story::bundled_in(lang).unwrap();
        let ids = |s: &Story| s.steps().map(|(_, st)| (st.id.clone(), st.view.clone())).collect::<Vec<_>>();
        assert_eq!(ids(&edition.story), ids(&story), "{lang:?}: steps or views differ");
        // No prose: the static HTML carries it.
        assert!(edition.story.steps().all(|(_, s)| s.text.is_empty()), "{lang:?}: step text in the edition");
        assert!(edition.story.models(&edition.data).is_ok());
    }
}

#[test]
fn a_broken_edition_is_refused_with_a_reason() {
    let data = dataset(Lang::En);
    let json = Edition::json(Lang::En, &data).unwrap();
    assert!(Edition::parse(&json[..json.len() / 2]).unwrap_err().contains("EOF"));
    let bad = json.replacen("\"total_usd_bn\":", "\"total_usd_bn\":\"abc\",\"x\":", 1);
    assert!(Edition::parse(&bad).unwrap_err().contains("abc"), "a non-number must be named");
    // Words whose templates lost a placeholder are refused when the page installs them.
    let mut words = Words::of(Lang::En).clone();
    words.describe.item = "{label}".into();
    assert!(Words::install(Lang::En, words).is_err());
}
