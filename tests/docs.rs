//! The README documents every diagnostic code by its stable id and name.

use planeval::Code;

#[test]
fn readme_lists_every_diagnostic_code() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for code in Code::ALL {
        let row = format!("| {} | {} |", code.id(), code.name());
        assert!(
            readme.contains(&row),
            "README lacks the row for {} ({})",
            code.id(),
            code.name()
        );
    }
}
