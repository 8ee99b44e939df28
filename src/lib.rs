//! China–Russia economic ties since 2014: the explainer's browser-independent core.
//!
//! - `data`: the bundled dataset, its validation and derived figures;
//! - `story`: the story content (chapters, steps) and the scroll engine's pure logic;
//! - `scene`: shapes, colours, themes, text measuring, tables, tweening and the one plotters
//!   draw function that charts and maps share;
//! - `charts`: scales, axes and every chart form; `maps`: projections, geometry, map scenes;
//! - `graphic`: a step's view (`Spec`) → `Model` → `Scene`, dispatched over charts and maps;
//! - `embed`: embed-page queries, height messages and SVG exports;
//! - `sort`: one small stable sort, shared so the wasm carries it once;
//! - `wire`: the binary format of the files the page fetches (edition, base map).
//!
//! Layers run one way: data → scene → charts | maps → graphic → story → embed → web.
//! The Leptos page (`web`, wasm only) sits on top and only wires these to the DOM.

pub mod charts;
pub mod data;
pub mod embed;
pub mod graphic;
pub mod lang;
pub mod maps;
pub mod scene;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
pub mod sort;
pub mod story;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod web;
