// Spelling correction from the index's own vocabulary.
//
// kb-indexer does not write Xapian spelling data, so instead of Database::get_spelling_suggestion
// the corrector reads the unprefixed (folded body) terms once per index revision and proposes,
// for a word the index does not know, the known word at the smallest optimal-string-alignment
// distance (a swap of two neighbours counts as one edit: "jeugdhlup" -> "jeugdhulp"), preferring
// the more frequent word on ties. Words of up to 4 bytes may differ by 1 edit, longer ones by 2.
//
// SpellingVocabulary is immutable after Build and safe to share between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Xapian {
class Database;
}

namespace kb::search {

// Optimal string alignment distance between a and b (bytes), or max + 1 once it exceeds max.
size_t EditDistance(std::string_view a, std::string_view b, size_t max);

// Which bytes a word holds, each byte value on one of 64 bits. One edit changes at most two bits
// (a substitution takes one byte away and brings another; a swap none), so words whose sets
// differ in more than 2 * max bits are further apart than max edits: Nearest skips them before
// computing a distance.
std::uint64_t ByteSet(std::string_view word);

class SpellingVocabulary {
 public:
  static constexpr size_t kMaxWordBytes = 40;

  // Reads every unprefixed term of `db` that starts with a letter. Throws Xapian::Error.
  static SpellingVocabulary Build(const Xapian::Database& db);

  // The best known replacement for `word` (folded), or empty when nothing is close enough.
  std::string Nearest(std::string_view word) const;

  size_t size() const;

 private:
  struct Entry {
    std::string word;
    std::uint32_t frequency = 0;
    std::uint64_t bytes = 0;  // ByteSet(word)
  };
  std::vector<std::vector<Entry>> by_length_;  // index: word length in bytes
};

}  // namespace kb::search
