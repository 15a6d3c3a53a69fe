//! `check`: read returned workbooks and collect every problem, with feedback workbooks optionally.
