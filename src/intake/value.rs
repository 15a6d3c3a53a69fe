//! Value parsing (work in progress by a helper).
