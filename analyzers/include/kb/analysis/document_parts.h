// Parts of a document's text that are not its own content, found by their headings: what the
// region tagger and the indexer's metadata rules must not read as what a document says.
#pragma once

#include <cstddef>
#include <string_view>

namespace kb::analysis {

// Where the bibliography of `text` starts: the first line in the text's second half that is only
// a bibliography heading ("Literatuur", "## Bronnen", "7. Referenties:", "Voetnoten"), as a byte
// offset into `text`; std::string_view::npos when there is none.
std::size_t BibliographyStart(std::string_view text);

}  // namespace kb::analysis
