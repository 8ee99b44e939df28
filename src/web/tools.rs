//! The row of tools under every graphic: embed code, the data as CSV, PNG and SVG of
//! the current state with title and source burned in, and a link to this view.
//! Everything is built from the current step's model; nothing reaches inner_html.

use super::graphic::StepModels;
use super::{dom, react};
use crate::data::Dataset;
use crate::embed;
use crate::embed::lazy::Missing;
use crate::graphic::{Ctx, Model};
use crate::maps::Geo;
use crate::scene::theme::Theme;
use crate::scene::Size;
use crate::story::{Chapter, Ui};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// The document's base: the page's URL, or its `<base>` (embed/<graphic>.html points it at the
/// site root).
fn base_href() -> String {
    document().base_uri().ok().flatten().or_else(|| window().location().href().ok()).unwrap_or_default()
}

/// The site's base URL (the site root's directory, ending in '/').
pub fn site_base() -> String {
    web_sys::Url::new_with_base("./", &base_href()).map(|u| u.href()).unwrap_or_default()
}

/// An absolute URL for a path relative to the site.
pub fn site_url(path: &str) -> String {
    let href = base_href();
    web_sys::Url::new_with_base(path, &href).map(|u| u.href()).unwrap_or_else(|_| path.to_string())
}

/// Copies `text`; resolves to whether the clipboard took it.
pub async fn copy_text(text: String) -> bool {
    let cb = window().navigator().clipboard();
    if AsRef::<JsValue>::as_ref(&cb).is_undefined() || !window().is_secure_context() {
        return false;
    }
    leptos::__reexports::wasm_bindgen_futures::JsFuture::from(cb.write_text(&text)).await.is_ok()
}

fn click_download(href: &str, name: &str) {
    let Ok(a) = document().create_element("a") else { return };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    a.set_href(href);
    a.set_download(name);
    a.set_hidden(true);
    if let Some(body) = document().body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}

/// Downloads `text` as a file through a Blob URL.
pub fn download_text(text: &str, mime: &str, name: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    click_download(&url, name);
    // Revoke once the click has been handled.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(2),
    );
}

/// The size to draw a download at: the graphic's own, or 800×450 while it has none.
fn chart_size(s: Size) -> Size {
    if s.width < 10.0 || s.height < 10.0 {
        Size { width: 800.0, height: 450.0 }
    } else {
        s
    }
}

/// How a PNG download went.
enum Png {
    Saved,
    /// Drawing failed: the reader is told.
    Failed,
    /// No canvas or no image URL: nothing happens.
    Skipped,
}

/// What the downloads are made of: the current step's model, drawn at the graphic's size and
/// theme, titled, in files named after the graphic and step.
#[derive(Clone)]
struct Export {
    models: StepModels,
    data: Arc<Dataset>,
    geo: RwSignal<Option<Arc<Geo>>>,
    step: Signal<usize>,
    step_id: Signal<String>,
    size: Signal<Size>,
    theme: Signal<Theme>,
    graphic: String,
    title: String,
}

impl Export {
    /// The step's state (with the drawing code, fetched if it is not here yet).
    async fn model(&self) -> Result<Model, Missing> {
        self.models.at(self.step.get_untracked()).await.ok_or(Missing)
    }

    fn file_name(&self, ext: &str) -> String {
        embed::file_name(&self.graphic, &self.step_id.get_untracked(), ext)
    }

    /// Downloads the model's data as CSV.
    async fn csv(self) -> Result<(), Missing> {
        let csv = embed::lazy::csv(&self.model().await?, &self.data).await?;
        // A byte-order mark so spreadsheet programs read the text as UTF-8.
        download_text(&format!("\u{feff}{csv}"), "text/csv;charset=utf-8", &self.file_name("csv"));
        Ok(())
    }

    /// Downloads the model as a titled SVG.
    async fn svg(self) -> Result<(), Missing> {
        let geo = self.geo.get_untracked();
        let ctx = Ctx { data: &self.data, geo: geo.as_deref() };
        let size = chart_size(self.size.get_untracked());
        let svg = embed::lazy::svg(&self.model().await?, ctx, size, &self.theme.get_untracked(), &self.title).await?;
        download_text(&svg, "image/svg+xml", &self.file_name("svg"));
        Ok(())
    }

