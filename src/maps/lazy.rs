//! The maps' own code that a page fetches only when a map comes near: reading the base map
//! and drawing a map.
//!
//! With the `split` feature (the page's binaries), `read_geo` is a split point: the build cuts
//! what only it reaches (the base map's and the gazetteer's reader and checks) out of the first
//! part of the wasm into a part of its own (`wasm_split_helpers`; `cut` in `src/bin/site.rs`),
//! which the page fetches beside `geo/base.bin` (`load`). Without it (native code) it is the
//! plain function it wraps.
//!
//! A map's scene (`scene`) is a split point too: projecting, clipping and placing labels go with
//! the maps' part. The painter asks for a map's scene only once its geometry is here, and the
//! geometry comes through `read_geo`, so the part is always loaded by then.

use super::{Geo, MapModel};
use crate::data::{DataError, Dataset};
use crate::scene::theme::Theme;
use crate::scene::{Scene, Size};

/// Fetches the maps' code where it is split (`split` below); at once otherwise, or once it is
/// here. The page asks for it beside `geo/base.bin`, so the two download together.
#[cfg(all(feature = "split", target_arch = "wasm32"))]
pub async fn load() -> Result<(), DataError> {
    // Each split point keeps its own loaded flag; the part itself is fetched once.
    split::geo_loaded().await?;
    Ok(split::scene_loaded().await?)
}

#[cfg(not(all(feature = "split", target_arch = "wasm32")))]
pub async fn load() -> Result<(), DataError> {
    Ok(())
}

/// Reads the page's `geo/base.bin` (`Geo::read`), with the maps' code (`load`).
pub async fn read_geo(bytes: &[u8]) -> Result<Geo, DataError> {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    return split::read_geo(bytes).await;
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    Geo::read(bytes)
}

/// A map's scene (`MapModel::scene`); an empty one if the maps' part is not here, which the
/// painter never lets happen (it paints a map only once `read_geo` has read its geometry).
pub fn scene(m: &MapModel, geo: Option<&Geo>, data: &Dataset, progress: f64, size: Size, theme: &Theme) -> Scene {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    {
        use futures::FutureExt;
        split::scene(m, geo, data, progress, size, theme).now_or_never().and_then(Result::ok).unwrap_or_default()
    }
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    m.scene(geo, data, progress, size, theme)
}

#[cfg(all(feature = "split", target_arch = "wasm32"))]
mod split {
    use super::*;
    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    /// The part's name in the page's error messages (its file is `<binary>-<hash>-maps.wasm`).
    const CHUNK: &str = "maps.wasm";

    #[wasm_split(maps, fallible, preload(geo_loaded))]
    pub fn read_geo(bytes: &[u8]) -> Result<Geo, DataError> {
        Geo::read(bytes)
    }

    #[wasm_split(maps, fallible, preload(scene_loaded))]
    pub fn scene(
        m: &MapModel,
        geo: Option<&Geo>,
        data: &Dataset,
        progress: f64,
        size: Size,
        theme: &Theme,
    ) -> Result<Scene, SplitLoaderError> {
        Ok(m.scene(geo, data, progress, size, theme))
    }

    impl From<SplitLoaderError> for DataError {
        /// The loader says why in the console; a reader is told the chunk could not be fetched.
        fn from(_: SplitLoaderError) -> Self {
            DataError::new(CHUNK, None, None, "could not be fetched")
        }
    }
}
