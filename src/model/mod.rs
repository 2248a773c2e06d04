//! What every trained model shares: sparse weight tables and the model file
//! container.

pub(crate) mod averaged;
pub(crate) mod calibration;
pub(crate) mod file;
pub(crate) mod weights;
