//! Reading the data files (municipal policies, legal parameters): TOML as people write it, or
//! the JSON that `build.rs` makes of it, into serde types; every failure says where (file and
//! line, when there is one), what is wrong, and how to fix it.

use serde::de::DeserializeOwned;

/// A data file that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataFileError {
    pub file: String,
    /// 1-based line, when the problem has one place in the file.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for DataFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for DataFileError {}

impl DataFileError {
    /// An error found after parsing; `anchor` is text whose first place in `text` gives the line.
    pub fn at(file: &str, text: &str, anchor: Option<&str>, message: String) -> DataFileError {
        let line = anchor.and_then(|anchor| text.find(anchor)).map(|offset| line_of(text, offset));
        DataFileError { file: file.to_owned(), line, message }
    }
}

pub fn parse_toml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DataFileError> {
    toml::from_str(text).map_err(|error| DataFileError {
        file: file.to_owned(),
        line: error.span().map(|span| line_of(text, span.start)),
        message: error.message().to_owned(),
    })
}

pub fn parse_json<T: DeserializeOwned>(file: &str, json: &str) -> Result<T, DataFileError> {
    serde_json::from_str(json).map_err(|error| DataFileError {
        file: file.to_owned(),
        line: None,
        message: error.to_string(),
    })
}

pub fn line_of(text: &str, byte_offset: usize) -> usize {
    text[..byte_offset.min(text.len())].matches('\n').count() + 1
}
