//! China–Russia economic ties since 2014: the explainer's browser-independent core.
//!
//! - `data`: the bundled dataset, its validation and derived figures;
//! - `story`: the story content (chapters, steps) and the scroll engine's pure logic;
//! - `charts`: scales, scenes, tweening and every chart form, drawn by one plotters function;
//! - `maps`: projections, geometry and map scenes.
//! The Leptos page (`web`, wasm only) sits on top and only wires these to the DOM.

pub mod charts;
pub mod data;
pub mod embed;
pub mod maps;
pub mod story;

#[cfg(target_arch = "wasm32")]
pub mod web;
