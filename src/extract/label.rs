//! Entity labels: re3d's types as a cheap enum, with room for a model's own.

use std::fmt;
use std::sync::Arc;

/// An entity type. The named variants are re3d's types, the default scheme;
/// [`Label::Other`] carries any other name (a model trained on CoNLL's PER/ORG,
/// a user's gazetteer with "Ship").
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Label {
    Person,
    Organisation,
    Location,
    Nationality,
    Temporal,
    Money,
    Quantity,
    Weapon,
    MilitaryPlatform,
    Vehicle,
    CommsIdentifier,
    DocumentReference,
    Frequency,
    Url,
    /// A label outside re3d's scheme.
    Other(Arc<str>),
}

const NAMED: [(Label, &str); 14] = [
    (Label::Person, "Person"),
    (Label::Organisation, "Organisation"),
    (Label::Location, "Location"),
    (Label::Nationality, "Nationality"),
    (Label::Temporal, "Temporal"),
    (Label::Money, "Money"),
    (Label::Quantity, "Quantity"),
    (Label::Weapon, "Weapon"),
    (Label::MilitaryPlatform, "MilitaryPlatform"),
    (Label::Vehicle, "Vehicle"),
    (Label::CommsIdentifier, "CommsIdentifier"),
    (Label::DocumentReference, "DocumentReference"),
    (Label::Frequency, "Frequency"),
    (Label::Url, "Url"),
];

impl Label {
    /// The label's name, e.g. `"Organisation"`.
    pub fn as_str(&self) -> &str {
        match self {
            Label::Other(name) => name,
            named => NAMED
                .iter()
                .find(|(l, _)| l == named)
                .map(|(_, s)| *s)
                .unwrap_or(""),
        }
    }

    /// The re3d type called exactly `name` (`"Person"`, `"Url"`...), or `None`
    /// for any other name.
    pub fn re3d(name: &str) -> Option<Label> {
        NAMED
            .iter()
            .find(|(_, s)| *s == name)
            .map(|(l, _)| l.clone())
    }

    /// The names of re3d's types, in the order of the enum.
    pub fn re3d_names() -> impl Iterator<Item = &'static str> {
        NAMED.iter().map(|(_, s)| *s)
    }

    /// The label called `name`: a named variant when it is one of re3d's types,
    /// else [`Label::Other`]. Empty names are refused.
    pub fn parse(name: &str) -> Option<Label> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        Some(
            NAMED
                .iter()
                .find(|(_, s)| *s == name)
                .map(|(l, _)| l.clone())
                .unwrap_or_else(|| Label::Other(Arc::from(name))),
        )
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for (label, name) in NAMED.iter() {
            assert_eq!(label.as_str(), *name);
            assert_eq!(Label::parse(name).as_ref(), Some(label));
        }
        assert_eq!(
            Label::parse(" Ship ").map(|l| l.to_string()),
            Some("Ship".into())
        );
        assert_eq!(Label::parse("  "), None);
        assert_eq!(Label::re3d("Person"), Some(Label::Person));
        assert_eq!(Label::re3d("Ship"), None);
        assert_eq!(Label::re3d("person"), None);
        assert_eq!(Label::re3d_names().count(), 14);
    }
}
