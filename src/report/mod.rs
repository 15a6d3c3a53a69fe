//! Reports people read: feedback workbooks for departments (and, later, the evaluation workbooks).

pub mod feedback;