    /// Downloads the model as a titled PNG at twice its size.
    async fn png(self) -> Result<Png, Missing> {
        let geo = self.geo.get_untracked();
        let ctx = Ctx { data: &self.data, geo: geo.as_deref() };
        let th = self.theme.get_untracked();
        let size = chart_size(self.size.get_untracked());
        let (scene, full) = embed::lazy::scene(&self.model().await?, ctx, size, &th, &self.title).await?;
        let scale = 2.0;
        let Ok(el) = document().create_element("canvas") else { return Ok(Png::Skipped) };
        let Ok(canvas) = el.dyn_into::<web_sys::HtmlCanvasElement>() else { return Ok(Png::Skipped) };
        canvas.set_width((full.width * scale).round() as u32);
        canvas.set_height((full.height * scale).round() as u32);
        super::canvas::load().await.map_err(|()| Missing)?;
        if !super::canvas::draw_on(&canvas, &scene, th.background, scale, scene.whole()) {
            return Ok(Png::Failed);
        }
        Ok(match canvas.to_data_url_with_type("image/png") {
            Ok(url) => {
                click_download(&url, &self.file_name("png"));
                Png::Saved
            }
            Err(_) => Png::Skipped,
        })
    }
}

/// A tool's button in the row, with its click handler.
fn button(row: &web_sys::HtmlElement, tool: &str, label: &str, on_click: impl FnMut(web_sys::MouseEvent) + 'static) {
    let b = dom::text("button", "tool", label);
    dom::attr(&b, "type", "button");
    if !tool.is_empty() {
        dom::attr(&b, "data-tool", tool);
    }
    react::on(&b, "click", on_click);
    dom::append(row, &b);
}

/// The embed-code dialog: the code to copy, a copy button and a close button. Made on the
/// first opening; the code follows the step and the graphic's size.
fn embed_dialog(
    row: &web_sys::HtmlElement,
    code: Signal<String>,
    say: impl Fn(&str) + Copy + 'static,
    ui: &Ui,
) -> web_sys::HtmlDialogElement {
    let dialog: web_sys::HtmlDialogElement = dom::el("dialog", "embed-dialog").unchecked_into();
    dom::attr(&dialog, "aria-label", &ui.embed_title);
    dom::append(&dialog, &dom::text("p", "embed-dialog-title", &ui.embed_title));
    dom::append(&dialog, &dom::text("p", "embed-dialog-help", &ui.embed_help));
    let code_box: web_sys::HtmlTextAreaElement = dom::el("textarea", "embed-code").unchecked_into();
    code_box.set_read_only(true);
    code_box.set_rows(5);
    dom::attr(&code_box, "aria-label", &ui.embed_code);
    {
        let code_box = code_box.clone();
        react::effect(move || code_box.set_value(&code.get()));
    }
    dom::append(&dialog, &code_box);
    let actions = dom::el("div", "embed-dialog-actions");
    let (copied, select) = (ui.embed_copied.clone(), ui.embed_select.clone());
    let (text_box, d) = (code_box.clone(), dialog.clone());
    button(&actions, "copy-embed", &ui.copy, move |_| {
        let (text, code_box, copied, select) = (text_box.value(), text_box.clone(), copied.clone(), select.clone());
        leptos::task::spawn_local(async move {
            if copy_text(text).await {
                say(&copied);
            } else {
                code_box.select();
                say(&select);
            }
        });
    });
    button(&actions, "", &ui.close, move |_| d.close());
    dom::append(&dialog, &actions);
    dom::append(row, &dialog);
    dialog
}

