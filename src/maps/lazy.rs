//! The maps' own code that a page fetches only when a map comes near: reading the base map.
//!
//! With the `split` feature (the page's binaries), `read_geo` is a split point: the build cuts
//! what only it reaches (the base map's and the gazetteer's reader and checks) out of the first
//! part of the wasm into a part of its own (`wasm_split_helpers`; `cut` in `src/bin/site.rs`),
//! which the page fetches beside `geo/base.bin` (`load`). Without it (native code) it is the
//! plain function it wraps.
//!
//! Drawing a map stays in the first part: a map's frame calls the shared scene code (shapes,
//! text, allocation) thousands of times, and calls across the parts cannot be inlined. With the
//! scene in the maps' part, tween frames took 3.8–4.0 ms at the 95th percentile against 3.0 ms
//! (scripts/report.sh, same machine and hour), for 23 KB brotli less in the first part.

use super::Geo;
use crate::data::DataError;

/// Fetches the maps' code where it is split (`split` below); at once otherwise, or once it is
/// here. The page asks for it beside `geo/base.bin`, so the two download together.
#[cfg(all(feature = "split", target_arch = "wasm32"))]
pub async fn load() -> Result<(), DataError> {
    Ok(split::geo_loaded().await?)
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

    impl From<SplitLoaderError> for DataError {
        /// The loader says why in the console; a reader is told the chunk could not be fetched.
        fn from(_: SplitLoaderError) -> Self {
            DataError::new(CHUNK, None, None, "could not be fetched")
        }
    }
}
