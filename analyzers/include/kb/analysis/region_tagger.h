// RegionTagger: which gemeenten and provincies a text is about, from corpus/gazetteer.tsv.
//
// Names are matched as folded word sequences (case, diacritics and punctuation ignored, longest
// name first: "Bergen op Zoom" before "Bergen"), then each mention must pass these rules:
//  1. Capital: the first significant word of the name (not "de", "den", "het", "'s", "van", "aan",
//     "op", "en") starts with a capital in the text. "in best veel gevallen" is no mention.
//  2. Hyphen joins: a name glued by a hyphen to another word is part of a different name
//     ("Ede-Wageningen", "Nieuw-Zeeland") and does not count, except after a compass word
//     ("Oost-Groningen", "Noord-Limburg") or before a district word ("Amsterdam-Noord",
//     "Groningen-Stad").
//  3. Foreign regions: a name after "Belgisch(e)", "Vlaams(e)" or "Duits(e)" does not count
//     ("Belgisch Limburg").
//  4. Word names (flag "word" in the gazetteer: Best, Putten, Sluis, Buren, Goes, Ede, Leiden, ...)
//     count after a cue word ("gemeente", "in", "te", "uit", "naar", "bij", "regio", "stad", "van",
//     ...), or when capitalised in mid-sentence outside a run of capitalised words (so not in
//     "Best Practices" or "Martin Van Buren", nor as the first word of a sentence or heading), or
//     when listed next to another accepted place ("Delft, Leiden en Gouda").
//  5. Shared names (Utrecht, Groningen: a gemeente and a provincie) mean the provincie after
//     "provincie(s)" or "Staten van", after a compass word ("Oost-Groningen"), or when listed next
//     to another provincie ("Groningen, Fryslân en Drenthe"); otherwise the city, as in "de stad
//     Groningen", "gemeente Utrecht" or "Universiteit Utrecht".
//  6. A former gemeente (merged away, e.g. "Haren" 2019) counts for its successor ("Groningen").
// A gemeente brings its provincie along: RegionResult.provincies holds provincies named directly
// and those of the gemeenten found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/core/stored_document.h"

namespace kb::analysis {

class Gazetteer;
class PhraseMatcher;

struct Gemeente {
  std::string code;       // CBS code "GM0106"
  std::string name;       // official name
  std::string provincie;  // provincie name
};

// A name by which a filter may name a place: official names, aliases ("Den Haag",
// "Friesland") and former gemeenten (the successor is meant). Names that are ambiguous in the
// gazetteer are left out.
struct PlaceName {
  std::string name;           // folded words joined by spaces, e.g. "den haag"
  std::string gemeente_code;  // "GM0518", or empty
  std::string provincie;      // official provincie name when the name names a provincie, or empty
};

// A place named in a search query ("eenzaamheid ouderen Drenthe"), see RegionTagger::TagQuery.
struct QueryPlace {
  std::size_t begin = 0;       // byte offsets of the name in the query, with a cue word before it
  std::size_t end = 0;         // ("provincie Groningen", "gemeente Best")
  std::size_t name_begin = 0;  // the name's first byte
  std::string gemeente_code;   // "GM0106" when a gemeente is meant (a former one: its successor)
  std::string gemeente;        // its current official name
  std::string provincie;       // the provincie meant, or the gemeente's provincie
};

struct RegionResult {
  std::vector<GemeenteTag> gemeenten;  // most mentioned first, then by name
  std::vector<std::string>
      provincies;  // named directly or through a gemeente; most mentioned first
};

// RegionTagger::TagDocument's thresholds.
inline constexpr double kAboutShare = 0.2;
inline constexpr std::size_t kNationalProvincies = 6;
inline constexpr int kManyMentions = 3;
inline constexpr std::size_t kLeadWords = 50;
inline constexpr std::size_t kMaxLeadPlaces = 6;
inline constexpr int kLeadDominance = 3;
inline constexpr std::size_t kSoleDensityWords = 1000;

// Immutable after Load; Tag() is const and thread-safe. Cheap to copy (the data is shared).
class RegionTagger {
 public:
  // Reads the gazetteer (TSV). NotFound when the file cannot be opened; InvalidArgument naming the
  // file and line for a malformed line or an inconsistent code.
  static Result<RegionTagger> Load(const std::filesystem::path& gazetteer);

