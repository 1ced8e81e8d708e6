//! English: sending a file from the page.

use crate::i18n::uploads::UploadStrings;

pub static EN_UPLOADS: UploadStrings = UploadStrings {
    uploading: |p| format!("Uploading… {p}%"),
    too_large: |max_mb| {
        format!("The file is too large: it must be {max_mb} MB or smaller. A photo of a page, or a PDF saved at a lower quality, is usually small enough.")
    },
};
