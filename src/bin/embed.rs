//! The embed binary: the wasm of the embed pages, `embed.html` and present mode (one graphic
//! alone), built by Trunk beside the story's (index.html, `data-bin="embed"`). The story page
//! does not carry this code, nor the embed pages the story's scroll engine.

fn main() {
    #[cfg(target_arch = "wasm32")]
    explainer::web::start_embed();
}
