// Gazetteer: the places of corpus/gazetteer.tsv (the file's header documents the columns), read
// into gemeenten, provincies and the names that refer to them.
//
// A folded name that refers to exactly one gemeente and one provincie (Utrecht, Groningen) is kept
// as one shared name; the region tagger decides per mention which one is meant. A folded name that
// refers to two gemeenten or two provincies is ambiguous and dropped (listed in ambiguous()).
//
// Immutable after Load; safe to read from several threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kb/core/status.h"

namespace kb::analysis {

struct GazetteerGemeente {
  std::string code;             // "GM0106"
  std::string name;             // official name
  std::uint32_t provincie = 0;  // index into Gazetteer::provincies()
  // Flag "seat" on its gemeente line: the seat of government ('s-Gravenhage), which texts name
  // for the national government and its institutions ("de coalitie in Den Haag").
  bool seat_of_government = false;
};

struct GazetteerProvincie {
  std::string code;  // "PV22"
  std::string name;  // official name, "Drenthe"
};

struct GazetteerName {
  std::vector<std::string> words;          // folded word sequence
  std::optional<std::uint32_t> gemeente;   // index into gemeenten()
  std::optional<std::uint32_t> provincie;  // index into provincies(); both set for shared names
  bool is_word = false;                    // flag "word": needs context
};

class Gazetteer {
 public:
  // NotFound when the file cannot be opened; InvalidArgument naming file and line for a malformed
  // line, an unknown code, a gemeente without a known provincie, or a code without its official
  // line.
  static Result<Gazetteer> Load(const std::filesystem::path& tsv);

  const std::vector<GazetteerGemeente>& gemeenten() const { return gemeenten_; }
  const std::vector<GazetteerProvincie>& provincies() const { return provincies_; }
  const std::vector<GazetteerName>& names() const { return names_; }
  const std::vector<std::string>& ambiguous() const { return ambiguous_; }

 private:
  std::vector<GazetteerGemeente> gemeenten_;
  std::vector<GazetteerProvincie> provincies_;
  std::vector<GazetteerName> names_;
  std::vector<std::string> ambiguous_;  // folded names dropped because they name two places
};

}  // namespace kb::analysis
