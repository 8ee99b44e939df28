//! The chart forms (trade lines, bars, slope, waffle, timeline) and what they share:
//! scales and the plot frame (axes, legends, keyed interpolation). Each form is a
//! `Spec` (content) → `Model` (numbers) → `Scene` (shapes); `crate::graphic` dispatches.

pub mod bars;
pub mod frame;
pub mod labels;
pub mod scale;
pub mod slope;
pub mod timeline;
pub mod trade;
pub mod waffle;
