// Placeholder replaced in the next step.
#include "store_impl.h"

namespace kb::editorial {

Result<std::string> EditorialStore::ExportJson() const {
  return Status::Internal("export not implemented yet");
}

Status EditorialStore::ImportJson(std::string_view, std::string_view) {
  return Status::Internal("import not implemented yet");
}

}  // namespace kb::editorial