  // Every place `text` mentions (sentence-level tagging, rules 1-6).
  RegionResult Tag(std::string_view text) const;

  // The places a document is about, which is less than every place it mentions (a national
  // report names many gemeenten in passing; a law is signed in Den Haag). Every place its title
  // names, and the places of its text that pass two stages (region_aboutness.cpp):
  //  1. A mention of the text counts only where the text talks about the place. Not:
  //     - an organisation named after a place, where authors work or a regional body acts
  //       ("Hogeschool Utrecht", "GGD Fryslân", "Haven van Rotterdam", "Tilburg University");
  //     - an address ("2500 EJ Den Haag");
  //     - a reference: in a bibliography, in a line that cites ("(2019)", "et al.", a URL), or a
  //       publisher's place ("Utrecht: Nibud");
  //     - the seat of government (gazetteer flag "seat") near words on the national government
  //       ("de coalitie in Den Haag", "Haagse bronnen"), unless written "gemeente Den Haag";
  //     - an example ("zoals Amsterdam en Rotterdam", "een stad als Utrecht");
  //     - a name the text also uses as a person's family name ("Reinier van Zutphen" ... "Van
  //       Zutphen wil").
  //     A dateline ("Den Haag, 12 mei 2023", "NIJMEGEN - ") counts only for a place the text
  //     names elsewhere too.
  //  2. A place of the text is kept when
  //     - it is named in the lead (the first kLeadWords words), the lead names at most
  //       kMaxLeadPlaces places of its kind and no place of its kind has kLeadDominance times
  //       its mentions; not in a national text, nor, for a place named once, in a text on
  //       national politics (kabinet, Kamer, minister);
  //     - or it has kAboutShare of the text's mentions of places of its kind and of the country
  //       ("Nederland", "landelijk"), and it is the only such place, named twice and once per
  //       kSoleDensityWords words, or it is named kManyMentions times, or twice with one in the
  //       opening (the first fifth or first 300 words).
  //     A text naming kNationalProvincies or more provincies is national: no provincie of its
  //     text is kept, and a gemeente's share counts the provincies' mentions too.
  // The provincies of the gemeenten kept are added. GemeenteTag::mentions counts the title's
  // mentions and the text's counting ones.
  RegionResult TagDocument(std::string_view title, std::string_view text) const;

  // The places a search query names. Queries are typed in lower case, so names are matched
  // without rule 1's capital, except names that are also ordinary words (rule 4's "word"
  // names: "best", "putten", "sluis"): they count only when capitalised outside a run of
  // capitalised words ("jeugdhulp Best", not "Best Practices") or after a cue word ("gemeente
  // best", "in putten"). A shared name (Groningen, Utrecht) means the provincie after
  // "provincie", else the gemeente. Hyphen joins follow rule 2 ("ede-wageningen" is no place).
  std::vector<QueryPlace> TagQuery(std::string_view query) const;

  // Every current gemeente, in gazetteer order.
  const std::vector<Gemeente>& gemeenten() const { return gemeenten_; }
  // Provincie names, in gazetteer order.
  std::vector<std::string> provincies() const;
  // Every name of every gemeente and provincie (see PlaceName).
  std::vector<PlaceName> names() const;

 private:
  RegionResult ToResult(const std::map<std::uint32_t, int>& gemeente_mentions,
                        const std::map<std::uint32_t, int>& provincie_mentions) const;

  std::vector<Gemeente> gemeenten_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const PhraseMatcher> matcher_;  // phrase id: index into gazetteer_->names()
};

}  // namespace kb::analysis