/// Fills the tools row under one chapter's graphic (the static figure holds it empty, its
/// height kept).
#[allow(clippy::too_many_arguments)]
pub fn enhance(
    row: &web_sys::HtmlElement,
    chapter: &Chapter,
    step: Signal<usize>,
    models: StepModels,
    data: Arc<Dataset>,
    geo: RwSignal<Option<Arc<Geo>>>,
    size: Signal<Size>,
    theme: Signal<Theme>,
    ui: Arc<Ui>,
) {
    row.replace_children_with_node_0();
    let _ = row.remove_attribute("aria-hidden");
    dom::attr(row, "role", "group");
    dom::attr(row, "aria-label", &ui.tools_group);
    let status = RwSignal::new(String::new());
    let n = chapter.steps.len().max(1);
    let step_ids: Arc<Vec<String>> = Arc::new(chapter.steps.iter().map(|s| s.id.clone()).collect());
    let step_id = Signal::derive(move || step_ids.get(step.get().min(n - 1)).cloned().unwrap_or_default());
    // The page's language (the dataset is written in it): links and embed code keep it.
    let lang = data.lang;
    let say = move |s: &str| status.set(s.to_string());
    // The page's words, shared by the handlers below (a Copy handle).
    let words = StoredValue::new(ui.clone());
    let embed_code = {
        let (graphic, title) = (chapter.graphic.clone(), chapter.graphic_title.clone());
        Signal::derive(move || {
            let h = embed::height_px(size.get().height + 260.0).clamp(420, 900);
            embed::embed_code(&site_base(), lang, &graphic, &step_id.get(), &title, h)
        })
    };
    let dialog: Rc<RefCell<Option<web_sys::HtmlDialogElement>>> = Rc::default();
    let open_embed = {
        let (row, ui) = (row.clone(), ui.clone());
        move |_| {
            let mut dialog = dialog.borrow_mut();
            let d = dialog.get_or_insert_with(|| embed_dialog(&row, embed_code, say, &ui));
            let _ = d.show_modal();
            if let Some(t) = d.query_selector("textarea").ok().flatten() {
                t.unchecked_into::<web_sys::HtmlTextAreaElement>().select();
            }
        }
    };

    let ex = StoredValue::new(Export {
        models,
        data,
        geo,
        step,
        step_id,
        size,
        theme,
        graphic: chapter.graphic.clone(),
        title: chapter.graphic_title.clone(),
    });
    // The downloads' code comes on the first one (`embed::lazy`): each runs as a task.
    let word = move |w: fn(&Ui) -> &String| words.with_value(|u| w(u).clone());
    let missing = move |_: Missing| say(&word(|u| &u.download_failed));
    let get_csv = move |_| {
        let e = ex.get_value();
        leptos::task::spawn_local(async move {
            e.csv().await.map_or_else(missing, |()| say(&word(|u| &u.csv_done)));
        });
    };
    let get_svg = move |_| {
        let e = ex.get_value();
        leptos::task::spawn_local(async move {
            e.svg().await.map_or_else(missing, |()| say(&word(|u| &u.svg_done)));
        });
    };
    let get_png = move |_| {
        let e = ex.get_value();
        leptos::task::spawn_local(async move {
            match e.png().await {
                Ok(Png::Saved) => say(&word(|u| &u.png_done)),
                Ok(Png::Failed) => say(&word(|u| &u.png_failed)),
                Ok(Png::Skipped) => {}
                Err(m) => missing(m),
            }
        });
    };
    let copy_link = move |_| {
        let url = site_url(&embed::story_path(lang, &step_id.get_untracked()));
        leptos::task::spawn_local(async move {
            if copy_text(url.clone()).await {
                say(&words.with_value(|u| u.link_copied.clone()));
            } else {
                say(&format!("{}: {url}", words.with_value(|u| u.link_label.clone())));
            }
        });
    };

    button(row, "embed", &ui.tool_embed, open_embed);
    button(row, "csv", &ui.tool_csv, get_csv);
    button(row, "png", &ui.tool_png, get_png);
    button(row, "svg", &ui.tool_svg, get_svg);
    button(row, "link", &ui.tool_link, copy_link);
    let present = dom::text("a", "tool", &ui.tool_present);
    dom::attr(&present, "data-tool", "present");
    {
        let present = present.clone();
        react::effect(move || dom::attr(&present, "href", &embed::present_path(lang, &step_id.get())));
    }
    dom::append(row, &present);
    let status_el = dom::el("span", "tool-status");
    dom::attr(&status_el, "role", "status");
    dom::attr(&status_el, "aria-live", "polite");
    {
        let status_el = status_el.clone();
        react::effect(move || status.with(|s| status_el.set_text_content(Some(s))));
    }
    dom::append(row, &status_el);
}
