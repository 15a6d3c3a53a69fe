//! File sniffing (work in progress by a helper).
