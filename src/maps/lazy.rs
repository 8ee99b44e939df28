//! The maps' own code, as a page fetches it: only when a map comes near.
//!
//! With the `split` feature (the page's binaries), the two functions below are split points:
//! the build cuts what only they reach (reading the base map and gazetteer, projecting,
//! clipping, placing labels) out of the first part of the wasm into a part of its own
//! (`wasm_split_helpers`; `cut` in `src/bin/site.rs`), which their first call fetches. Without
//! it (native code) they are the plain functions they wrap.
//!
//! The page fetches the chunk (`load`) beside the base map and reads the base map with it; a
//! map's scene is asked for only once there is geometry to draw (`Model::scene`), and until then
//! the step's static figure stands in for the map (`web::graphic`).

use super::{Geo, MapModel};
use crate::data::{DataError, Dataset};
use crate::scene::theme::Theme;
use crate::scene::{Scene, Size};

/// Fetches the maps' code where it is split (`split` below); at once otherwise, or once it is
/// here. The page asks for it beside `geo/base.bin`, so the two download together.
#[cfg(all(feature = "split", target_arch = "wasm32"))]
pub async fn load() -> Result<(), DataError> {
    // Each split point keeps its own loaded flag (the fetch itself happens once): both are set
    // here, so that `read_geo` and `scene` find the chunk at their first poll.
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

/// A map's scene (`MapModel::scene`), or an empty one while the maps' code is not yet here.
pub fn scene(m: &MapModel, geo: Option<&Geo>, data: &Dataset, progress: f64, size: Size, theme: &Theme) -> Scene {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    {
        use futures::FutureExt;
        // Loaded by `load` before any map has geometry; polled once, never waited for.
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
