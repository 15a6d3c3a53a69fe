//! `evaluate`: gather what a stage of an area reads from the store (and its children), score it, write its outputs.
