//! The story as content: chapters of steps, each step naming the state of its
//! chapter's graphic. Written in assets/story/*.toml, compiled to JSON by build.rs.

pub mod engine;
#[cfg(not(target_arch = "wasm32"))]
pub mod overlay;

use crate::data::{DataError, Dataset};
use crate::graphic::{Model, Spec};
use crate::lang::Lang;
use crate::wire::Wire;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    #[serde(default)]
    pub dek: String,
    /// The opening: the question in two sentences.
    #[serde(default)]
    pub opening: String,
    /// The headline figure shown big in the opening, as a fact id.
    pub headline_fact: String,
    #[serde(default)]
    pub headline_label: String,
    #[serde(default)]
    pub byline: String,
    /// One sentence for search results and link previews.
    #[serde(default)]
    pub summary: String,
    /// The small line above the title.
    pub eyebrow: String,
    pub ui: Ui,
}

/// A topic of the other figures (`topic` in facts.csv, an id a translation keeps) and the
/// heading of its table in the sources.
#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FactTopic {
    pub topic: String,
    pub heading: String,
}

/// The page's own words around the story (headings, labels, messages), in content so a
/// translation touches content files only.
#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ui {
    pub contents: String,
    pub step_link: String,
    pub show_data: String,
    pub source: String,
    pub sources_title: String,
    pub sources_intro: String,
    pub sources_list: String,
    pub trade_table: String,
    pub trade_columns: Vec<String>,
    pub facts_table: String,
    pub facts_columns: Vec<String>,
    /// The other figures as a table per topic, in this order (a figure of a topic not named
    /// here goes in a last table headed `facts_table`).
    pub fact_topics: Vec<FactTopic>,
    pub no_wasm: String,
    pub data_files: String,
    /// (path, link text) of the plain data files offered when the charts cannot run.
    pub data_links: Vec<(String, String)>,
    pub loading: String,
    pub graphic_failed: String,
    /// The graphics' drawing code could not be fetched (the step's static figure stands in).
    pub chart_failed: String,
    pub map_failed: String,
    pub data_failed: String,
    pub data_failed_rest: String,
    pub story_failed: String,
    /// Why a fetched file cannot be used, shown in brackets after `data_failed` or `map_failed`
    /// (written into the page's `data-file-*` words, since the edition may be what failed).
    pub file_unreachable: String,
    pub file_missing: String,
    pub file_too_large: String,
    pub file_other_build: String,
    /// A file that is not the one the page expects (`{}`: the magic it should begin with).
    pub file_foreign: String,
    pub file_cut_short: String,
    pub file_damaged: String,
    pub figure_of: String,
    pub read_story: String,
    pub embeds_title: String,
    pub embeds_intro: String,
    pub languages: String,
    pub steps: String,
    pub tools_group: String,
    pub tool_embed: String,
    pub tool_csv: String,
    pub tool_png: String,
    pub tool_svg: String,
    pub tool_link: String,
    pub tool_present: String,
    pub embed_title: String,
    pub embed_help: String,
    pub embed_code: String,
    pub copy: String,
    pub close: String,
    pub embed_copied: String,
    pub embed_select: String,
    pub csv_done: String,
    pub svg_done: String,
    pub png_done: String,
    pub png_failed: String,
    /// A download whose code (a part of the page's wasm, fetched on the first one) could not be fetched.
    pub download_failed: String,
    /// The data table whose code (the same part as the downloads') could not be fetched.
    pub table_failed: String,
    pub link_copied: String,
    pub link_label: String,
    pub unknown_graphic: String,
    pub no_graphic: String,
    pub use_ids: String,
    pub previous: String,
    pub next: String,
    pub previous_step: String,
    pub next_step: String,
    pub step_of: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    /// Paragraphs separated by blank lines; plain text, never HTML.
    #[serde(default)]
    pub text: String,
    /// An extra sentence for the text description of the graphic in this step.
    #[serde(default)]
    pub alt: String,
    pub view: Spec,
}

impl Step {
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub id: String,
    pub title: String,
    /// Id of the chapter's graphic, used by embed pages.
    pub graphic: String,
    pub graphic_title: String,
    pub takeaway: String,
    pub steps: Vec<Step>,
}

impl Chapter {
    /// Whether any of the chapter's steps shows a map (its graphic then needs the base map).
    pub fn has_map(&self) -> bool {
        self.steps.iter().any(|s| matches!(s.view, crate::graphic::Spec::Map(_)))
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize, Wire, Serialize)]
pub struct Story {
    pub meta: Meta,
    pub chapters: Vec<Chapter>,
}

/// Where a step sits: chapter index and step index within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StepRef {
    pub chapter: usize,
    pub step: usize,
}

