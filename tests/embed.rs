//! Embeds: query parsing and fallbacks, height messages (and the host-side check that
//! resize.js mirrors), embed code, and exports (CSV rows, SVG with title and source).

use explainer::data::{format, Dataset};
use explainer::embed::*;
use explainer::graphic::{Ctx, Model};
use explainer::lang::Lang;
use explainer::scene::theme::Theme;
use explainer::scene::Size;
use explainer::story::{StepRef, Story};
use serde_json::json;

fn story() -> Story {
    Story::bundled().unwrap()
}

#[test]
fn query_defaults_and_garbage() {
    let q = EmbedQuery::parse("");
    assert_eq!(q, EmbedQuery { controls: true, ..Default::default() });
    let q = EmbedQuery::parse("?g=trade&step=boom-split&theme=dark&controls=0&childId=chart-1&present=1");
    assert_eq!(q.graphic.as_deref(), Some("trade"));
    assert_eq!(q.step.as_deref(), Some("boom-split"));
    assert_eq!(q.theme, ThemeChoice::Dark);
    assert!(!q.controls && q.present);
    assert_eq!(q.child_id.as_deref(), Some("chart-1"));
    // Garbage: unknown theme is auto, an unsafe child id is dropped, odd flags use defaults.
    let q = EmbedQuery::parse("g=%3Cscript%3E&theme=%22pink&childId=a%22b&controls=maybe&present=&&=&x");
    assert_eq!(q.graphic.as_deref(), Some("<script>"));
    assert_eq!(q.theme, ThemeChoice::Auto);
    assert_eq!(q.child_id, None);
    assert!(q.controls);
    assert!(q.present);
    // pym appends its own parameters; they are ignored.
    let q = EmbedQuery::parse("g=trade&initialWidth=600&childId=c&parentTitle=Host%20page&parentUrl=http%3A%2F%2Fx%2F");
    assert_eq!((q.graphic.as_deref(), q.child_id.as_deref()), (Some("trade"), Some("c")));
    assert!(EmbedQuery::wants_embed_page("?g=trade", "/index.html"));
    assert!(EmbedQuery::wants_embed_page("", "/x/embed.html"));
    assert!(EmbedQuery::wants_embed_page("?present=1", "/"));
    assert!(!EmbedQuery::wants_embed_page("?foo=1", "/index.html"));
}

#[test]
fn resolving_falls_back_instead_of_failing() {
    let s = story();
    let trade = s.chapter_by_graphic("trade").unwrap();
    let at = |q: &str| resolve(&s, &EmbedQuery::parse(q), None);
    assert_eq!(at("g=trade&step=boom-split"), Target::Graphic(StepRef { chapter: trade, step: 2 }));
    assert_eq!(at("g=trade&step=nope"), Target::Graphic(StepRef { chapter: trade, step: 0 }));
    // A step of another chapter is not this graphic's: first step.
    assert_eq!(at("g=trade&step=lopsided-gap"), Target::Graphic(StepRef { chapter: trade, step: 0 }));
    match at("g=nope") {
        Target::Unknown { asked, valid } => {
            assert_eq!(asked.as_deref(), Some("nope"));
            assert_eq!(valid, s.chapters.iter().map(|c| c.graphic.clone()).collect::<Vec<_>>());
        }
        t => panic!("{t:?}"),
    }
    assert!(matches!(at(""), Target::Unknown { asked: None, .. }));
    // The chapter's id names its graphic too; a step id alone names its graphic.
    assert_eq!(at("g=boom&step=boom-split"), Target::Graphic(StepRef { chapter: trade, step: 2 }));
    assert_eq!(at("step=lopsided-gap"), Target::Graphic(s.find_step("lopsided-gap").unwrap()));
    assert!(matches!(at("step=bogus"), Target::Unknown { asked: None, .. }));
    // Present mode without a graphic: anywhere in the story, hash or step.
    let gap = s.find_step("lopsided-gap").unwrap();
    assert_eq!(resolve(&s, &EmbedQuery::parse("present=1"), Some("lopsided-gap")), Target::Graphic(gap));
    assert_eq!(
        resolve(&s, &EmbedQuery::parse("present=1"), Some("bogus")),
        Target::Graphic(StepRef { chapter: 0, step: 0 })
    );
    let (refs, i) = step_range(&s, gap, true);
    assert_eq!(refs.len(), s.steps().count());
    assert_eq!(refs[i], gap);
    let (refs, i) = step_range(&s, gap, false);
    assert_eq!(refs.len(), s.chapters[gap.chapter].steps.len());
    assert_eq!(refs[i], gap);
}

