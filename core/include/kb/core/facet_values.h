// The facet values of a document as value slots (schema::kSlotFacet*), so that exact facet
// counts need no match spy of our own: Xapian's built-in ValueCountMatchSpy, which a stock
// xapian-tcpsrv runs for every shard, counts them. On one index kb-searchd counts from the filter
// terms instead (search::FacetTable); both give the same counts.
//
// Each slot holds lists: items joined by kFacetItemSeparator, lists joined by
// kFacetListSeparator. Several values share a slot where the page needs them counted together
// (themes with provincies, for the theme x provincie matrix) or where few combinations occur
// (kind, evidence type, language), so that a spy's table stays small: at most the number of
// distinct combinations among the matches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace kb {

inline constexpr char kFacetItemSeparator = '\x1f';
inline constexpr char kFacetListSeparator = '\x1e';

// Stores the facet slots of `doc` from its own filter terms (XT, XP, XG, XK, XV, XL, XO), so the
// slots always say what the terms say. `organisation_name` is the name the XO slug stands for.
void SetFacetValues(Xapian::Document& doc, std::string_view organisation_name);

// The lists of one slot value; SplitFacetValue("a\x1f" "b\x1e" "c", kFacetListSeparator) is
// {"a\x1f" "b", "c"}. An empty value is one empty part.
std::vector<std::string> SplitFacetValue(std::string_view value, char separator);

}  // namespace kb
