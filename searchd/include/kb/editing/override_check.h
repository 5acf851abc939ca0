// Checks an editor's override against the catalogue before it is stored, so the indexer never
// meets a theme, gemeente, provincie or kind it does not know.
#pragma once

#include "kb/core/status.h"
#include "kb/editorial/override.h"
#include "kb/search/catalog.h"

namespace kb::editing {

// InvalidArgument (Dutch) naming the field and the bad value for: an empty or over-long title
// (500 bytes) or organisation (300), a date that is not "", "YYYY", "YYYY-MM" or "YYYY-MM-DD"
// (a real calendar date, year 1800-2100), a kind outside schema::kKinds, a theme slug, CBS code
// or provincie name the catalogue does not know (exact spelling: "jeugdhulp", "GM0106",
// "Drenthe"), and a value both added and removed.
Status CheckOverride(const editorial::Override& value, const search::Catalog& catalog);

}  // namespace kb::editing
