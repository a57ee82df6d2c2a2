//! PDF: the text layer, page by page (pdf-extract), then the same cleaning as plain text.

/// Text of each page. A PDF without a text layer (a scan) gives pages of nothing, which the
/// caller reports; pdf-extract panics on some malformed files, and that becomes an error too.
pub fn pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    match result {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the PDF reader could not make sense of this file".to_string()),
    }
}
