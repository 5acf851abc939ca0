// ExtractFile: reads the file once, picks the extractor by content, completes the metadata.
#include "kb/extract/extractor.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include "format_extractors.h"
#include "kb/core/schema.h"
#include "kb/extract/personal_data.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

// Poppler accepts a header anywhere in the first KiB (some generators prepend junk).
constexpr std::size_t kPdfHeaderWindow = 1024;

std::string LowerExtension(const std::filesystem::path& path) {
  return scan::ToLowerAscii(path.extension().string());
}

bool HasPdfHeader(std::string_view bytes) {
  return bytes.substr(0, kPdfHeaderWindow).find("%PDF-") != std::string_view::npos;
}

Result<std::string> ReadFile(const std::filesystem::path& path, const ExtractOptions& options) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    return Status::NotFound("file '" + path.string() + "' does not exist or cannot be accessed");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return Status::InvalidArgument("'" + path.string() + "' is not a regular file");
  }
  const auto size = std::filesystem::file_size(path, error);
  if (error) {
    return Status::InvalidArgument("cannot determine the size of '" + path.string() +
                                   "': " + error.message());
  }
  if (size > options.max_file_bytes) {
    return Status::InvalidArgument("file '" + path.string() + "' is " + std::to_string(size >> 20) +
                                   " MiB, more than the limit of " +
                                   std::to_string(options.max_file_bytes >> 20) +
                                   " MiB; split it or raise the limit");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("cannot open '" + path.string() + "' for reading");
  // One read of the size stat gave (a character-by-character copy cost as much as hashing),
  // then whatever the file grew by since.
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  char more[1 << 16];
  while (in.good() && in.read(more, sizeof more).gcount() > 0) {
    bytes.append(more, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Status::InvalidArgument("read error on '" + path.string() + "'");
  return bytes;
}

// What the first bytes say a file is. The extension is consulted only to explain a mismatch.
enum class Sniffed { kPdf, kZip, kOle, kRtf, kHtml, kEmail, kOfficeLockFile, kOther };

bool StartsWith(std::string_view bytes, std::string_view magic) { return bytes.starts_with(magic); }

// A page starts with a doctype or <html>, possibly after a byte order mark, white space,
// comments and an XML declaration.
bool LooksLikeHtml(std::string_view bytes) {
  std::string_view rest = bytes.substr(0, 4096);
  if (rest.starts_with("\xef\xbb\xbf")) rest.remove_prefix(3);
  while (true) {
    while (!rest.empty() && scan::IsAsciiSpace(rest.front())) rest.remove_prefix(1);
    const bool comment = rest.starts_with("<!--");
    if (!comment && !rest.starts_with("<?xml")) break;
    const std::size_t end = rest.find(comment ? "-->" : "?>");
    if (end == std::string_view::npos) return false;
    rest.remove_prefix(end + (comment ? 3 : 2));
  }
  const std::string head = scan::ToLowerAscii(rest.substr(0, 16));
  return head.starts_with("<!doctype html") || head.starts_with("<html");
}

// The owner file Word and PowerPoint keep beside an open document ("~$rapport.docx"): the
// user's name twice, as a length-prefixed byte string and, at offset 54 (Word) or 55
// (PowerPoint), as a 16-bit length and UTF-16 characters.
bool IsOfficeLockFile(std::string_view bytes) {
  if (bytes.size() < 60 || bytes.size() > 1024) return false;
  const auto length = static_cast<unsigned char>(bytes[0]);
  if (length == 0 || length >= 54) return false;
  for (const std::size_t at : {std::size_t{54}, std::size_t{55}}) {
    if (static_cast<unsigned char>(bytes[at]) == length && bytes[at + 1] == '\0' &&
        bytes[at + 2] == bytes[1] && bytes[at + 3] == '\0') {
      return true;
    }
  }
  return false;
}

Sniffed Sniff(std::string_view bytes) {
  if (HasPdfHeader(bytes)) return Sniffed::kPdf;
  if (StartsWith(bytes, "PK\x03\x04") || StartsWith(bytes, "PK\x05\x06")) return Sniffed::kZip;
  if (StartsWith(bytes, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) return Sniffed::kOle;
  if (StartsWith(bytes, "{\\rtf")) return Sniffed::kRtf;
  if (IsOfficeLockFile(bytes)) return Sniffed::kOfficeLockFile;
  if (LooksLikeHtml(bytes)) return Sniffed::kHtml;
  if (LooksLikeEmail(bytes)) return Sniffed::kEmail;
  return Sniffed::kOther;
}

// Extensions of formats that are never plain text: a file so named that is none of the formats
// above is damaged or mislabelled, and is reported instead of being read as text.
constexpr std::array<std::string_view, 9> kBinaryExtensions = {
    ".docx", ".docm", ".pptx", ".odt", ".odp", ".epub", ".doc", ".rtf", ".pdf"};

Result<RawExtraction> Dispatch(const std::filesystem::path& path, std::string_view bytes,
                               const ExtractOptions& options) {
  const std::string extension = LowerExtension(path);
  switch (Sniff(bytes)) {
    case Sniffed::kPdf:
      return ExtractPdf(path, bytes, options);
    case Sniffed::kZip:
      return ExtractPackage(path, bytes, options);
    case Sniffed::kOle:
      return ExtractOle(path, bytes, options);
    case Sniffed::kRtf:
      return ExtractRtf(path, bytes, options);
    case Sniffed::kHtml:
      return ExtractHtml(path, bytes);
    case Sniffed::kEmail:
      return ExtractEmail(path, bytes, options);
    case Sniffed::kOfficeLockFile:
      return Status::InvalidArgument(
          "'" + path.string() +
          "' is an Office lock file (Word or PowerPoint keeps one beside a document while it is "
          "open), not a document; delete it");
    case Sniffed::kOther:
      break;
  }
  if (extension == ".pdf") {
    const bool lfs = bytes.substr(0, 40).find("git-lfs") != std::string_view::npos;
    return Status::InvalidArgument(
        "'" + path.string() + "' is named .pdf but is not a PDF" +
        (lfs ? " (it is a Git LFS pointer: run 'git lfs pull' to fetch the real file)"
             : " (no %PDF header); check where the file came from"));
  }
  if (std::find(kBinaryExtensions.begin(), kBinaryExtensions.end(), extension) !=
      kBinaryExtensions.end()) {
    return Status::InvalidArgument("'" + path.string() + "' is named " + extension +
                                   " but its content is not of that format (damaged, "
                                   "truncated or renamed); open and re-save it");
  }
  if (extension == ".html" || extension == ".htm" || extension == ".xhtml") {
    return ExtractHtml(path, bytes);  // a fragment without doctype or <html>
  }
  const bool markdown = extension == ".md" || extension == ".markdown";
  return ExtractText(path, bytes, markdown);
}

bool HasText(const ExtractedDoc& doc) {
  return std::any_of(doc.pages.begin(), doc.pages.end(),
                     [](const std::string& page) { return scan::CountLetters(page) > 0; });
}

}  // namespace

Result<ExtractedDoc> ExtractFile(const std::filesystem::path& path, const ExtractOptions& options) {
  auto bytes = ReadFile(path, options);
  if (!bytes.ok()) return bytes.status();
  if (bytes->empty()) {
    return Status::InvalidArgument("file '" + path.string() + "' is empty");
  }
  auto raw = Dispatch(path, *bytes, options);
  if (!raw.ok()) return raw.status();
  // A text file without letters has nothing to index; a PDF without text (a scan) is kept so
  // it can be found by title and OCR'd later.
  if (raw->doc.format != "pdf" && !HasText(raw->doc)) {
    return Status::InvalidArgument("'" + path.string() + "' (" + raw->doc.format +
                                   ") contains no words");
  }
  // The privacy guard comes before the metadata rules read the text: no title, snippet or term
  // can hold a masked number.
  // Whatever a parser let through (libxml2 passes the bytes of a bogus `<?...>` in a web page
  // on as they are), the pages and the declared metadata are UTF-8 from here on.
  for (std::string& page : raw->doc.pages) scan::RepairUtf8(page);
  for (std::string* field : {&raw->declared.title, &raw->declared.heading, &raw->declared.date,
                             &raw->declared.fallback_date, &raw->declared.info_author,
                             &raw->declared.organisation, &raw->declared.section}) {
    scan::RepairUtf8(*field);
  }
  for (std::string& author : raw->declared.authors) scan::RepairUtf8(author);
  const PersonalDataFound personal = MaskPersonalData(raw->doc.pages);
  raw->doc.personal_data_count += personal.count + MaskPersonalData(raw->declared.title) +
                                  MaskPersonalData(raw->declared.heading);
  auto& masked_pages = raw->doc.personal_data_pages;
  masked_pages.insert(masked_pages.end(), personal.pages.begin(), personal.pages.end());
  std::sort(masked_pages.begin(), masked_pages.end());
  masked_pages.erase(std::unique(masked_pages.begin(), masked_pages.end()), masked_pages.end());
  CompleteMetadata(raw->declared, path, raw->doc);
  return std::move(raw->doc);
}

std::optional<OcrMode> ParseOcrMode(std::string_view name) {
  for (const OcrMode mode : {OcrMode::kOff, OcrMode::kAuto, OcrMode::kForce}) {
    if (OcrModeName(mode) == name) return mode;
  }
  return std::nullopt;
}

std::string_view OcrModeName(OcrMode mode) {
  switch (mode) {
    case OcrMode::kOff:
      return "off";
    case OcrMode::kAuto:
      return "auto";
    case OcrMode::kForce:
      return "force";
  }
  return "auto";
}

bool IsIndexableFile(const std::filesystem::path& path) {
  const std::string extension = LowerExtension(path);
  return std::find(schema::kIndexedExtensions.begin(), schema::kIndexedExtensions.end(),
                   extension) != schema::kIndexedExtensions.end();
}

}  // namespace kb::extract
