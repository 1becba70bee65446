//! The one error type of the core.
//!
//! Every fallible core function returns [`Result`]. The error is opaque: callers look
//! at its [`ErrorKind`] and its message, and the Python layer maps each kind to one
//! exception class in one place (`src/python/errors.rs`).

use std::fmt;

/// What went wrong, in the terms a user can act on.
///
/// ```
/// use namedrop::{Error, ErrorKind};
/// let err = Error::gazetteer("duplicate id \"obama\"").at("people.csv", Some(3));
/// assert_eq!(err.kind(), ErrorKind::Gazetteer);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A gazetteer definition is invalid: duplicate id, empty alias, bad row, bad file.
    Gazetteer,
    /// Input text or an option is invalid (for example an unknown `case` mode).
    Input,
    /// A file could not be read or written.
    Io,
}

/// The core's error: a kind, a message, and where in a file the problem is.
///
/// The message always names the problem; when it comes from a file, the display form
/// starts with the path and, when known, the line number (`people.csv:3: ...`).
///
/// ```
/// use namedrop::Error;
/// let err = Error::gazetteer("alias is empty").at("people.csv", Some(7));
/// assert_eq!(err.to_string(), "people.csv:7: alias is empty");
/// assert_eq!(err.line(), Some(7));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    path: Option<String>,
    line: Option<u64>,
}

/// The result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            path: None,
            line: None,
        }
    }

    /// An invalid gazetteer definition.
    ///
    /// ```
    /// let err = namedrop::Error::gazetteer("duplicate id \"x\"");
    /// assert_eq!(err.message(), "duplicate id \"x\"");
    /// ```
    pub fn gazetteer(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Gazetteer, message)
    }

    /// Invalid input text or options.
    ///
    /// ```
    /// let err = namedrop::Error::input("unknown case mode \"loud\"");
    /// assert_eq!(err.kind(), namedrop::ErrorKind::Input);
    /// ```
    pub fn input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Input, message)
    }

    /// A failed read or write, with the path it concerns.
    ///
    /// ```
    /// let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
    /// let err = namedrop::Error::io("g.ndg", &io);
    /// assert_eq!(err.to_string(), "g.ndg: no such file");
    /// ```
    pub fn io(path: impl Into<String>, err: &std::io::Error) -> Self {
        Self::new(ErrorKind::Io, err.to_string()).at(path, None)
    }

    /// Attaches the file (and line) the problem was found in.
    ///
    /// ```
    /// let err = namedrop::Error::gazetteer("missing column \"name\"").at("g.csv", None);
    /// assert_eq!(err.to_string(), "g.csv: missing column \"name\"");
    /// ```
    pub fn at(mut self, path: impl Into<String>, line: Option<u64>) -> Self {
        self.path = Some(path.into());
        self.line = line;
        self
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The problem, without the file location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The file the problem was found in, if any.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The 1-based line of the file, if known.
    pub fn line(&self) -> Option<u64> {
        self.line
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(path), Some(line)) => write!(f, "{path}:{line}: {}", self.message),
            (Some(path), None) => write!(f, "{path}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let err = Error::gazetteer("bad row").at("a.jsonl", Some(12));
        assert_eq!(err.to_string(), "a.jsonl:12: bad row");
        assert_eq!(err.path(), Some("a.jsonl"));
        assert_eq!(Error::input("x").to_string(), "x");
    }
}
