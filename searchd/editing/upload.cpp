#include "kb/editing/upload.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <random>

#include "kb/analysis/charset.h"
#include "kb/analysis/text_fold.h"
#include "kb/core/schema.h"

namespace kb::editing {

namespace fs = std::filesystem;

namespace {

std::string LowerExtension(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(name.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// Text a person wrote: no NUL, control characters (other than tab, newlines, form feed and
// escape) under 1 in 100 bytes, and, unless it is UTF-8, none of Windows-1252's undefined bytes.
bool IsPlausibleText(std::string_view bytes) {
  size_t controls = 0;
  for (unsigned char c : bytes) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++controls;
  }
  if (controls * 100 > bytes.size()) return false;
  if (analysis::IsValidUtf8(bytes)) return true;
  return std::none_of(bytes.begin(), bytes.end(), [](char ch) {
    const unsigned char c = static_cast<unsigned char>(ch);
    return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
  });
}

bool LooksLikePdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

Status Refuse(std::string_view name, const std::string& why) {
  return Status::InvalidArgument("bestand '" + std::string(name.substr(0, 120)) + "': " + why);
}

}  // namespace

Result<UploadType> CheckUpload(std::string_view name, std::string_view bytes) {
  const std::string ext = LowerExtension(name);
  if (std::find(schema::kIndexedExtensions.begin(), schema::kIndexedExtensions.end(), ext) ==
      schema::kIndexedExtensions.end()) {
    return Refuse(name,
                  "alleen PDF-, tekst- en Markdown-bestanden (.pdf, .txt, .text, .md, .markdown) "
                  "kunnen worden toegevoegd");
  }
  if (bytes.empty()) return Refuse(name, "het bestand is leeg");
  const bool pdf = LooksLikePdf(bytes);
  if (ext == ".pdf") {
    if (!pdf) return Refuse(name, "heet .pdf maar is geen PDF (het begint niet met %PDF-)");
    return UploadType::kPdf;
  }
  if (pdf) return Refuse(name, "is een PDF; geef het de extensie .pdf");
  if (!IsPlausibleText(bytes)) {
    return Refuse(name,
                  "is geen leesbare tekst (geen UTF-8 of Windows-1252); lever een PDF of "
                  "een tekstbestand aan");
  }
  return ext == ".md" ? UploadType::kMarkdown : UploadType::kText;
}

std::string SafeFileName(std::string_view client_name) {
  // Browsers on Windows may send a whole path; only its last component is the name.
  const size_t slash = client_name.find_last_of("/\\");
  if (slash != std::string_view::npos) client_name.remove_prefix(slash + 1);
  std::string ext = LowerExtension(client_name);
  // Letters with diacritics keep their base letter ("Coördinatie" -> "Coordinatie").
  const std::string stem_in =
      analysis::WithoutDiacritics(client_name.substr(0, client_name.size() - ext.size()));
  std::string stem;
  for (const char ch : stem_in) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && (std::isalnum(c) || c == '.' || c == '-' || c == '_')) {
      stem.push_back(ch);
    } else if (c < 0x80 || (c & 0xC0) != 0x80) {
      stem.push_back('-');  // one dash per character, not per UTF-8 byte
    }
  }
  // Collapse runs of dashes and trim dots and dashes at both ends.
  std::string clean;
  for (char c : stem) {
    if (c == '-' && !clean.empty() && clean.back() == '-') continue;
    clean.push_back(c);
  }
  const size_t first = clean.find_first_not_of(".-");
  const size_t last = clean.find_last_not_of(".-");
  clean = first == std::string::npos ? "" : clean.substr(first, last - first + 1);
  if (clean.empty()) clean = "document";
  const bool ext_ok = ext.size() > 1 && std::all_of(ext.begin() + 1, ext.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c));
                      });
  if (!ext_ok) ext.clear();
  if (clean.size() + ext.size() > 100) clean.resize(100 - std::min<size_t>(ext.size(), 20));
  return clean + ext;
}

namespace {

// A hidden temporary name in `dir`: kb-indexer's walker skips dot files.
fs::path TemporaryName(const fs::path& dir) {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return dir / (".upload-" + std::to_string(random()) + ".part");
}

std::string WithNumber(const std::string& name, int n) {
  if (n == 1) return name;
  const size_t dot = name.rfind('.');
  const std::string stem = dot == std::string::npos ? name : name.substr(0, dot);
  const std::string ext = dot == std::string::npos ? "" : name.substr(dot);
  return stem + "-" + std::to_string(n) + ext;
}

Status WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Unavailable(std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

}  // namespace

Result<fs::path> StoreUpload(const fs::path& dir, const std::string& safe_name,
                             std::string_view bytes) {
  const fs::path temp = TemporaryName(dir);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::Unavailable("de uploadmap '" + dir.string() +
                               "' is niet beschrijfbaar: " + std::strerror(errno));
  }
  Status written = WriteAll(fd, bytes);
  if (written.ok() && ::fsync(fd) != 0) written = Status::Unavailable(std::strerror(errno));
  ::close(fd);
  if (!written.ok()) {
    ::unlink(temp.c_str());
    return Status::Unavailable("kan niet schrijven in de uploadmap '" + dir.string() +
                               "': " + written.message());
  }
  // link() fails when the name exists, so a file is never replaced, also not by a racing upload.
  for (int n = 1; n < 10000; ++n) {
    const fs::path target = dir / WithNumber(safe_name, n);
    if (::link(temp.c_str(), target.c_str()) == 0) {
      ::unlink(temp.c_str());
      return target;
    }
    if (errno != EEXIST) {
      const std::string why = std::strerror(errno);
      ::unlink(temp.c_str());
      return Status::Unavailable("kan '" + target.string() + "' niet aanmaken: " + why);
    }
  }
  ::unlink(temp.c_str());
  return Status::Unavailable("te veel bestanden met de naam '" + safe_name + "' in de uploadmap");
}

}  // namespace kb::editing
