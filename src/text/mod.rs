//! Text layer: tokens and sentences over UTF-8 byte offsets.
//!
//! Nothing here knows about entities or relations. Every span is a `start..end`
//! byte range into the original text, end exclusive.

mod sentences;
mod tokenizer;

pub use sentences::split_sentences;
pub use tokenizer::tokenize;

/// What a token is, as far as the tokenizer can tell without a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods ("U.S.", "al-Hassi").
    Word,
    /// Digits with inner separators or an ordinal suffix ("3.5", "1,000", "12th").
    Number,
    /// Punctuation: one token per mark, except runs like "..." or "--".
    Punct,
    /// Any other symbol ("$", "%", "€", emoji).
    Symbol,
    /// A web address ("https://example.org/a?b=c", "www.example.org").
    Url,
    /// An e-mail address.
    Email,
    /// A social-media handle or hashtag ("@UN", "#Libya").
    Handle,
}

/// One token: a byte span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
}

/// One sentence: its byte span and the range of token indices it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first token's start.
    pub start: usize,
    /// Byte offset of the last token's end.
    pub end: usize,
    /// Indices into the document's token list.
    pub tokens: std::ops::Range<usize>,
}

/// A text with its tokens and sentences: the input of every extractor.
#[derive(Clone, Debug)]
pub struct Document {
    /// The original text, never modified.
    pub text: String,
    /// Tokens in text order, non-overlapping.
    pub tokens: Vec<Token>,
    /// Sentences in text order, covering every token exactly once.
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Tokenizes and splits `text` into sentences.
    pub fn new(text: impl Into<String>) -> Document {
        let text = text.into();
        let tokens = tokenize(&text);
        let sentences = split_sentences(&text, &tokens);
        Document {
            text,
            tokens,
            sentences,
        }
    }

    /// A document from pre-tokenized words (a CoNLL sentence): the words joined by
    /// single spaces, one token per word, one sentence. Words containing
    /// whitespace are kept whole; empty words become a single space-free "_" so
    /// that token indices still line up with the input.
    pub fn from_words<S: AsRef<str>>(words: &[S]) -> Document {
        Document::from_sentences(std::slice::from_ref(&words))
    }

    /// A document from pre-tokenized sentences (a CoNLL document), each read as
    /// by [`Document::from_words`], sentences joined by a newline; empty
    /// sentences are skipped. Token `k` of sentence `s` is token
    /// `doc.sentences[s'].tokens.start + k`, where `s'` counts the non-empty
    /// sentences before.
    pub fn from_sentences<W: AsRef<[S]>, S: AsRef<str>>(sentences: &[W]) -> Document {
        let mut text = String::new();
        let mut tokens = Vec::new();
        let mut spans = Vec::with_capacity(sentences.len());
        for words in sentences {
            let words = words.as_ref();
            if words.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            let (first, start) = (tokens.len(), text.len());
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                let w = w.as_ref();
                let w = if w.is_empty() { "_" } else { w };
                let start = text.len();
                text.push_str(w);
                let kind = if w.chars().any(char::is_alphabetic) {
                    TokenKind::Word
                } else if w.chars().any(|c| c.is_ascii_digit()) {
                    TokenKind::Number
                } else {
                    TokenKind::Punct
                };
                tokens.push(Token {
                    start,
                    end: text.len(),
                    kind,
                });
            }
            spans.push(Sentence {
                start,
                end: text.len(),
                tokens: first..tokens.len(),
            });
        }
        Document {
            text,
            tokens,
            sentences: spans,
        }
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// Index of the sentence containing byte offset `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        (i < self.sentences.len() && self.sentences[i].start <= pos).then_some(i)
    }
}
