//! Kiswahili: sending a file from the page.

use crate::i18n::uploads::UploadStrings;

pub static SW_UPLOADS: UploadStrings = UploadStrings {
    uploading: |p| format!("Inapakia… {p}%"),
    too_large: |max_mb| {
        format!("Faili ni kubwa mno: lazima liwe MB {max_mb} au chini. Picha ya ukurasa, au PDF iliyohifadhiwa kwa ubora wa chini, kwa kawaida inatosha.")
    },
};