#[test]
fn height_messages_have_the_exact_shapes_hosts_expect() {
    let (pym, dw, ours) = height_messages("trade", Some("chart-1"), 612);
    assert_eq!(pym.as_deref(), Some("pymxPYMxchart-1xPYMxheightxPYMx612"));
    assert_eq!(serde_json::from_str::<serde_json::Value>(&dw).unwrap(), json!({"datawrapper-height": {"trade": 612}}));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&ours).unwrap(),
        json!({"explainer-height": {"id": "trade", "height": 612}})
    );
    assert_eq!(height_messages("trade", None, 1).0, None);
    assert_eq!(height_messages("trade", Some("bad id"), 1).0, None);
    assert_eq!(height_px(611.2), 612);
    assert_eq!(height_px(f64::NAN), 0);
    assert_eq!(height_px(-5.0), 0);

    assert_eq!(parse_pym_height("pymxPYMxchart-1xPYMxheightxPYMx612", "chart-1"), Some(612.0));
    assert_eq!(parse_pym_height("pymxPYMxchart-2xPYMxheightxPYMx612", "chart-1"), None);
    assert_eq!(parse_pym_height("pymxPYMxchart-1xPYMxheightxPYMx6e9", "chart-1"), None);

    let ok = json!({"explainer-height": {"id": "trade", "height": 612}});
    assert_eq!(parse_explainer_height(&ok), Some(("trade".into(), 612.0)));
    for bad in [
        json!("explainer-height"),
        json!(null),
        json!({"explainer-height": {"id": "trade", "height": "612"}}),
        json!({"explainer-height": {"id": "trade", "height": -1}}),
        json!({"explainer-height": {"id": "trade", "height": 1e9}}),
        json!({"explainer-height": {"id": "Trade<", "height": 10}}),
        json!({"explainer-height": {"id": "trade", "height": 10, "x": 1}}),
        json!({"explainer-height": {"id": "trade", "height": 10}, "x": 1}),
        json!({"datawrapper-height": {"trade": 10}}),
    ] {
        assert_eq!(parse_explainer_height(&bad), None, "{bad}");
    }
}

#[test]
fn embed_code_is_escaped_and_relative_links_point_at_the_step() {
    let code =
        embed_code("https://example.org/x/", Lang::En, "trade", "boom-split", "China–Russia \"trade\" <2024>", 640);
    assert!(code.starts_with("<iframe src=\"https://example.org/x/embed/trade.html?step=boom-split\""), "{code}");
    assert!(code.contains("title=\"China–Russia &quot;trade&quot; &lt;2024&gt;\""));
    assert!(
        code.contains("width=\"100%\"") && code.contains("height=\"640\"") && code.contains("data-explainer-embed")
    );
    assert!(code.contains("<script src=\"https://example.org/x/resize.js\" async></script>"));
    assert_eq!(story_path(Lang::En, "boom-split"), "index.html#boom-split");
    assert_eq!(file_name("trade", "boom-split", "csv"), "china-russia-trade-boom-split.csv");
    // A Russian page's embed code keeps its language: the Russian embed page.
    let ru = embed_code("https://example.org/x/", Lang::Ru, "trade", "boom-split", "t", 640);
    assert!(ru.contains("src=\"https://example.org/x/ru/embed/trade.html?step=boom-split\""), "{ru}");
    assert_eq!(EmbedQuery::parse("g=trade&lang=ru").lang, Some(Lang::Ru));
    assert_eq!(EmbedQuery::parse("g=trade&lang=xx").lang, None);
    assert_eq!(story_path(Lang::Zh, "boom-split"), "zh/index.html#boom-split");
}

#[test]
fn csv_of_the_trade_step_is_the_dataset_rows_for_the_shown_years() {
    let s = story();
    let data = Dataset::bundled();
    let r = s.find_step("boom-split").unwrap();
    let model = s.step(r).unwrap().view.model(&data).unwrap();
    let Model::Trade(m) = &model else { panic!("boom-split is not a trade step") };
    let (from, to) = (m.x0.round() as i32, m.x1.round() as i32);
    let csv = model.table(&data).to_csv();
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    let header = lines.next().unwrap();
    assert_eq!(header, "Period,China’s exports to Russia,China’s imports from Russia,Source,Status");
    let rows: Vec<Vec<String>> = lines
        .map(|l| {
            let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(l.as_bytes());
            r.records().next().unwrap().unwrap().iter().map(str::to_string).collect()
        })
        .collect();
    let expected: Vec<_> = data.annual().filter(|t| (from..=to).contains(&t.year().unwrap())).collect();
    assert_eq!(rows.len(), expected.len());
    assert_eq!(rows.len(), (to - from + 1) as usize, "one row per year shown");
    for (row, t) in rows.iter().zip(expected) {
        assert_eq!(row[0], t.period);
        assert_eq!(row[1], format::num(t.exports, 1));
        assert_eq!(row[2], format::num(t.imports, 1));
        assert_eq!(row[4], data.words().status(t.status), "the status in words");
    }
}

