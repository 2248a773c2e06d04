//! A gazetteer on its own: the matcher the pipeline's gazetteer source runs,
//! for callers that only need alias matching (and for benchmarks against
//! other matchers).

use pyo3::prelude::*;

use super::errors::core_call;
use super::offsets::to_code_points;
use super::pipeline::build_gazetteer;

/// A compiled gazetteer of `(id, label, canonical, alias, case_sensitive)`
/// entries. Immutable; matching releases the GIL.
#[pyclass(frozen, module = "actorgraph._core")]
pub struct Gazetteer {
    core: crate::extract::Gazetteer,
}

#[pymethods]
impl Gazetteer {
    #[new]
    fn new(py: Python<'_>, entries: Vec<(String, String, String, String, bool)>) -> PyResult<Self> {
        let (core, _) = core_call(py, || build_gazetteer(None, entries))?;
        Ok(Gazetteer { core })
    }

    fn __len__(&self) -> usize {
        self.core.len()
    }

    /// Whole-word matches in `text`, leftmost-longest and non-overlapping:
    /// `(start, end, label, id)` with code-point offsets.
    fn find(&self, py: Python<'_>, text: &str) -> PyResult<Vec<(usize, usize, String, String)>> {
        let core = &self.core;
        core_call(py, || {
            let found = core.find_all(text);
            let mut offsets: Vec<usize> = found.iter().flat_map(|m| [m.start, m.end]).collect();
            to_code_points(text, &mut offsets);
            Ok(found
                .iter()
                .zip(offsets.chunks_exact(2))
                .filter_map(|(m, p)| {
                    let (kb, label, _) = core.entry(m.entry)?;
                    Some((p[0], p[1], label.to_string(), kb.id.to_string()))
                })
                .collect())
        })
    }
}