/// The story as compiled in, by language, for native code (the static site, tests): whole, or
/// without its prose as the page receives it inside an `Edition` (see build.rs).
#[cfg(not(target_arch = "wasm32"))]
pub fn story_json(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!(concat!(env!("OUT_DIR"), "/story-en.json")),
        Lang::Ru => include_str!(concat!(env!("OUT_DIR"), "/story-ru.json")),
        Lang::Zh => include_str!(concat!(env!("OUT_DIR"), "/story-zh.json")),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn story_views_json(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!(concat!(env!("OUT_DIR"), "/story-views-en.json")),
        Lang::Ru => include_str!(concat!(env!("OUT_DIR"), "/story-views-ru.json")),
        Lang::Zh => include_str!(concat!(env!("OUT_DIR"), "/story-views-zh.json")),
    }
}

/// What the page fetches for one language (`data/edition-<lang>.bin`, written by the site
/// binary): the story without its prose (the static HTML holds the words) and without its
/// views' `alt` (`Said` has what they make), the charts' words and the dataset, validated at build time and already in the edition's words. One request, no CSV parsing
/// and no other edition's words in the wasm. The file is binary (`crate::wire`): no JSON parser
/// in the page, and smaller than the JSON it replaced (32–43% raw, 6–10% brotli).
#[derive(Clone, Debug, PartialEq, Wire, Serialize)]
pub struct Edition {
    pub story: Story,
    /// The words charts and maps draw in (`words.toml` of the edition).
    pub words: crate::data::Words,
    pub data: Dataset,
}

/// The first bytes of an edition file: what it is, and the version of its layout.
pub const EDITION_MAGIC: &[u8; 4] = b"CRE1";

impl Edition {
    /// Where the page finds a language's edition, relative to the site root.
    pub fn path(lang: Lang) -> String {
        format!("data/edition-{}.bin", lang.code())
    }

    /// Reads an edition file and checks the story's ids as `Story::parse` does; an error names
    /// `file`.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Edition, DataError> {
        let edition: Edition =
            crate::wire::read(bytes, EDITION_MAGIC, "an edition file").map_err(|e| DataError::unreadable(file, e))?;
        edition.story.check().map_err(|e| DataError::new(file, None, None, e))?;
        if edition.data.trade.is_empty() || edition.data.facts.is_empty() {
            return Err(DataError::new(file, None, None, "the dataset in it is empty"));
        }
        Ok(edition)
    }

    /// The edition file's bytes: the story's views as build.rs wrote them (without `alt`,
    /// which only the descriptions use: `Said`), the edition's words and `data`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn file(lang: Lang, data: &Dataset) -> Result<Vec<u8>, String> {
        let mut story = Story::parse(story_views_json(lang))?;
        for chapter in &mut story.chapters {
            for step in &mut chapter.steps {
                step.alt.clear();
            }
        }
        let edition = Edition { story, words: crate::data::Words::of(lang).clone(), data: data.clone() };
        crate::wire::write(&edition, EDITION_MAGIC)
    }
}

/// What each step's graphic says under it, by chapter and step: its description and source
/// line, as the static page writes them (`crate::graphic::description`, `source_line`). The
/// story page reads them from its static figures (each holds its chapter's, as the hidden
/// sizers); the embed binary, whose page may have no figure (`embed.html?g=`), fetches them
/// with its edition (`data/said-<lang>.bin`), so the story's reader does not download them
/// twice. The page shows them without the code that writes them (or, for a map's sources,
/// before its gazetteer is in).
#[derive(Clone, Debug, PartialEq, Wire, Serialize)]
pub struct Said {
    pub chapters: Vec<Vec<StepSaid>>,
}

#[derive(Clone, Debug, Default, PartialEq, Wire, Serialize)]
pub struct StepSaid {
    pub description: String,
    pub sources: String,
}

/// The first bytes of a `Said` file.
pub const SAID_MAGIC: &[u8; 4] = b"CRS1";

impl Said {
    /// Where the embed binary finds a language's `Said`, relative to the site root.
    pub fn path(lang: Lang) -> String {
        format!("data/said-{}.bin", lang.code())
    }

    /// Every step's words, made from the story (with its `alt`) as the static page makes them.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of(story: &Story, data: &Dataset) -> Result<Said, String> {
        let models = story.models(data)?;
        let chapters = story
            .chapters
            .iter()
            .zip(&models)
            .map(|(chapter, models)| {
                chapter
                    .steps
                    .iter()
                    .zip(models)
                    .map(|(step, model)| StepSaid {
                        description: crate::graphic::description(&step.alt, model, data),
                        sources: crate::graphic::source_line(model, data),
                    })
                    .collect()
            })
            .collect();
        Ok(Said { chapters })
    }

    /// The file's bytes for `lang` (`data` translated for it).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn file(lang: Lang, data: &Dataset) -> Result<Vec<u8>, String> {
        crate::wire::write(&Said::of(&Story::parse(story_views_json(lang))?, data)?, SAID_MAGIC)
    }

    /// Reads a `Said` file; an error names `file`.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Said, DataError> {
        crate::wire::read(bytes, SAID_MAGIC, "a file of graphic descriptions")
            .map_err(|e| DataError::unreadable(file, e))
    }

    /// A chapter's steps' words; empty ones past what the file holds.
    pub fn chapter(&self, c: usize, steps: usize) -> Vec<StepSaid> {
        let mut out = self.chapters.get(c).cloned().unwrap_or_default();
        out.resize(steps, StepSaid::default());
        out
    }
}

