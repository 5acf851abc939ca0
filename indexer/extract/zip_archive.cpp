// ZipArchive over libzip. libzip is only touched in this file.
#include "zip_archive.h"

#include <zip.h>

#include <utility>

namespace kb::extract {

struct ZipArchive::Impl {
  zip_t* archive = nullptr;
  ~Impl() {
    if (archive != nullptr) zip_discard(archive);
  }
};

namespace {

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

std::string ErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

}  // namespace

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::Open(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::InvalidArgument("cannot read the ZIP archive: " + reason);
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    zip_source_free(source);  // not taken over by a failed open
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::InvalidArgument("the ZIP archive is damaged (" + reason + ")");
  }
  zip_error_fini(&error);
  auto impl = std::make_unique<Impl>();
  impl->archive = archive;
  return ZipArchive(std::move(impl));
}

std::vector<std::string> ZipArchive::Names() const {
  std::vector<std::string> names;
  const zip_int64_t count = zip_get_num_entries(impl_->archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(impl_->archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    if (name != nullptr) names.emplace_back(name);
  }
  return names;
}

bool ZipArchive::Contains(std::string_view name) const {
  return zip_name_locate(impl_->archive, std::string(name).c_str(), ZIP_FL_ENC_GUESS) >= 0;
}

bool ZipArchive::HasEncryptedEntries() const {
  const zip_int64_t count = zip_get_num_entries(impl_->archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(impl_->archive, static_cast<zip_uint64_t>(i), 0, &stat) == 0 &&
        (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
      return true;
    }
  }
  return false;
}

Result<std::optional<std::string>> ZipArchive::Read(std::string_view name,
                                                    std::size_t max_bytes) const {
  const std::string key(name);
  const zip_int64_t index = zip_name_locate(impl_->archive, key.c_str(), ZIP_FL_ENC_GUESS);
  if (index < 0) return std::optional<std::string>();
  std::unique_ptr<zip_file_t, ZipFileCloser> file(
      zip_fopen_index(impl_->archive, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    const int code = zip_error_code_zip(zip_get_error(impl_->archive));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
      return Status::InvalidArgument("part '" + key + "' is encrypted with a password");
    }
    return Status::InvalidArgument("part '" + key + "' cannot be read (" + ErrorText(code) + ")");
  }
  std::string out;
  char buffer[1 << 16];
  while (true) {
    const zip_int64_t got = zip_fread(file.get(), buffer, sizeof buffer);
    if (got < 0) {
      const int code = zip_error_code_zip(zip_file_get_error(file.get()));
      return Status::InvalidArgument("part '" + key + "' is damaged (" + ErrorText(code) + ")");
    }
    if (got == 0) break;
    if (out.size() + static_cast<std::size_t>(got) > max_bytes) {
      return Status::InvalidArgument("part '" + key + "' inflates to more than " +
                                     std::to_string(max_bytes >> 20) +
                                     " MiB (a zip bomb or an oversized document)");
    }
    out.append(buffer, static_cast<std::size_t>(got));
  }
  return std::optional<std::string>(std::move(out));
}

}  // namespace kb::extract
