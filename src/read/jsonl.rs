//! JSON lines: one object per line, of which we keep three fields.

use std::fmt;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::{decode, display, io_error, open, ReadOptions, Record, KEEP_BUFFER};
use crate::error::{Error, Result};

/// An open JSON lines file.
pub(super) struct Lines {
    path: PathBuf,
    input: Box<dyn BufRead + Send>,
    buf: Vec<u8>,
    /// Lines read so far, and bytes (of the decompressed stream).
    line: u64,
    byte: u64,
}

impl Lines {
    pub(super) fn open(path: &Path) -> Result<Lines> {
        Ok(Lines {
            path: path.to_owned(),
            input: open(path)?,
            buf: Vec::new(),
            line: 0,
            byte: 0,
        })
    }

    /// The next record; blank lines are skipped.
    pub(super) fn next(
        &mut self,
        options: &ReadOptions,
        replaced: &mut Vec<String>,
    ) -> Result<Option<Record>> {
        loop {
            if self.buf.capacity() > KEEP_BUFFER {
                self.buf = Vec::new();
            }
            self.buf.clear();
            let n = self
                .input
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| io_error(&self.path, e))?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            let start = self.byte;
            self.byte += n as u64;
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line = self.line;
            let text = decode(
                &self.buf,
                line == 1,
                options.errors,
                &self.path,
                |offset| (Some(line), start + offset as u64),
                replaced,
            )?;
            return parse(&text, options, &self.path, line).map(Some);
        }
    }
}

/// One line's record.
fn parse(line_text: &str, options: &ReadOptions, path: &Path, line: u64) -> Result<Record> {
    let bad = |message: String| Error::Read {
        path: display(path),
        line: Some(line),
        message,
    };
    let wanted = Wanted {
        text: &options.text,
        id: options.id.name(),
        date: options.date.name(),
    };
    let mut de = serde_json::Deserializer::from_str(line_text);
    let fields = wanted
        .deserialize(&mut de)
        .and_then(|f| de.end().map(|()| f))
        .map_err(|e| bad(format!("not a JSON object: {e}")))?;
    let missing = |name: &str| {
        bad(format!(
            "no field \"{name}\" in this record; name the field with {}",
            match name {
                n if n == options.text => "text=...",
                n if n == options.id.name() => "id=...",
                _ => "date=...",
            }
        ))
    };
    let text = match fields.text {
        Some(text) => text.unwrap_or_default(),
        None => return Err(missing(&options.text)),
    };
    let id = match fields.id {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None if options.id.required() => {
            return Err(missing(options.id.name()))
        }
        Some(Value::Null) | None => format!("{}:{line}", display(path)),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
        Some(other) => {
            return Err(bad(format!(
                "field \"{}\" must be a string or a number, got {other}",
                options.id.name()
            )))
        }
    };
    let date = match fields.date {
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(s),
        // A null date is present, and unknown.
        None if options.date.required() => return Err(missing(options.date.name())),
        Some(Value::Null) | None => None,
        Some(other) => {
            return Err(bad(format!(
                "field \"{}\" must be a string (an ISO date) or null, got {other}",
                options.date.name()
            )))
        }
    };
    Ok(Record { text, id, date })
}

/// The fields to keep, by name: a `DeserializeSeed` so that other fields are
/// skipped without being built (`IgnoredAny`), however large.
struct Wanted<'a> {
    text: &'a str,
    id: &'a str,
    date: &'a str,
}

/// What was found: `Some(None)` is a null text.
#[derive(Default)]
struct Found {
    text: Option<Option<String>>,
    id: Option<Value>,
    date: Option<Value>,
}

enum Key {
    Text,
    Id,
    Date,
    Other,
}

/// Compares a key with the wanted names without allocating it.
struct KeySeed<'a>(&'a Wanted<'a>);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> std::result::Result<Key, E> {
        let w = self.0;
        Ok(if key == w.text {
            Key::Text
        } else if key == w.id {
            Key::Id
        } else if key == w.date {
            Key::Date
        } else {
            Key::Other
        })
    }
}

impl<'de> DeserializeSeed<'de> for Wanted<'_> {
    type Value = Found;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Found, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Wanted<'_> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Found, A::Error> {
        let mut found = Found::default();
        while let Some(key) = map.next_key_seed(KeySeed(&self))? {
            match key {
                Key::Text => {
                    let text = map
                        .next_value::<Option<String>>()
                        .map_err(|e| de::Error::custom(format!("field \"{}\": {e}", self.text)))?;
                    found.text = Some(text);
                }
                Key::Id => found.id = Some(map.next_value()?),
                Key::Date => found.date = Some(map.next_value()?),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}
