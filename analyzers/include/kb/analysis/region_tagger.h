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

#include <filesystem>
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

struct RegionResult {
  std::vector<GemeenteTag> gemeenten;  // most mentioned first, then by name
  std::vector<std::string>
      provincies;  // named directly or through a gemeente; most mentioned first
};

// Immutable after Load; Tag() is const and thread-safe. Cheap to copy (the data is shared).
class RegionTagger {
 public:
  // Reads the gazetteer (TSV). NotFound when the file cannot be opened; InvalidArgument naming the
  // file and line for a malformed line or an inconsistent code.
  static Result<RegionTagger> Load(const std::filesystem::path& gazetteer);

  RegionResult Tag(std::string_view text) const;

  // Every current gemeente, in gazetteer order.
  const std::vector<Gemeente>& gemeenten() const { return gemeenten_; }
  // Provincie names, in gazetteer order.
  std::vector<std::string> provincies() const;
  // Every name of every gemeente and provincie (see PlaceName).
  std::vector<PlaceName> names() const;

 private:
  std::vector<Gemeente> gemeenten_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const PhraseMatcher> matcher_;  // phrase id: index into gazetteer_->names()
};

}  // namespace kb::analysis
