// Override: one document's corrections by an editor, and its JSON shape (the HTTP API's PUT body
// and the export's).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"

namespace kb::editorial {

// An unset optional keeps the machine's value; a set one replaces it (an empty date clears the
// date).
struct Override {
  std::optional<std::string> title;         // never set to empty
  std::optional<std::string> date;          // "YYYY-MM-DD", "YYYY-MM", "YYYY" or ""
  std::optional<std::string> kind;          // one of schema::kKinds
  std::optional<std::string> evidence;      // one of schema::kEvidenceTypes
  std::optional<std::string> organisation;  // publishing organisation or author
  std::vector<std::string> themes_added;    // theme slugs
  std::vector<std::string> themes_removed;
  std::vector<std::string> themes_confirmed;  // machine tags an editor confirmed
  std::vector<std::string> gemeenten_added;   // CBS codes, e.g. "GM0106"
  std::vector<std::string> gemeenten_removed;
  std::vector<std::string> gemeenten_confirmed;
  std::vector<std::string> provincies_added;  // provincie names, e.g. "Drenthe"
  std::vector<std::string> provincies_removed;
  bool hidden = false;

  bool empty() const;
  // The JSON shape the HTTP API and the export use: unset optionals are left out, every list
  // and "hidden" are always present.
  std::string ToJson() const;
  // Strict: an unknown key, a wrong type, an empty title, a date that is not "", YYYY, YYYY-MM
  // or a real YYYY-MM-DD, a kind outside schema::kKinds, an evidence type outside
  // schema::kEvidenceTypes, a theme slug that is not [a-z0-9_-]+,
  // a gemeente that is not "GM" + 4 digits, or an item both added and removed is
  // InvalidArgument with a Dutch message naming the field as `veld "<name>"`. null means absent.
  // Whether a slug or code exists is the caller's check (it knows the taxonomy).
  static Result<Override> FromJson(std::string_view json);
};

// Whether `date` is "", "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real month and day and a year
// from 1800 to 2100: the dates Override::date accepts, from the API and from an import alike.
bool IsValidDate(std::string_view date);

}  // namespace kb::editorial
