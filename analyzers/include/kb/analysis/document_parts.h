// Parts of a document's text, found by their headings: what is not its own content (a table of
// contents, a colophon, the bibliography: what the region tagger, the metadata rules and the
// passage index must not read as what a document says), and the sections and passages that are.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kb::analysis {

// Where the bibliography of `text` starts: the first line in the text's second half that is only
// a bibliography heading ("Literatuur", "## Bronnen", "7. Referenties:", "Voetnoten"), as a byte
// offset into `text`; std::string_view::npos when there is none.
std::size_t BibliographyStart(std::string_view text);

// What a section contributes, told from its heading.
enum class SectionRole {
  kFindings,  // samenvatting, conclusies, aanbevelingen, resultaten, bevindingen, discussie, lessen
  kBody,      // any other chapter, and text before the first heading
  kAppendix,  // bijlage(n): content, but rarely the answer
  kNoContent,  // inhoudsopgave, colofon, literatuur, noten, afkortingen: never a passage
};

// "findings", "body", "appendix", "none": the role's name in stored passages and the API.
std::string_view SectionRoleName(SectionRole role);
// The role of a section with this heading ("3.2 Conclusies en aanbevelingen" -> kFindings).
SectionRole RoleOfHeading(std::string_view heading);

// A few sentences of one page of one section: the unit a finding is cited by.
struct Passage {
  int page = 1;  // 1-based
  std::string
      section;  // the heading it stands under, as written ("9.4 Relatie tot ..."); may be ""
  SectionRole role = SectionRole::kBody;
  std::string text;  // its sentences, white space collapsed
};

// The passages of a document's pages, in order, none from a kNoContent section or a page that is
// a table of contents. Headings are lines that are numbered ("3.2 Conclusies", "3.2" on a line
// of its own before the heading, "Hoofdstuk 3", "Artikel 4"), name a known section
// ("Samenvatting", "Bijlage 2: ..."), or stand alone between blank lines before a paragraph; a
// heading holds across pages until the next one. A passage holds whole sentences, about
// kPassageWords words, cut inside a sentence only when one sentence runs past three times that.
// Measured on tests/passages/questions.tsv (BENCHMARKS.md §7): 100 words found the answer page in
// the top 5 for 0.642 of the questions, 60 words for 0.623, 160 for 0.585.
inline constexpr std::size_t kPassageWords = 100;
std::vector<Passage> SplitPassages(const std::vector<std::string>& pages);

}  // namespace kb::analysis
