// RTF: a reader of the text, paragraphs, page breaks, outline headings and \info fields.
// Debian's converters lose what we need (unrtf drops accented letters in text mode, catdoc runs
// paragraphs together), and RTF's text model is small: groups, control words, hex escapes in
// the document's ANSI code page and \uN escapes. Destinations that hold no body text (font and
// colour tables, style sheets, pictures, embedded objects, field instructions, headers and
// footers) are skipped, and so is every unknown destination marked with \*.
#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "format_extractors.h"
#include "text_scan.h"
#include "xml_text.h"

namespace kb::extract {
namespace {

// Destinations whose text is not the document's.
constexpr std::array<std::string_view, 34> kSkippedDestinations = {"fonttbl",
                                                                   "colortbl",
                                                                   "stylesheet",
                                                                   "listtable",
                                                                   "listoverridetable",
                                                                   "revtbl",
                                                                   "rsidtbl",
                                                                   "generator",
                                                                   "pict",
                                                                   "objdata",
                                                                   "fldinst",
                                                                   "header",
                                                                   "headerl",
                                                                   "headerr",
                                                                   "headerf",
                                                                   "footer",
                                                                   "footerl",
                                                                   "footerr",
                                                                   "footerf",
                                                                   "xmlnstbl",
                                                                   "datastore",
                                                                   "themedata",
                                                                   "colorschememapping",
                                                                   "latentstyles",
                                                                   "pgdsctbl",
                                                                   "filetbl",
                                                                   "shpinst",
                                                                   "nonshppict",
                                                                   "bkmkstart",
                                                                   "bkmkend",
                                                                   "mmathPr",
                                                                   "wgrffmtfilter",
                                                                   "template",
                                                                   "docvar"};
// \info fields we read into the declared metadata.
enum class InfoField { kNone, kTitle, kAuthor, kCompany };
// Deeper nesting than this is not a document Word or LibreOffice writes.
constexpr std::size_t kMaxDepth = 512;

struct GroupState {
  bool skip = false;
  int unicode_skip = 1;  // \ucN: characters that follow a \uN as its fallback
  InfoField field = InfoField::kNone;
};

struct UConverterClose {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};

class RtfReader {
 public:
  explicit RtfReader(std::string_view bytes) : bytes_(bytes) { SetCodePage(1252); }

  Status Read() {
    std::vector<GroupState> stack{GroupState{}};
    while (at_ < bytes_.size()) {
      const char c = bytes_[at_++];
      if (c == '{') {
        if (stack.size() >= kMaxDepth) {
          return Status::InvalidArgument("its groups are nested more than " +
                                         std::to_string(kMaxDepth) + " deep");
        }
        stack.push_back(stack.back());
      } else if (c == '}') {
        FlushBytes(stack.back());
        if (stack.size() > 1) stack.pop_back();
      } else if (c == '\\') {
        ControlSequence(stack);
      } else if (c != '\r' && c != '\n' && !SkipFallback()) {
        Byte(stack.back(), c);
      }
    }
    FlushBytes(stack.back());
    EndParagraph();
    return Status::Ok();
  }

  std::vector<std::string> Pages() { return pages_.Finish(); }
  std::string title, author, company, created;

 private:
  void SetCodePage(int code_page) {
    UErrorCode error = U_ZERO_ERROR;
    const std::string name = code_page == 65001 ? "UTF-8" : "windows-" + std::to_string(code_page);
    std::unique_ptr<UConverter, UConverterClose> converter(ucnv_open(name.c_str(), &error));
    if (U_SUCCESS(error)) converter_ = std::move(converter);
  }

  void Byte(const GroupState& state, char c) {
    if (state.skip) return;
    pending_.push_back(c);
  }

