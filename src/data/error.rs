use std::fmt;

/// What went wrong reading the bundled dataset, precise enough to fix the file:
/// which file, which data row (1 = first row after the header) and which column.
#[derive(Clone, Debug, PartialEq)]
pub struct DataError {
    pub file: String,
    pub row: Option<usize>,
    pub field: Option<String>,
    pub message: String,
    /// Why the file could not be read at all, where that is the error (a fetched file of the
    /// page: the page says it in the reader's language).
    pub unreadable: Option<crate::wire::Unreadable>,
}

impl DataError {
    pub fn new(file: &str, row: Option<usize>, field: Option<&str>, message: impl Into<String>) -> Self {
        DataError {
            file: file.to_string(),
            row,
            field: field.map(str::to_string),
            message: message.into(),
            unreadable: None,
        }
    }

    /// `file` cannot be read as the kind of file it should be.
    pub fn unreadable(file: &str, why: crate::wire::Unreadable) -> Self {
        DataError { unreadable: Some(why), ..DataError::new(file, None, None, why.to_string()) }
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.field {
            write!(f, ", field “{c}”")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DataError {}