#[test]
fn exports_burn_in_title_and_source() {
    let s = story();
    let data = Dataset::bundled();
    let theme = Theme::light();
    let ctx = Ctx { data: &data, geo: None };
    let ch = &s.chapters[s.chapter_by_graphic("trade").unwrap()];
    let model = ch.steps[1].view.model(&data).unwrap();
    let size = Size { width: 640.0, height: 360.0 };
    let (scene, full) = export_scene(&model, ctx, size, &theme, &ch.graphic_title);
    assert_eq!(full, Size { width: 640.0, height: 360.0 + HEADER + FOOTER });
    let texts = scene.texts();
    assert_eq!(texts[texts.len() - 2], ch.graphic_title.as_str());
    assert!(texts.last().unwrap().starts_with("Source: "), "{:?}", texts.last());
    // The chart itself sits below the title: nothing of it above the header.
    let chart_only = model.scene(ctx, 1.0, size, &theme);
    assert_eq!(scene.shapes.len(), chart_only.shapes.len() + 4, "two bands and two lines of text");
    let svg = export_svg(&model, ctx, size, &theme, &ch.graphic_title);
    assert!(svg.starts_with("<svg") && svg.contains("Source: "));
    assert!(svg.contains(&format!("height=\"{}\"", (360.0 + HEADER + FOOTER) as u32)));
}

#[test]
fn height_messages_are_written_as_serde_json_wrote_them() {
    // The page writes its messages by hand (no JSON parser in the wasm); the text on the wire is
    // byte for byte what serde_json wrote before (keys sorted), whatever the URL holds.
    for src in [
        "https://example.org/explainer/embed/trade.html?step=boom-split",
        "https://x.org/a?b=\"c\\d\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é中/</script>",
        "",
    ] {
        let want =
            json!({"sender": "Flourish", "context": "iframe.resize", "method": "resize", "height": 612, "src": src});
        assert_eq!(flourish_height(612, src), want.to_string());
        assert_eq!(parse_flourish_height(&flourish_height(612, src)), Some((612.0, src.to_string())));
    }
    for (graphic, px) in [("trade", 612), ("far-east-2", 0), ("a", 100_000)] {
        let (_, dw, ours) = height_messages(graphic, None, px);
        assert_eq!(dw, json!({"datawrapper-height": {graphic: px}}).to_string());
        assert_eq!(ours, json!({"explainer-height": {"id": graphic, "height": px}}).to_string());
    }
    assert_eq!(
        height_messages("trade", None, 612).2,
        r#"{"explainer-height":{"height":612,"id":"trade"}}"#,
        "resize.js and hosts read this text"
    );
}

#[test]
fn flourish_height_message_has_flourish_shape() {
    let src = "https://example.org/explainer/embed/trade.html?step=boom-split";
    let msg = flourish_height(612, src);
    // JSON text (Flourish's embeds post a string), with exactly Flourish's five fields.
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&msg).unwrap(),
        json!({"sender": "Flourish", "context": "iframe.resize", "method": "resize", "height": 612, "src": src})
    );
    assert_eq!(parse_flourish_height(&msg), Some((612.0, src.to_string())));
    for bad in [
        r#"{"sender":"Other","context":"iframe.resize","method":"resize","height":10,"src":"x"}"#,
        r#"{"sender":"Flourish","context":"iframe.resize","method":"scrolly","height":10,"src":"x"}"#,
        r#"{"sender":"Flourish","context":"iframe.resize","method":"resize","height":-1,"src":"x"}"#,
        r#"{"sender":"Flourish","context":"iframe.resize","method":"resize","height":"10","src":"x"}"#,
        "pymxPYMxchart-1xPYMxheightxPYMx612",
        "",
    ] {
        assert_eq!(parse_flourish_height(bad), None, "{bad}");
    }
    // One height, every host's shape: the same number in each.
    let (pym, dw, ours) = height_messages("trade", Some("c"), 612);
    assert_eq!(parse_pym_height(&pym.unwrap(), "c"), Some(612.0));
    assert_eq!(serde_json::from_str::<serde_json::Value>(&dw).unwrap()["datawrapper-height"]["trade"], 612);
    assert_eq!(parse_explainer_height(&serde_json::from_str(&ours).unwrap()), Some(("trade".into(), 612.0)));
}
