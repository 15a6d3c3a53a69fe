//! A1 cell references: the numbers intake works with (0-based row, column) and the `H7` people read,
//! converted here only, at the edges (diagnostics, workbooks written, the store's cell column).

/// `H7` for 0-based (6, 7).
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col as u64 + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        letters.into_iter().collect::<String>(),
        row as u64 + 1
    )
}

/// `H7` → 0-based (6, 7); `None` for anything that is not an A1 reference.
pub fn parse_cell_name(name: &str) -> Option<(u32, u32)> {
    let letters: String = name
        .chars()
        .take_while(|c| c.is_ascii_uppercase())
        .collect();
    let digits = &name[letters.len()..];
    if letters.is_empty()
        || letters.len() > 3
        || digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + (b - b'A' + 1) as u32)
        - 1;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col))
}