  // Converts the code-page bytes read so far to UTF-8.
  void FlushBytes(const GroupState& state) {
    if (pending_.empty()) return;
    std::string utf8;
    if (converter_) {
      UErrorCode error = U_ZERO_ERROR;
      std::vector<UChar> units(pending_.size() * 2 + 4);
      const int32_t count =
          ucnv_toUChars(converter_.get(), units.data(), static_cast<int32_t>(units.size()),
                        pending_.data(), static_cast<int32_t>(pending_.size()), &error);
      for (int32_t i = 0; U_SUCCESS(error) && i < count; ++i) AppendCodePoint(utf8, units[i]);
    } else {
      for (const char c : pending_)
        AppendCodePoint(utf8, static_cast<unsigned char>(c));  // Latin-1
    }
    pending_.clear();
    Text(state, utf8);
  }

  static void AppendCodePoint(std::string& out, unsigned long code) {
    if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;  // no character
    if (code < 0x20 || code == 0x7F) code = ' ';  // control characters, NUL included
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (code >> 18)));
      out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  void Text(const GroupState& state, std::string_view text) {
    if (state.skip) return;
    switch (state.field) {
      case InfoField::kTitle:
        title.append(text);
        return;
      case InfoField::kAuthor:
        author.append(text);
        return;
      case InfoField::kCompany:
        company.append(text);
        return;
      case InfoField::kNone:
        paragraph_.append(text);
        return;
    }
  }

  void EndParagraph() {
    const std::string text = scan::CollapseWhitespace(paragraph_);
    paragraph_.clear();
    if (heading_ && !text.empty() && text.size() < 200) {
      pages_.Heading(text);
    } else {
      pages_.Append(text);
      pages_.EndParagraph();
    }
  }

  void ControlSequence(std::vector<GroupState>& stack) {
    if (at_ >= bytes_.size()) return;
    GroupState& state = stack.back();
    const char c = bytes_[at_];
    if (!std::isalpha(static_cast<unsigned char>(c))) {
      ++at_;
      if (c == '\'') {
        if (at_ + 2 <= bytes_.size()) {
          const std::string hex(bytes_.substr(at_, 2));
          at_ += 2;
          if (SkipFallback()) return;
          Byte(state, static_cast<char>(std::strtol(hex.c_str(), nullptr, 16)));
        }
        return;
      }
      FlushBytes(state);
      if (c == '*') {
        star_ = true;
      } else if (c == '\\' || c == '{' || c == '}') {
        Text(state, std::string(1, c));
      } else if (c == '~') {
        Text(state, " ");
      } else if (c == '_') {
        Text(state, "-");
      } else if (c == '\n' || c == '\r') {
        EndParagraph();
      }
      return;
    }
    const std::size_t start = at_;
    while (at_ < bytes_.size() && std::isalpha(static_cast<unsigned char>(bytes_[at_])) &&
           at_ - start < 32) {
      ++at_;
    }
    const std::string word(bytes_.substr(start, at_ - start));
    bool has_parameter = false;
    long parameter = 0;
    const std::size_t number = at_;
    if (at_ < bytes_.size() &&
        (bytes_[at_] == '-' || std::isdigit(static_cast<unsigned char>(bytes_[at_])))) {
      ++at_;
      while (at_ < bytes_.size() && std::isdigit(static_cast<unsigned char>(bytes_[at_])) &&
             at_ - number < 11) {
        ++at_;
      }
      parameter =
          std::strtol(std::string(bytes_.substr(number, at_ - number)).c_str(), nullptr, 10);
      has_parameter = true;
    }
    if (at_ < bytes_.size() && bytes_[at_] == ' ') ++at_;
    Control(stack, word, has_parameter, parameter);
  }

  // After \uN, its fallback characters are skipped (\ucN of them, 1 by default).
  bool SkipFallback() {
    if (fallback_left_ == 0) return false;
    --fallback_left_;
    return true;
  }

