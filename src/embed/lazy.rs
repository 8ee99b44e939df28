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

/// Each function once: a split point of the `tools` part where the build cuts (`split`), an
/// async function that calls its body at once otherwise. Either way `async`, returning
/// `Result<_, Missing>`.
macro_rules! tools_part {
    ($($(#[$doc:meta])* pub fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block)*) => {$(
        $(#[$doc])*
        #[cfg(all(feature = "split", target_arch = "wasm32"))]
        #[wasm_split_helpers::wasm_split(tools, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<$ret, Missing> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
        pub async fn $name($($arg: $ty),*) -> Result<$ret, Missing> {
            Ok($body)
        }
    )*};
}

tools_part! {
    /// `embed::export_svg`.
    pub fn svg(model: &Model, ctx: Ctx<'_>, size: Size, theme: &Theme, title: &str) -> String {
        super::export_svg(model, ctx, size, theme, title)
    }

    /// `embed::export_scene`: the scene a PNG is drawn from, and its whole size.
    pub fn scene(model: &Model, ctx: Ctx<'_>, size: Size, theme: &Theme, title: &str) -> (Scene, Size) {
        super::export_scene(model, ctx, size, theme, title)
    }

    /// The model's data table (`Model::table`).
    pub fn table(model: &Model, data: &Dataset) -> Table {
        model.table(data)
    }

    /// The model's data table as CSV.
    pub fn csv(model: &Model, data: &Dataset) -> String {
        model.table(data).to_csv()
    }
}

#[cfg(all(feature = "split", target_arch = "wasm32"))]
impl From<wasm_split_helpers::SplitLoaderError> for Missing {
    /// The loader says why in the console.
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Missing
    }
}
