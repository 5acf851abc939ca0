// Tesseract is only touched in this file.
#include "ocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace kb::extract {
namespace {

struct Engine {
  std::mutex mutex;
  std::unique_ptr<tesseract::TessBaseAPI> api;
  bool ready = false;
};

// Never destroyed, but ended at exit before Tesseract's own static caches go (they would report
// the model as leaked): the handler is registered after Init built those caches, so it runs
// first.
Engine& TheEngine() {
  static Engine* engine = new Engine;
  static std::once_flag once;
  std::call_once(once, [] {
    engine->api = std::make_unique<tesseract::TessBaseAPI>();
    engine->ready = engine->api->Init(nullptr, "nld") == 0;
    std::atexit([] { TheEngine().api->End(); });
  });
  return *engine;
}

struct TextFree {
  void operator()(char* text) const { delete[] text; }
};

}  // namespace

Result<std::string> RecognizeGreyImage(const unsigned char* pixels, int width, int height,
                                       int bytes_per_line) {
  Engine& engine = TheEngine();
  if (!engine.ready) {
    return Status::Unavailable(
        "the Dutch OCR model is not installed (Debian package tesseract-ocr-nld)");
  }
  std::lock_guard lock(engine.mutex);
  tesseract::TessBaseAPI& api = *engine.api;
  api.SetImage(pixels, width, height, 1, bytes_per_line);
  api.SetSourceResolution(static_cast<int>(kOcrDpi));
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(static_cast<int>(kOcrPageTimeLimit.count()));
  api.Recognize(&monitor);  // past the deadline: what was recognised so far
  std::unique_ptr<char, TextFree> text(api.GetUTF8Text());
  api.Clear();
  return text ? std::string(text.get()) : std::string();
}

}  // namespace kb::extract
