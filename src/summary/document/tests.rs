//! Tests of the documents of `report`.
