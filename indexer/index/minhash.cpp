#include "kb/index/minhash.h"

#include <array>
#include <cstdio>

#include "kb/core/schema.h"

namespace kb::index {

namespace {

// SplitMix64's finaliser: spreads every input bit over the whole word.
constexpr std::uint64_t Mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

std::uint64_t WordHash(const std::string& word) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : word) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The hash family's coefficients, fixed forever: changing them changes every signature in every
// index (a rebuild would be needed to compare old and new documents).
struct Coefficients {
  std::array<std::uint64_t, MinHash::kHashes> a{};
  std::array<std::uint64_t, MinHash::kHashes> b{};
};

constexpr Coefficients MakeCoefficients() {
  Coefficients c;
  std::uint64_t state = 0x6b62206d696e6861ull;  // "kb minha"
  for (int i = 0; i < MinHash::kHashes; ++i) {
    state += 0x9e3779b97f4a7c15ull;
    c.a[i] = Mix(state) | 1;
    state += 0x9e3779b97f4a7c15ull;
    c.b[i] = Mix(state);
  }
  return c;
}

constexpr Coefficients kCoefficients = MakeCoefficients();

}  // namespace

std::optional<MinHash::Signature> MinHash::Of(const std::vector<std::string>& pages,
                                              analysis::Analyzer& analyzer) {
  std::array<std::uint32_t, kHashes> minima;
  minima.fill(UINT32_MAX);
  // The last kShingleWords word hashes, as a ring; shingles run across page breaks, so the same
  // text paginated differently (PDF against Markdown) gives the same shingles.
  std::array<std::uint64_t, kShingleWords> window{};
  std::size_t words = 0;
  std::size_t shingles = 0;
  for (const auto& page : pages) {
    for (const auto& word : analyzer.Words(page)) {
      window[words % kShingleWords] = WordHash(word);
      ++words;
      if (words < static_cast<std::size_t>(kShingleWords)) continue;
      std::uint64_t shingle = 0;
      for (std::size_t k = words - kShingleWords; k < words; ++k) {
        shingle = shingle * 0x100000001b3ull + window[k % kShingleWords];
      }
      shingle = Mix(shingle);
      ++shingles;
      for (int i = 0; i < kHashes; ++i) {
        const auto v =
            static_cast<std::uint32_t>((kCoefficients.a[i] * shingle + kCoefficients.b[i]) >> 32);
        if (v < minima[i]) minima[i] = v;
      }
    }
  }
  if (shingles < kMinShingles) return std::nullopt;
  return Signature(minima.begin(), minima.end());
}

std::vector<std::string> MinHash::BandTerms(const Signature& signature) {
  std::vector<std::string> terms;
  terms.reserve(kBands);
  for (int band = 0; band < kBands; ++band) {
    std::uint64_t h = static_cast<std::uint64_t>(band) + 1;
    for (int row = 0; row < kRows; ++row)
      h = Mix(h * 0x100000001b3ull + signature[band * kRows + row]);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02x%08x", band, static_cast<unsigned>(h >> 32));
    terms.push_back(std::string(schema::kPrefixDuplicateBand) + buf);
  }
  return terms;
}

std::string MinHash::Serialise(const Signature& signature) {
  std::string out;
  out.reserve(signature.size() * 4);
  for (std::uint32_t v : signature) {
    for (int shift = 0; shift < 32; shift += 8)
      out.push_back(static_cast<char>((v >> shift) & 0xff));
  }
  return out;
}

std::optional<MinHash::Signature> MinHash::Parse(const std::string& bytes) {
  if (bytes.size() != static_cast<std::size_t>(kHashes) * 4) return std::nullopt;
  Signature out(kHashes);
  for (int i = 0; i < kHashes; ++i) {
    std::uint32_t v = 0;
    for (int k = 3; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(bytes[i * 4 + k]);
    out[i] = v;
  }
  return out;
}

double MinHash::Similarity(const Signature& a, const Signature& b) {
  if (a.size() != b.size() || a.empty()) return 0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

}  // namespace kb::index
