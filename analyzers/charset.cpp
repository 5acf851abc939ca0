// Charset detection and conversion to UTF-8.
//
// Order of evidence, strongest first:
//   1. a byte-order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE);
//   2. the NUL pattern of BOM-less UTF-16 (ASCII letters leave every other byte zero);
//   3. refusal of binary data (NULs or C0 control bytes that text never contains);
//   4. strict UTF-8 validation: a non-ASCII file that validates is UTF-8 with near certainty;
//   5. ICU's statistical detector, restricted to the Western single-byte encodings Dutch and
//      Frisian text actually comes in. Between ISO-8859-1 and windows-1252 we prefer
//      windows-1252 whenever bytes 0x80-0x9F occur: in ISO-8859-1 those are unused C1 controls,
//      in windows-1252 they are curly quotes, dashes and the euro sign.
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "kb/analysis/charset.h"

namespace kb::analysis {
namespace {

struct CharsetDetectorCloser {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};
using DetectorPtr = std::unique_ptr<UCharsetDetector, CharsetDetectorCloser>;

// Share of "impossible in text" bytes above which the input is called binary.
constexpr double kMaxControlShare = 0.02;
// For BOM-less UTF-16: the share of zero bytes in one parity class that marks it as the high
// byte of mostly-Latin characters, and the share the other class may have at most.
constexpr double kUtf16ZeroShare = 0.3;
constexpr double kUtf16OtherZeroShare = 0.05;

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// True for C0 control bytes that do not occur in text files (tab, LF, VT, FF, CR, ESC and SUB
// do: ESC in terminal logs, SUB as a DOS end-of-file marker).
bool IsBinaryControl(unsigned char c) {
  if (c >= 0x20 || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') return false;
  return c != 0x1B && c != 0x1A;
}

bool LooksBinary(std::string_view bytes) {
  std::size_t suspicious = 0;
  for (const char ch : bytes) {
    if (IsBinaryControl(static_cast<unsigned char>(ch))) ++suspicious;
  }
  return static_cast<double>(suspicious) > kMaxControlShare * static_cast<double>(bytes.size());
}

// "utf-16le", "utf-16be" or empty when the zero bytes do not show a UTF-16 pattern.
std::string GuessBomlessUtf16(std::string_view bytes) {
  if (bytes.size() < 4) return {};
  std::array<std::size_t, 2> zeros{0, 0};
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    if (bytes[i] == '\0') ++zeros[0];
    if (bytes[i + 1] == '\0') ++zeros[1];
  }
  const double units = static_cast<double>(bytes.size() / 2);
  const double even = static_cast<double>(zeros[0]) / units;
  const double odd = static_cast<double>(zeros[1]) / units;
  if (odd > kUtf16ZeroShare && even < kUtf16OtherZeroShare) return "utf-16le";
  if (even > kUtf16ZeroShare && odd < kUtf16OtherZeroShare) return "utf-16be";
  return {};
}

// Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.
bool IsValidUtf8(std::string_view bytes, bool* all_ascii) {
  *all_ascii = true;
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    *all_ascii = false;
    std::size_t length = 0;
    std::uint32_t low = 0x80;
    std::uint32_t high = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (i + length > bytes.size()) return false;
    const auto second = static_cast<unsigned char>(bytes[i + 1]);
    if (second < low || second > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if (next < 0x80 || next > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

bool HasC1Bytes(std::string_view bytes) {
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 && c <= 0x9F) return true;
  }
  return false;
}

// ICU's guess among the single-byte encodings we accept; windows-1252 when it has no opinion.
std::string DetectSingleByte(std::string_view bytes) {
  std::string chosen = "windows-1252";
  UErrorCode error = U_ZERO_ERROR;
  DetectorPtr detector(ucsdet_open(&error));
  if (U_SUCCESS(error)) {
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &error);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &error);
    for (int32_t i = 0; U_SUCCESS(error) && i < count; ++i) {
      const std::string_view name = ucsdet_getName(matches[i], &error);
      if (U_FAILURE(error)) break;
      if (name == "ISO-8859-1" || name == "windows-1252") {
        chosen = name == "ISO-8859-1" ? "iso-8859-1" : "windows-1252";
        break;
      }
    }
  }
  if (chosen == "iso-8859-1" && HasC1Bytes(bytes)) chosen = "windows-1252";
  return chosen;
}

// Converts with ICU; invalid sequences become U+FFFD. NULs and stray BOMs are removed.
Result<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset) {
  if (bytes.empty()) return std::string();
  // Every input byte yields at most three UTF-8 bytes (U+FFFD included).
  std::string out(bytes.size() * 3 + 16, '\0');
  UErrorCode error = U_ZERO_ERROR;
  const int32_t written =
      ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()),
                   bytes.data(), static_cast<int32_t>(bytes.size()), &error);
  if (U_FAILURE(error)) {
    return Status::Internal("converting text from " + charset +
                            " to UTF-8 failed: " + u_errorName(error));
  }
  out.resize(static_cast<std::size_t>(written));
  // Remove NULs and U+FEFF (a BOM repeated inside the text by careless concatenation).
  std::string clean;
  clean.reserve(out.size());
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\0') continue;
    if (out.compare(i, kBom.size(), kBom) == 0) {
      i += kBom.size() - 1;
      continue;
    }
    clean.push_back(out[i]);
  }
  return clean;
}

Result<DecodedText> Decode(std::string_view bytes, std::string charset) {
  auto utf8 = ConvertToUtf8(bytes, charset);
  if (!utf8.ok()) return utf8.status();
  return DecodedText{std::move(utf8).value(), std::move(charset)};
}

}  // namespace

Result<DecodedText> DecodeToUtf8(std::string_view bytes) {
  // UTF-32 BOMs first: the UTF-32LE BOM starts with the UTF-16LE one.
  if (StartsWith(bytes, std::string_view("\xFF\xFE\0\0", 4))) {
    return Decode(bytes.substr(4), "utf-32le");
  }
  if (StartsWith(bytes, std::string_view("\0\0\xFE\xFF", 4))) {
    return Decode(bytes.substr(4), "utf-32be");
  }
  if (StartsWith(bytes, "\xEF\xBB\xBF")) return Decode(bytes.substr(3), "utf-8");
  if (StartsWith(bytes, "\xFF\xFE")) return Decode(bytes.substr(2), "utf-16le");
  if (StartsWith(bytes, "\xFE\xFF")) return Decode(bytes.substr(2), "utf-16be");

  if (std::string utf16 = GuessBomlessUtf16(bytes); !utf16.empty()) {
    return Decode(bytes, std::move(utf16));
  }
  if (LooksBinary(bytes)) {
    return Status::InvalidArgument(
        "the file holds binary data, not text (NUL or control bytes); "
        "check that it is not a mislabelled PDF, image or archive");
  }
  bool all_ascii = true;
  if (IsValidUtf8(bytes, &all_ascii)) {
    return Decode(bytes, all_ascii ? "us-ascii" : "utf-8");
  }
  return Decode(bytes, DetectSingleByte(bytes));
}

bool IsValidUtf8(std::string_view bytes) {
  bool all_ascii = true;
  return IsValidUtf8(bytes, &all_ascii);
}

std::size_t Utf8Length(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace kb::analysis