  void Control(std::vector<GroupState>& stack, const std::string& word, bool has_parameter,
               long parameter) {
    GroupState& state = stack.back();
    const bool destination_star = star_;
    star_ = false;
    if (word == "u" && has_parameter) {
      FlushBytes(state);
      std::string utf8;
      // RTF writes \uN as a signed 16-bit number.
      AppendCodePoint(utf8,
                      static_cast<unsigned long>(parameter < 0 ? parameter + 65536 : parameter));
      Text(state, utf8);
      fallback_left_ = state.unicode_skip;
      return;
    }
    if (SkipFallback()) return;
    FlushBytes(state);
    if (word == "uc" && has_parameter) {
      state.unicode_skip = static_cast<int>(std::clamp(parameter, 0L, 8L));
    } else if (word == "ansicpg" && has_parameter) {
      SetCodePage(static_cast<int>(parameter));
    } else if (std::find(kSkippedDestinations.begin(), kSkippedDestinations.end(), word) !=
               kSkippedDestinations.end()) {
      state.skip = true;
    } else if (word == "info") {
      state.skip = true;  // revision data, operator, statistics: only the fields below are read
    } else if (word == "title" || word == "author" || word == "company") {
      state.skip = false;
      state.field = word == "title"    ? InfoField::kTitle
                    : word == "author" ? InfoField::kAuthor
                                       : InfoField::kCompany;
    } else if (word == "creatim") {
      in_creation_time_ = true;
      state.skip = true;
    } else if (in_creation_time_ && (word == "yr" || word == "mo" || word == "dy")) {
      char part[8];
      std::snprintf(part, sizeof part, word == "yr" ? "%04ld" : "-%02ld", parameter);
      created.append(part);
      if (word == "dy") in_creation_time_ = false;
    } else if (word == "par" || word == "sect" || word == "row") {
      EndParagraph();
    } else if (word == "pard") {
      heading_ = false;
    } else if (word == "outlinelevel" && has_parameter) {
      heading_ = parameter >= 0 && parameter < 9;
    } else if (word == "page") {
      EndParagraph();
      pages_.PageBreak();
    } else if (word == "line" || word == "tab" || word == "emspace" || word == "enspace") {
      Text(state, " ");
    } else if (word == "cell") {
      Text(state, " | ");
    } else if (word == "emdash" || word == "endash") {
      Text(state, word == "emdash" ? "\u2014" : "\u2013");
    } else if (word == "lquote" || word == "rquote") {
      Text(state, word == "lquote" ? "\u2018" : "\u2019");
    } else if (word == "ldblquote" || word == "rdblquote") {
      Text(state, word == "ldblquote" ? "\u201C" : "\u201D");
    } else if (word == "bullet") {
      Text(state, "\u2022");
    } else if (destination_star) {
      state.skip = true;  // an optional destination this reader does not know
    }
  }

  std::string_view bytes_;
  std::size_t at_ = 0;
  std::unique_ptr<UConverter, UConverterClose> converter_;
  std::string pending_;
  std::string paragraph_;
  PageText pages_;
  bool star_ = false;
  bool heading_ = false;
  bool in_creation_time_ = false;
  int fallback_left_ = 0;
};

}  // namespace

Result<RawExtraction> ExtractRtf(const std::filesystem::path& path, std::string_view bytes,
                                 const ExtractOptions& /*options*/) {
  RtfReader reader(bytes);
  const Status status = reader.Read();
  if (!status.ok()) {
    return Status::InvalidArgument("cannot read RTF file '" + path.string() +
                                   "': " + status.message() + "; re-save it from a word processor");
  }
  RawExtraction raw;
  raw.doc.format = "rtf";
  raw.doc.pages = reader.Pages();
  raw.declared.title = scan::CollapseWhitespace(reader.title);
  raw.declared.info_author = scan::CollapseWhitespace(reader.author);
  raw.declared.organisation = scan::CollapseWhitespace(reader.company);
  raw.declared.date = reader.created;
  return raw;
}

}  // namespace kb::extract
