// PDF extraction with Poppler's C++ API. Poppler is only touched in this file.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <exception>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format_extractors.h"
#include "kb/core/fnv_hash.h"
#include "kb/extract/cover_page.h"
#include "ocr.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

void IgnorePopplerMessage(const std::string& /*message*/, void* /*closure*/) {}

// Poppler reports syntax errors of damaged files on stderr; the caller learns about real failures
// through our return value, so the noise is switched off once per process.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(IgnorePopplerMessage, nullptr); });
}

std::string ToUtf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  // Some producers pad metadata with NULs; form feeds separate nothing we need.
  std::erase_if(out, [](char c) { return c == '\0' || c == '\f'; });
  return out;
}

// Poppler returns (time_t)-1 for a missing date.
std::string FormatDate(std::time_t when) {
  if (when <= 0) return {};
  std::tm parts{};
  if (gmtime_r(&when, &parts) == nullptr) return {};
  char buffer[16];
  if (std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &parts) == 0) return {};
  return buffer;
}

std::string Describe(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// For every page it renders, text extraction included, Poppler turns the ICC profile of a PDF's
// output intent (PDF/A documents name the printer's colour space) into colour transforms. Text
// needs no colour: on ../shared/corpus/docs three reports with an output intent took 1.52 s of
// pdftotext's CPU, and 0.12 s with the key renamed, for byte-identical text. The catalog key is
// renamed to a name Poppler does not look up, of the same length, so every offset in the file
// stays valid. A key inside a compressed object stream is out of reach and costs what it did.
constexpr std::string_view kOutputIntents = "/OutputIntents";
constexpr std::string_view kIgnoredKey = "/OutputIntentX";
static_assert(kOutputIntents.size() == kIgnoredKey.size());

// `bytes`, or a copy in `storage` without output intents.
std::string_view WithoutOutputIntents(std::string_view bytes, std::string& storage) {
  std::size_t at = bytes.find(kOutputIntents);
  if (at == std::string_view::npos) return bytes;
  storage.assign(bytes);
  for (; at != std::string::npos; at = storage.find(kOutputIntents, at + kIgnoredKey.size())) {
    storage.replace(at, kIgnoredKey.size(), kIgnoredKey);
  }
  return storage;
}

// Words further apart than this many font sizes on one baseline are in different columns (or
// are a label and its value): they start a new cover line.
constexpr double kColumnGap = 2.0;
// A gap wider than this many font sizes is a space even where Poppler records none.
constexpr double kWordGap = 0.15;

// Cuts `text` to at most `max_bytes` on a UTF-8 character boundary.
void CutUtf8(std::string& text, std::size_t max_bytes) {
  text.resize(scan::Utf8Prefix(text, max_bytes).size());
}

// True when the word in `box` continues `line`: same font size, same baseline, no column gap
// before it.
bool ContinuesLine(const CoverLine& line, double size, const poppler::rectf& box) {
  const double scale = std::max(size, 1.0);
  return std::abs(line.size - size) <= 0.05 * std::max(line.size, size) &&
         std::abs(line.top - box.y()) <= 0.5 * scale && box.x() >= line.right - 0.5 * scale &&
         box.x() - line.right <= kColumnGap * scale;
}

// The lines of one page with their font sizes, in Poppler's reading order. Rotated text (margin
// stamps) is left out; at most kMaxCoverLinesPerPage lines of kMaxCoverLineBytes.
void AppendCoverLines(poppler::page& page, int page_number, std::vector<CoverLine>& lines) {
  const std::size_t first = lines.size();
  bool space_after = false;
  for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
    if (box.rotation() != 0) continue;
    const double size = box.has_font_info() ? box.get_font_size() : 0;
    const poppler::rectf where = box.bbox();
    if (!std::isfinite(size) || !std::isfinite(where.x()) || !std::isfinite(where.y()) ||
        !std::isfinite(where.right())) {
      continue;
    }
    std::string word = ToUtf8(box.text());
    if (word.empty()) continue;
    const bool more = lines.size() > first;
    if (more && ContinuesLine(lines.back(), size, where)) {
      CoverLine& line = lines.back();
      if (space_after || where.x() - line.right > kWordGap * std::max(size, 1.0)) {
        line.text.push_back(' ');
      }
      line.text.append(word);
      CutUtf8(line.text, kMaxCoverLineBytes);
      line.right = std::max(line.right, where.right());
    } else {
      if (lines.size() - first >= kMaxCoverLinesPerPage) break;
      CutUtf8(word, kMaxCoverLineBytes);
      lines.push_back(
          CoverLine{page_number, size, where.x(), where.y(), where.right(), std::move(word)});
    }
    space_after = box.has_space_after();
  }
}

// OCR of a whole file stops after this long, well inside the sandbox's 60 s per file: the pages
// after it stay empty (measured: about 5 s per page on one core).
constexpr std::chrono::seconds kOcrFileBudget{40};

// The OCR cache: one file per page, named by the PDF's content hash and the page number.
std::filesystem::path CachedPage(const ExtractOptions& options, const std::string& hash,
                                 std::size_t page) {
  return options.ocr_cache / (hash + "-" + std::to_string(page + 1) + ".txt");
}

