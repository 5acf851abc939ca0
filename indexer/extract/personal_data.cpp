// MaskPersonalData: BSNs in a BSN context and valid IBANs (rules in the header).
#include "kb/extract/personal_data.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "text_scan.h"

namespace kb::extract {
namespace {

constexpr std::string_view kBsnMask = "[BSN verwijderd]";
constexpr std::string_view kIbanMask = "[IBAN verwijderd]";
constexpr std::array<std::string_view, 5> kBsnContext = {"bsn", "burgerservicenummer", "sofinummer",
                                                         "sofi-nummer", "sofi nummer"};
// "123456782 (BSN)": how far after the number the word may stand.
constexpr std::size_t kBsnContextAfterBytes = 12;

// ISO 13616 lengths of the countries whose accounts Dutch documents name.
constexpr std::array<std::pair<std::string_view, std::size_t>, 18> kIbanLengths = {{{"NL", 18},
                                                                                    {"BE", 16},
                                                                                    {"DE", 22},
                                                                                    {"FR", 27},
                                                                                    {"GB", 22},
                                                                                    {"LU", 20},
                                                                                    {"ES", 24},
                                                                                    {"IT", 27},
                                                                                    {"AT", 20},
                                                                                    {"CH", 21},
                                                                                    {"PL", 28},
                                                                                    {"PT", 25},
                                                                                    {"IE", 22},
                                                                                    {"DK", 18},
                                                                                    {"SE", 24},
                                                                                    {"NO", 15},
                                                                                    {"FI", 18},
                                                                                    {"TR", 26}}};
constexpr std::size_t kMinIban = 15;
constexpr std::size_t kMaxIban = 34;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char c) {
  return IsDigit(c) || IsUpper(c) || (c >= 'a' && c <= 'z') ||
         static_cast<unsigned char>(c) >= 0x80;
}

struct Match {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view mask;
};

bool HasBsnContext(std::string_view text, std::size_t begin, std::size_t end) {
  const std::size_t from = begin > kBsnContextBytes ? begin - kBsnContextBytes : 0;
  const std::string before = scan::ToLowerAscii(text.substr(from, begin - from));
  const std::string after = scan::ToLowerAscii(text.substr(end, kBsnContextAfterBytes));
  return std::any_of(kBsnContext.begin(), kBsnContext.end(), [&](std::string_view word) {
    return before.find(word) != std::string::npos || after.find(word) != std::string::npos;
  });
}

// A BSN starting at `begin` (a digit that does not continue a number or word): its end, or 0.
std::size_t BsnEnd(std::string_view text, std::size_t begin, std::string& digits) {
  digits.clear();
  std::size_t at = begin;
  while (at < text.size() && digits.size() < 9) {
    if (IsDigit(text[at])) {
      digits.push_back(text[at++]);
    } else if ((text[at] == ' ' || text[at] == '.' || text[at] == '-') && at + 1 < text.size() &&
               IsDigit(text[at + 1]) && !digits.empty()) {
      ++at;
    } else {
      break;
    }
  }
  if (digits.size() != 9) return 0;
  // The number must end here: no further digit, directly or after one separator.
  if (at < text.size() && IsAlnum(text[at])) return 0;
  if (at + 1 < text.size() && (text[at] == '.' || text[at] == '-' || text[at] == ',') &&
      IsDigit(text[at + 1])) {
    return 0;
  }
  return at;
}

std::size_t IbanLength(std::string_view country) {
  for (const auto& [code, length] : kIbanLengths) {
    if (code == country) return length;
  }
  return 0;
}

// An IBAN starting at `begin` (a capital letter that does not continue a word): its end, or 0.
std::size_t IbanEnd(std::string_view text, std::size_t begin) {
  if (begin + 4 > text.size() || !IsUpper(text[begin]) || !IsUpper(text[begin + 1]) ||
      !IsDigit(text[begin + 2]) || !IsDigit(text[begin + 3])) {
    return 0;
  }
  // The compact form, and where in `text` each of its lengths ends.
  std::string compact;
  std::vector<std::size_t> ends;
  std::size_t at = begin;
  while (at < text.size() && compact.size() < kMaxIban) {
    const char c = text[at];
    if (IsDigit(c) || IsUpper(c)) {
      compact.push_back(c);
      ends.push_back(++at);
    } else if (c == ' ' && at + 1 < text.size() &&
               (IsDigit(text[at + 1]) || IsUpper(text[at + 1])) && compact.size() >= 4) {
      ++at;
    } else {
      break;
    }
  }
  const std::size_t known = IbanLength(compact.substr(0, 2));
  for (std::size_t length = std::min(compact.size(), kMaxIban); length >= kMinIban; --length) {
    if (known != 0 && length != known) continue;
    const std::size_t end = ends[length - 1];
    // It must end at a word boundary: the next character starts no more of the same token.
    if (end < text.size() && IsAlnum(text[end])) continue;
    if (IsValidIban(std::string_view(compact).substr(0, length))) return end;
  }
  return 0;
}

std::vector<Match> FindPersonalData(std::string_view text) {
  std::vector<Match> matches;
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts_token = i == 0 || !IsAlnum(text[i - 1]);
    if (!starts_token) continue;
    if (IsUpper(text[i])) {
      if (const std::size_t end = IbanEnd(text, i); end != 0) {
        matches.push_back({i, end, kIbanMask});
        i = end - 1;
      }
      continue;
    }
    if (!IsDigit(text[i])) continue;
    // Not the tail of a number written with separators ("1.234.567.890", "12-345").
    if (i >= 2 && (text[i - 1] == '.' || text[i - 1] == ',' || text[i - 1] == '-') &&
        IsDigit(text[i - 2])) {
      continue;
    }
    const std::size_t end = BsnEnd(text, i, digits);
    if (end != 0 && PassesElevenTest(digits) && HasBsnContext(text, i, end)) {
      matches.push_back({i, end, kBsnMask});
      i = end - 1;
      continue;
    }
    while (i + 1 < text.size() && IsAlnum(text[i + 1])) ++i;  // skip the rest of this number
  }
  return matches;
}

