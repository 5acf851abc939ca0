// Review flags: which of the editors' queues (kb/editorial/review.h) a document belongs in.
//
// Title ("title") looks badly extracted when it
//   - is empty, has fewer than 3 letters, or is longer than 200 characters;
//   - is mostly digits and punctuation (fewer letters than other visible characters);
//   - starts with an application's name ("Microsoft Word - ...", "Microsoft PowerPoint - ...");
//   - ends in a file extension (".pdf", ".docx", ".md", ...);
//   - looks like a file name: no space but an underscore, or two or more hyphens
//     ("Toelichting-overeenkomst-contractstandaarden-Wmo");
//   - is in capitals only (at least 4 letters, none lower case: "STAATSCOURANT", a running head);
//   - is only a date ("30 september 2021");
//   - is a generic word ("Inhoud", "Inhoudsopgave", "Untitled", "Naamloos", "Document",
//     "Presentatie", "Vertrouwelijk", "Voorblad", "Colofon", ...) or a saved web page's navigation
//     ("Inloggen", "Menu", ...), a trailing number ignored.
// Date ("date"): none, unparsable, before 1900 or after next year.
// No theme ("no-theme") / no region ("no-region"): none after the edits, unless the editor removed
// some (then "none" is the editor's answer).
// Low confidence ("low-confidence"): a theme with score below kConfidentThemeScore or a gemeente
// mentioned only once, which an editor has neither confirmed nor removed.
// Personal data ("personal-data"): the privacy guard masked BSNs or IBANs in the text
// (StoredDocument::personal_data_count and _pages say how many and where).
// An override answers its flags: a title set by an editor clears "title", a date (even an empty
// one) clears "date". Hidden documents are in no queue.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/core/stored_document.h"
#include "kb/editorial/override.h"
#include "kb/editorial/review.h"

namespace kb::index {

using editorial::review::kConfidentThemeScore;

bool TitleLooksBad(std::string_view title);
// `current_year`: dates after current_year + 1 are implausible.
bool DateLooksBad(const std::string& date, int current_year);

// The flags of `doc` (after the edits in `override` were applied to it), in review::kFlags order.
std::vector<std::string> ReviewFlags(const StoredDocument& doc, const editorial::Override& override,
                                     int current_year);

// The current calendar year (UTC).
int CurrentYear();

}  // namespace kb::index