/// Whether `s` is an id as the story writes them (chapters, graphics, steps): lower-case
/// letters, digits and '-', at most 64. The one check for content, URLs and messages alike.
pub fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The file each chapter of the compiled story came from, in order (build.rs). Native only,
/// as all of the JSON reading here: the page's story comes inside an `Edition` built and checked
/// natively.
#[cfg(not(target_arch = "wasm32"))]
fn chapter_files() -> Vec<String> {
    serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/story-files.json"))).unwrap_or_default()
}

/// Where a story's content error is: serde's error for the whole document names a line and
/// column of compiled JSON, so the chapters and their steps are read again one by one to name
/// the chapter's file and the step's id instead.
#[cfg(not(target_arch = "wasm32"))]
fn locate_error(json: &str, error: serde_json::Error) -> String {
    use serde_json::Value;
    let Ok(value) = serde_json::from_str::<Value>(json) else { return format!("story content: {error}") };
    if let Err(e) = Meta::deserialize(&value["meta"]) {
        return format!("assets/story/story.toml: {e}");
    }
    let files = chapter_files();
    let chapters = value["chapters"].as_array().map(Vec::as_slice).unwrap_or_default();
    for (i, chapter) in chapters.iter().enumerate() {
        let Err(e) = Chapter::deserialize(chapter) else { continue };
        let file = match (files.get(i), chapter["id"].as_str()) {
            (Some(f), _) => f.clone(),
            (None, Some(id)) => format!("chapter {id}"),
            (None, None) => format!("chapter {}", i + 1),
        };
        let steps = chapter["steps"].as_array().map(Vec::as_slice).unwrap_or_default();
        for (j, step) in steps.iter().enumerate() {
            if let Err(e) = Step::deserialize(step) {
                let id = step["id"].as_str().map_or_else(|| format!("{}", j + 1), str::to_string);
                return format!("{file}, step {id}: {e}");
            }
        }
        return format!("{file}: {e}");
    }
    format!("story content: {error}")
}

impl Story {
    /// Reads the compiled story; an error names the chapter file and step it is in (native: the
    /// edition files, the static site, tests).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(json: &str) -> Result<Story, String> {
        let story: Story = serde_json::from_str(json).map_err(|e| locate_error(json, e))?;
        story.check()?;
        Ok(story)
    }

    /// What serde cannot check: every chapter has steps, every id is an id and unique.
    fn check(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for c in &self.chapters {
            if c.steps.is_empty() {
                return Err(format!("chapter {} has no steps", c.id));
            }
            for id in std::iter::once(&c.id).chain(std::iter::once(&c.graphic)).chain(c.steps.iter().map(|s| &s.id)) {
                if !is_id(id) {
                    return Err(format!("“{id}” is not a valid id (lower-case letters, digits and '-')"));
                }
                if !seen.insert(id.clone()) {
                    return Err(format!("the id “{id}” is used twice"));
                }
            }
        }
        Ok(())
    }

    /// The English story.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> Result<Story, String> {
        Story::bundled_in(Lang::En)
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled_in(lang: Lang) -> Result<Story, String> {
        Story::parse(story_json(lang))
    }

    /// Every step in reading order.
    pub fn steps(&self) -> impl Iterator<Item = (StepRef, &Step)> {
        self.chapters
            .iter()
            .enumerate()
            .flat_map(|(c, ch)| ch.steps.iter().enumerate().map(move |(s, st)| (StepRef { chapter: c, step: s }, st)))
    }

    pub fn step(&self, r: StepRef) -> Option<&Step> {
        self.chapters.get(r.chapter)?.steps.get(r.step)
    }

    pub fn find_step(&self, id: &str) -> Option<StepRef> {
        self.steps().find(|(_, s)| s.id == id).map(|(r, _)| r)
    }

    pub fn chapter_by_graphic(&self, graphic: &str) -> Option<usize> {
        self.chapters.iter().position(|c| c.graphic == graphic)
    }

    /// Resolves every step's graphic state against the dataset; the first failure is
    /// reported with the step id.
    pub fn models(&self, data: &Dataset) -> Result<Vec<Vec<Model>>, String> {
        self.chapters
            .iter()
            .map(|c| c.steps.iter().map(|s| s.view.model(data).map_err(|e| format!("step {}: {e}", s.id))).collect())
            .collect()
    }
}
