//! The code of what a reader asks for under a graphic, as the page fetches it: on the first
//! download (a titled SVG or PNG of the step, its CSV) or the first opening of the data table.
//!
//! With the `split` feature the functions below are split points, as in `maps::lazy`: the build
//! cuts what only they reach (the tables of every chart and map, the SVG and CSV writers, the
//! export's title and source layout) into a part of the page's wasm of its own (`tools`), which
//! their first call fetches. Without it (native code) they are the plain functions they wrap.
//! `Err(Missing)`: the part could not be fetched.

use crate::data::Dataset;
use crate::graphic::{Ctx, Model};
use crate::scene::table::Table;
use crate::scene::theme::Theme;
use crate::scene::{Scene, Size};

/// The part could not be fetched.
#[derive(Debug)]
pub struct Missing;

/// `embed::export_svg`.
pub async fn svg(model: &Model, ctx: Ctx<'_>, size: Size, theme: &Theme, title: &str) -> Result<String, Missing> {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    return split::svg(model, ctx, size, theme, title).await;
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    Ok(super::export_svg(model, ctx, size, theme, title))
}

/// `embed::export_scene`: the scene a PNG is drawn from, and its whole size.
pub async fn scene(
    model: &Model,
    ctx: Ctx<'_>,
    size: Size,
    theme: &Theme,
    title: &str,
) -> Result<(Scene, Size), Missing> {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    return split::scene(model, ctx, size, theme, title).await;
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    Ok(super::export_scene(model, ctx, size, theme, title))
}

/// The model's data table (`Model::table`).
pub async fn table(model: &Model, data: &Dataset) -> Result<Table, Missing> {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    return split::table(model, data).await;
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    Ok(model.table(data))
}

/// The model's data table as CSV.
pub async fn csv(model: &Model, data: &Dataset) -> Result<String, Missing> {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    return split::csv(model, data).await;
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    Ok(model.table(data).to_csv())
}

#[cfg(all(feature = "split", target_arch = "wasm32"))]
mod split {
    use super::*;
    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    #[wasm_split(tools, fallible)]
    pub fn svg(model: &Model, ctx: Ctx<'_>, size: Size, theme: &Theme, title: &str) -> Result<String, Missing> {
        Ok(crate::embed::export_svg(model, ctx, size, theme, title))
    }

    #[wasm_split(tools, fallible)]
    pub fn scene(
        model: &Model,
        ctx: Ctx<'_>,
        size: Size,
        theme: &Theme,
        title: &str,
    ) -> Result<(Scene, Size), Missing> {
        Ok(crate::embed::export_scene(model, ctx, size, theme, title))
    }

    #[wasm_split(tools, fallible)]
    pub fn table(model: &Model, data: &Dataset) -> Result<Table, Missing> {
        Ok(model.table(data))
    }

    #[wasm_split(tools, fallible)]
    pub fn csv(model: &Model, data: &Dataset) -> Result<String, Missing> {
        Ok(model.table(data).to_csv())
    }

    impl From<SplitLoaderError> for Missing {
        /// The loader says why in the console.
        fn from(_: SplitLoaderError) -> Self {
            Missing
        }
    }
}
