//! Compiles the story content (assets/story/story.toml and assets/story/chapters/*.toml,
//! in file-name order) into one JSON document that the app embeds and parses with serde.
//! The content stays editable TOML; the page ships no TOML parser. The gazetteer and the map
//! insets' figures are compiled in as postcard, so the page ships no JSON parser either.

use std::{env, fs, path::Path};

#[allow(dead_code)] // the tests use what the build does not
#[path = "src/story/overlay.rs"]
mod overlay;

// The data compiled into the app as postcard (src/wire.rs, `read_compiled`), read from its
// files into the app's own types here, so a malformed file fails the build and names itself.
// Their types derive the page's reader (`Wire`), which build.rs includes too.
#[allow(dead_code)]
#[path = "src/maps/gazetteer/raw.rs"]
mod gazetteer_raw;
#[allow(dead_code)]
#[path = "src/maps/inset_facts.rs"]
mod inset_facts;
#[allow(dead_code)]
#[path = "src/wire/reader.rs"]
mod wire;

/// The languages besides English, as `assets/story/i18n/<code>/` holds them.
const LANGS: &[&str] = &["ru", "zh"];

fn main() {
    // The page's binaries built to be cut into parts (feature `split`, src/maps/lazy.rs): the
    // linker keeps their relocations, which wasm-split-cli reads to see what each part reaches
    // (src/bin/site.rs).
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some()
        && std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32"))
    {
        for bin in ["explainer", "embed"] {
            println!("cargo:rustc-link-arg-bin={bin}=--emit-relocs");
        }
    }
    let dir = Path::new("assets/story");
    println!("cargo:rerun-if-changed={}", dir.display());
    let read = |p: &Path| -> toml::Value {
        println!("cargo:rerun-if-changed={}", p.display());
        let text = fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    let meta = read(&dir.join("story.toml"));
    let chapters_dir = dir.join("chapters");
    println!("cargo:rerun-if-changed={}", chapters_dir.display());
    let mut files: Vec<_> = fs::read_dir(&chapters_dir)
        .expect("assets/story/chapters")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let chapters: Vec<toml::Value> = files.iter().map(|p| read(p)).collect();
    // Which file each chapter came from, in order, so a content error names it (story::Story).
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let mut story = serde_json::Map::new();
    story.insert("meta".into(), serde_json::to_value(meta).expect("meta as JSON"));
    story.insert("chapters".into(), serde_json::to_value(chapters).expect("chapters as JSON"));
    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    fs::write(out.join("story-files.json"), serde_json::to_string(&names).unwrap()).unwrap();
    let english = serde_json::Value::Object(story);
    write_story(&out, "en", &english);
    // The charts' and maps' words, per edition (data::Words); a missing file means English, and
    // the native tests fail on it.
    let words_en = read(&dir.join("words.toml"));
    fs::write(out.join("words-en.json"), serde_json::to_string(&words_en).unwrap()).unwrap();
    for lang in LANGS {
        let file = dir.join("i18n").join(lang).join("words.toml");
        let words = if file.exists() { read(&file) } else { words_en.clone() };
        fs::write(out.join(format!("words-{lang}.json")), serde_json::to_string(&words).unwrap()).unwrap();
    }

    // The binary files' stamp (src/wire.rs): the page refuses an edition or base map written by
    // another build, whose binary layout may differ without a byte to tell. Any change to the
    // code changes it; nothing else does.
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rustc-env=WIRE_STAMP={:08x}", source_hash(Path::new("src")));

    // The map insets' figures (fact ids), one file for every edition (maps::content); whether
    // the facts exist is for the native tests.
    let insets_file = dir.join("insets.toml");
    println!("cargo:rerun-if-changed={}", insets_file.display());
    let text = fs::read_to_string(&insets_file).unwrap_or_else(|e| panic!("{}: {e}", insets_file.display()));
    let insets: std::collections::BTreeMap<inset_facts::Inset, inset_facts::InsetFacts> =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", insets_file.display()));
    fs::write(out.join("insets.bin"), compiled(&insets, inset_facts::MAGIC)).unwrap();

    // The gazetteer (maps::gazetteer): its shape checked here, its kinds by the native tests.
    let gazetteer_file = Path::new("assets/geo/gazetteer.json");
    println!("cargo:rerun-if-changed={}", gazetteer_file.display());
    let text = fs::read_to_string(gazetteer_file).unwrap_or_else(|e| panic!("{}: {e}", gazetteer_file.display()));
    let gazetteer: gazetteer_raw::RawGazetteer =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", gazetteer_file.display()));
    fs::write(out.join("gazetteer.bin"), compiled(&gazetteer, gazetteer_raw::MAGIC)).unwrap();

    // Each other language: its words over the English structure. What is missing stays English
    // here; the native tests (tests/i18n.rs) fail on it, the build does not.
    for lang in LANGS {
        let mut story = english.clone();
        let mut problems = Vec::new();
        let root = dir.join("i18n").join(lang);
        println!("cargo:rerun-if-changed={}", root.display());
        let meta_file = root.join("story.toml");
        if meta_file.exists() {
            let tr = serde_json::to_value(read(&meta_file)).unwrap();
            overlay::overlay_meta(&mut story["meta"], &tr, &meta_file.display().to_string(), &mut problems);
        }
        for (i, file) in files.iter().enumerate() {
            let path = root.join("chapters").join(file.file_name().unwrap());
            if path.exists() {
                let tr = serde_json::to_value(read(&path)).unwrap();
                overlay::overlay_chapter(&mut story["chapters"][i], &tr, &path.display().to_string(), &mut problems);
            }
        }
        for p in problems {
            println!("cargo:warning={p}");
        }
        write_story(&out, lang, &story);
        // The dataset's words in this language (fact names, events), for data::DataText.
        let data_file = root.join("data.toml");
        let data_text =
            if data_file.exists() { serde_json::to_value(read(&data_file)).unwrap() } else { serde_json::json!({}) };
        fs::write(out.join(format!("data-text-{lang}.json")), data_text.to_string()).unwrap();
    }
}

/// Data compiled into the app as `wire::read_compiled` reads it: the magic, then the value in
/// postcard.
fn compiled<T: serde::Serialize>(value: &T, magic: &[u8; 4]) -> Vec<u8> {
    let body = postcard::to_allocvec(value).expect("postcard");
    [magic.as_slice(), &body].concat()
}

/// Writes a language's whole story (native code: the static site, tests) and the page's copy.
fn write_story(out: &Path, lang: &str, story: &serde_json::Value) {
    fs::write(out.join(format!("story-{lang}.json")), serde_json::to_string(story).unwrap()).unwrap();
    // The page's copy: no prose. The static HTML holds the words; the wasm needs ids, views,
    // titles and the page's own labels.
    let mut views = story.clone();
    for key in ["dek", "opening", "byline", "headline_label", "summary"] {
        views["meta"].as_object_mut().unwrap().remove(key);
    }
    for chapter in views["chapters"].as_array_mut().unwrap() {
        for step in chapter["steps"].as_array_mut().unwrap() {
            step.as_object_mut().unwrap().remove("text");
        }
    }
    fs::write(out.join(format!("story-views-{lang}.json")), serde_json::to_string(&views).unwrap()).unwrap();
}

/// FNV-1a over every file under `dir` (paths and contents, in path order).
fn source_hash(dir: &Path) -> u32 {
    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    files(dir, &mut paths);
    paths.sort();
    let mut hash: u32 = 0x811c_9dc5;
    for path in paths {
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for b in path.to_string_lossy().bytes().chain(bytes) {
            hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    hash
}
