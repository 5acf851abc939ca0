// DocidSet: a boolean Xapian query matching exactly the given documents of one local index, for
// running a query again over a few candidates found by an earlier match, or over the documents
// a filter's bitmap holds (search_steps.h).
// Xapian 1.4 has no query for a set of docids, so this is a PostingSource: it walks the sorted
// docids and gives them no weight. Only for one local database (docids are per database; a
// PostingSource does not travel to xapian-tcpsrv). Thread-safety: a query holding one belongs
// to one thread, like the Enquire it runs in.
#pragma once

#include <memory>
#include <vector>

#include <xapian.h>
#include <roaring/roaring.hh>

namespace kb::search {

// A query matching the documents `docids` (any order; duplicates allowed), weight 0.
Xapian::Query DocidSet(std::vector<Xapian::docid> docids);

// A query matching the documents of `bitmap` (MatchBitmaps), weight 0: a filter whose
// documents are known already, walked without copying them (each use of the query in a tree
// shares the one bitmap).
Xapian::Query DocidSet(std::shared_ptr<const Roaring> bitmap);

}  // namespace kb::search