std::optional<std::string> ReadCachedPage(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Best effort: a cache that cannot be written costs the next run an OCR, nothing else.
void WriteCachedPage(const std::filesystem::path& file, const std::string& text) {
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  const std::filesystem::path partial = file.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out.write(text.data(), static_cast<std::streamsize>(text.size()))) return;
  }
  std::filesystem::rename(partial, file, error);
}

// With OcrMode::kAuto in a scan (at least half of the pages without a text layer), with kForce
// in any PDF, the pages without a text layer are rendered at kOcrDpi and read by Tesseract;
// their numbers (1-based) go to `ocr_pages`. kAuto leaves a born-digital report's few image
// pages (a designed cover, a full-page chart) alone: their OCR text would take the place of the
// real title.
void RecognizeScannedPages(poppler::document& document, std::string_view bytes,
                           const ExtractOptions& options, std::vector<std::string>& pages,
                           std::vector<int>& ocr_pages) {
  if (options.ocr == OcrMode::kOff) return;
  const auto empty = static_cast<std::size_t>(
      std::count_if(pages.begin(), pages.end(),
                    [](const std::string& page) { return scan::CountLetters(page) == 0; }));
  if (empty == 0 || (options.ocr == OcrMode::kAuto && 2 * empty < pages.size())) return;
  std::string hash;
  if (!options.ocr_cache.empty()) {
    Fnv1a64 content;
    content.Update(bytes);
    hash = content.HexDigest();
  }
  const auto start = std::chrono::steady_clock::now();
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (scan::CountLetters(pages[i]) > 0) continue;
    if (!hash.empty()) {
      if (auto cached = ReadCachedPage(CachedPage(options, hash, i))) {
        if (scan::CountLetters(*cached) == 0) continue;
        pages[i] = std::move(*cached);
        ocr_pages.push_back(static_cast<int>(i) + 1);
        continue;
      }
    }
    if (std::chrono::steady_clock::now() - start > kOcrFileBudget) break;
    std::unique_ptr<poppler::page> page(document.create_page(static_cast<int>(i)));
    if (!page) continue;
    const poppler::image image = renderer.render_page(page.get(), kOcrDpi, kOcrDpi);
    if (!image.is_valid() || image.format() != poppler::image::format_gray8) continue;
    auto text = RecognizeGreyImage(reinterpret_cast<const unsigned char*>(image.const_data()),
                                   image.width(), image.height(), image.bytes_per_row());
    if (!text.ok()) return;  // no Dutch model: the scan stays findable by title
    if (!hash.empty()) WriteCachedPage(CachedPage(options, hash, i), *text);
    if (scan::CountLetters(*text) == 0) continue;
    pages[i] = std::move(*text);
    ocr_pages.push_back(static_cast<int>(i) + 1);
  }
}

Result<RawExtraction> ExtractPdfUnguarded(const std::filesystem::path& path, std::string_view bytes,
                                          const ExtractOptions& options) {
  SilencePoppler();
  std::string storage;  // Poppler reads the bytes in place while the document lives
  bytes = WithoutOutputIntents(bytes, storage);
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    return Status::InvalidArgument("cannot open PDF " + Describe(path) +
                                   ": the file is damaged or not a PDF; re-export or repair it");
  }
  if (document->is_locked()) {
    return Status::InvalidArgument("PDF " + Describe(path) +
                                   " is encrypted with a password: remove the password and index "
                                   "it again");
  }
  const int page_count = document->pages();
  if (page_count <= 0) {
    return Status::InvalidArgument("PDF " + Describe(path) +
                                   " has no pages (damaged page tree); re-export or repair it");
  }

  RawExtraction raw;
  raw.doc.format = "pdf";
  const int kept = std::min(page_count, options.max_pages);
  raw.doc.pages.reserve(static_cast<std::size_t>(kept));
  for (int i = 0; i < kept; ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    // A page Poppler cannot build still counts, so page numbers stay right.
    raw.doc.pages.push_back(
        page ? ToUtf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout))
             : std::string());
    // Font sizes cost a second pass over the page: only the cover pages get one.
    if (page && i < kCoverPages) AppendCoverLines(*page, i, raw.declared.cover);
  }
  RecognizeScannedPages(*document, bytes, options, raw.doc.pages, raw.doc.ocr_pages);
  raw.declared.title = ToUtf8(document->get_title());
  raw.declared.info_author = ToUtf8(document->get_author());
  raw.declared.organisation = ToUtf8(document->info_key("Company"));
  raw.declared.date = FormatDate(document->get_creation_date_t());
  raw.declared.fallback_date = FormatDate(document->get_modification_date_t());
  return raw;
}

}  // namespace

Result<RawExtraction> ExtractPdf(const std::filesystem::path& path, std::string_view bytes,
                                 const ExtractOptions& options) {
  // Poppler's C++ wrapper can throw (std::bad_alloc on absurd sizes, std::length_error, ...):
  // the module edge turns every exception into a per-file error.
  try {
    return ExtractPdfUnguarded(path, bytes, options);
  } catch (const std::exception& e) {
    return Status::InvalidArgument("PDF " + Describe(path) + " could not be read: " + e.what());
  } catch (...) {
    return Status::InvalidArgument("PDF " + Describe(path) +
                                   " could not be read: unknown Poppler error");
  }
}

}  // namespace kb::extract