int Mask(std::string& text) {
  const std::vector<Match> matches = FindPersonalData(text);
  if (matches.empty()) return 0;
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (const Match& match : matches) {
    out.append(text, copied, match.begin - copied);
    out.append(match.mask);
    copied = match.end;
  }
  out.append(text, copied);
  text = std::move(out);
  return static_cast<int>(matches.size());
}

}  // namespace

bool PassesElevenTest(std::string_view nine_digits) {
  if (nine_digits.size() != 9) return false;
  int sum = 0;
  bool all_zero = true;
  for (std::size_t i = 0; i < 9; ++i) {
    if (!IsDigit(nine_digits[i])) return false;
    const int digit = nine_digits[i] - '0';
    all_zero = all_zero && digit == 0;
    sum += (i < 8 ? static_cast<int>(9 - i) : -1) * digit;
  }
  return !all_zero && sum % 11 == 0;
}

bool IsValidIban(std::string_view compact) {
  if (compact.size() < kMinIban || compact.size() > kMaxIban) return false;
  const std::size_t known = IbanLength(compact.substr(0, 2));
  if (known != 0 && compact.size() != known) return false;
  // The first four characters move to the end; letters count as 10-35.
  const std::string rotated = std::string(compact.substr(4)) + std::string(compact.substr(0, 4));
  int remainder = 0;
  for (const char c : rotated) {
    if (IsDigit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (IsUpper(c)) {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

PersonalDataFound MaskPersonalData(std::vector<std::string>& pages) {
  PersonalDataFound found;
  for (std::size_t page = 0; page < pages.size(); ++page) {
    const int masked = Mask(pages[page]);
    if (masked == 0) continue;
    found.count += masked;
    found.pages.push_back(static_cast<int>(page) + 1);
  }
  return found;
}

int MaskPersonalData(std::string& text) { return Mask(text); }

}  // namespace kb::extract
