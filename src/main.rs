fn main() {
    #[cfg(target_arch = "wasm32")]
    explainer::web::start_story();
}
