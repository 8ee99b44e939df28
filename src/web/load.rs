//! Fetches the dataset files and the map geometry that `dist/` serves next to the page.

use crate::data::{DataError, Dataset, FILES};
use crate::maps::{Geo, GEO_FILE};
use gloo::net::http::Request;

async fn fetch_text(path: &str) -> Result<String, DataError> {
    let resp = Request::get(path).send().await.map_err(|e| DataError::new(path, None, None, format!("could not be fetched ({e})")))?;
    if !resp.ok() {
        return Err(DataError::new(path.trim_start_matches("data/"), None, None, format!("the file is missing (HTTP {})", resp.status())));
    }
    resp.text().await.map_err(|e| DataError::new(path, None, None, e.to_string()))
}

pub async fn dataset() -> Result<Dataset, DataError> {
    let fetches = FILES.iter().map(|f| fetch_text_named(f));
    let texts = futures::future::join_all(fetches).await;
    let mut files = Vec::new();
    for (name, text) in FILES.iter().zip(texts) {
        files.push((*name, text?));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Dataset::parse(&refs)
}

async fn fetch_text_named(file: &str) -> Result<String, DataError> {
    fetch_text(&format!("data/{file}")).await.map_err(|mut e| {
        e.file = file.to_string();
        e
    })
}

pub async fn geo() -> Result<Geo, DataError> {
    let text = fetch_text(GEO_FILE).await?;
    Geo::parse(&text)
}
