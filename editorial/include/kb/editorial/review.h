// Review queues: the flags kb-indexer puts on a document (terms schema::kPrefixReview + flag, and
// StoredDocument::review) so editors find what needs their eye, and the queue names the API and
// the /redactie page use.
#pragma once

#include <string_view>

namespace kb::editorial::review {

inline constexpr std::string_view kTitle = "title";                   // title looks badly extracted
inline constexpr std::string_view kDate = "date";                     // date missing or implausible
inline constexpr std::string_view kNoTheme = "no-theme";              // no theme after edits
inline constexpr std::string_view kNoRegion = "no-region";            // no gemeente or provincie
inline constexpr std::string_view kLowConfidence = "low-confidence";  // a tag to confirm
// BSNs or IBANs were masked (kb/extract/personal_data.h): an editor checks the document should
// be in the collection at all.
inline constexpr std::string_view kPersonalData = "personal-data";
// The fifth queue, "duplicates", comes from the store's duplicate candidates, not from a flag.
inline constexpr std::string_view kDuplicates = "duplicates";

inline constexpr std::string_view kFlags[] = {kTitle,    kDate,          kNoTheme,
                                              kNoRegion, kLowConfidence, kPersonalData};

// "low-confidence": a theme scoring below this, or a gemeente mentioned once, waits for an
// editor's confirmation. kb-indexer files a theme from 0.4; between the two it is a guess.
inline constexpr double kConfidentThemeScore = 0.55;

}  // namespace kb::editorial::review
