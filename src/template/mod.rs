//! Department workbooks for a reporting year: the layout contract and the template writer.

pub mod layout;
pub mod previous;
pub mod set;
pub mod writer;
