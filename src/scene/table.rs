//! The data behind a graphic's current state: shown as the "show the data" table and
//! offered as the CSV download. Every row names its source and status.

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(caption: impl Into<String>, columns: &[&str]) -> Self {
        Table { caption: caption.into(), columns: columns.iter().map(|c| c.to_string()).collect(), rows: Vec::new() }
    }
    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.rows.push(cells);
    }
    /// RFC 4180 CSV: fields with commas, quotes or newlines are quoted.
    pub fn to_csv(&self) -> String {
        fn field(s: &str) -> String {
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        }
        let mut out = String::new();
        for line in std::iter::once(&self.columns).chain(self.rows.iter()) {
            out.push_str(&line.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn csv_quotes_what_needs_quoting() {
        let mut t = Table::new("x", &["year", "source"]);
        t.row(vec!["2023".into(), "China customs, annual \"release\"".into()]);
        assert_eq!(t.to_csv(), "year,source\r\n2023,\"China customs, annual \"\"release\"\"\"\r\n");
    }
}
