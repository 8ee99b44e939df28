//! Writing HTML by hand, safely: every piece of content goes through `esc`, so nothing in the
//! story or the data can become markup.

use std::fmt::Write;

/// Text or an attribute value, escaped for HTML (`&`, `<`, `>`, `"`, `'`).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A data table with its caption, in a labelled scroll region keyboard users can reach.
pub fn table(out: &mut String, caption: &str, columns: &[String], rows: &[Vec<String>]) {
    let _ = write!(
        out,
        r#"<div class="table-wrap" tabindex="0" role="region" aria-label="{}"><table><caption>{}</caption><thead><tr>"#,
        esc(caption),
        esc(caption)
    );
    for c in columns {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, esc(c));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_content_stays_text() {
        assert_eq!(
            esc(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
    }

    #[test]
    fn tables_escape_every_cell() {
        let mut out = String::new();
        table(&mut out, "c<", &["a&".into()], &[vec!["<b>".into()]]);
        assert!(out.contains("<th scope=\"col\">a&amp;</th>") && out.contains("<td>&lt;b&gt;</td>"));
        assert!(!out.contains("<b>"));
    }
}
