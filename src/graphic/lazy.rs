//! The code that draws a graphic, as a page fetches it: the first time it has something to
//! draw that its static figure does not already show.
//!
//! The story page opens on the first step's static figure, which is what its canvas would
//! draw, so it needs none of this until the reader moves (`web::load::Code`): resolving every
//! step's view against the data (`models`), every chart's layout, scales, labels and tweens,
//! and the dispatch to the maps. With the `split` feature (the page's binaries) `models` and
//! `draw` are split points: the build cuts what only they reach out of the first part of the
//! wasm into a part of its own (`charts`; `cut` in `src/bin/site.rs`), as `maps::lazy` does for
//! the maps. Without it (native code) they are the plain functions.

use super::{frame, Ctx, Model};
use crate::data::{DataError, Dataset};
use crate::scene::theme::Theme;
use crate::scene::{Scene, Size};
use crate::story::Story;

/// The part's name in the page's error messages (its file is `<binary>-<hash>-charts.wasm`).
pub const PART: &str = "charts.wasm";

/// Fetches the drawing code where it is split; at once otherwise, or once it is here.
#[cfg(all(feature = "split", target_arch = "wasm32"))]
pub async fn load() -> Result<(), DataError> {
    split::draw_loaded().await.map_err(|_| unreachable())
}

#[cfg(not(all(feature = "split", target_arch = "wasm32")))]
pub async fn load() -> Result<(), DataError> {
    Ok(())
}

/// The part could not be fetched (the loader says why in the console).
pub fn unreachable() -> DataError {
    DataError::new(PART, None, None, "could not be fetched")
}

/// Every step's state, by chapter (`Story::models`), with the code (fetched if it is not here),
/// or why the story's views do not resolve against its data.
pub async fn models(story: &Story, data: &Dataset) -> Result<Vec<Vec<Model>>, DataError> {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    let models = split::models(story, data).await.map_err(|_| unreachable())?;
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    let models = story.models(data);
    models.map_err(|e| DataError::new(PART, None, None, format!("the story refers to data that is not there: {e}")))
}

/// What a painter paints: a frame `t` of the way from `from` to `to` (`graphic::frame`), or `to`
/// still when there is no `from`; with the state that frame shows (none for a cross-fade
/// between two forms). An empty scene if the code is not here, which the painter never lets
/// happen (it paints only once `load` is done).
pub fn draw(
    from: Option<&Model>,
    to: &Model,
    t: f64,
    ctx: Ctx,
    progress: f64,
    size: Size,
    theme: &Theme,
) -> (Scene, Option<Model>) {
    #[cfg(all(feature = "split", target_arch = "wasm32"))]
    {
        use futures::FutureExt;
        split::draw(from, to, t, ctx, progress, size, theme)
            .now_or_never()
            .and_then(Result::ok)
            .unwrap_or_else(|| (Scene::default(), None))
    }
    #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
    drawn(from, to, t, ctx, progress, size, theme)
}

fn drawn(
    from: Option<&Model>,
    to: &Model,
    t: f64,
    ctx: Ctx,
    progress: f64,
    size: Size,
    theme: &Theme,
) -> (Scene, Option<Model>) {
    match from {
        Some(from) if t < 1.0 => (frame(from, to, t, ctx, progress, size, theme), Model::lerp(from, to, t)),
        _ => (to.scene(ctx, progress, size, theme), Some(to.clone())),
    }
}

#[cfg(all(feature = "split", target_arch = "wasm32"))]
mod split {
    use super::*;
    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    #[wasm_split(charts, fallible)]
    pub fn models(story: &Story, data: &Dataset) -> Result<Result<Vec<Vec<Model>>, String>, SplitLoaderError> {
        Ok(story.models(data))
    }

    #[wasm_split(charts, fallible, preload(draw_loaded))]
    pub fn draw(
        from: Option<&Model>,
        to: &Model,
        t: f64,
        ctx: Ctx<'_>,
        progress: f64,
        size: Size,
        theme: &Theme,
    ) -> Result<(Scene, Option<Model>), SplitLoaderError> {
        Ok(drawn(from, to, t, ctx, progress, size, theme))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;
    use crate::story::Story;

    /// `draw` is `graphic::frame` and `Model::lerp` for a tween, the state's own scene when still.
    #[test]
    fn draws_what_frame_and_scene_draw() {
        let (story, data) = (Story::bundled().unwrap(), Dataset::bundled());
        let models = story.models(&data).unwrap();
        let size = Size { width: 640.0, height: 400.0 };
        let theme = Theme::light();
        let ctx = Ctx { data: &data, geo: None };
        let (a, b) = (&models[0][0], &models[0][1]);
        let (still, state) = draw(None, b, 0.3, ctx, 0.0, size, &theme);
        assert_eq!(still, b.scene(ctx, 0.0, size, &theme));
        assert_eq!(state.as_ref(), Some(b));
        let (moving, state) = draw(Some(a), b, 0.3, ctx, 0.0, size, &theme);
        assert_eq!(moving, frame(a, b, 0.3, ctx, 0.0, size, &theme));
        assert_eq!(state, Model::lerp(a, b, 0.3));
        assert_ne!(moving, still, "a tween's frame drew the end state");
        // The tween's end is the state itself.
        assert_eq!(draw(Some(a), b, 1.0, ctx, 0.0, size, &theme).0, still);
    }
}
