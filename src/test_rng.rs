//! Deterministic random numbers for the unit tests' generated inputs.

/// Marsaglia's xorshift64 from `seed` (not zero): the same sequence on every run
/// and platform, with no dependency.
pub(crate) fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}
