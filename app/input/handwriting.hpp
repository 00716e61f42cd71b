// Handwriting recognition behind the 手写 input: the strokes a finger writes on the writing box in,
// the likeliest hanzi out, best first. Wraps Zinnia with the Tegaki simplified-Chinese model
// (the 6,763 hanzi of GB2312; TECH-NOTES.md, "Zinnia handwriting") and shapes the strokes first
// (stroke_shape.hpp), which is what makes finger input recognisable. UI-free.
#pragma once

#include "core/result.hpp"
#include "input/stroke_shape.hpp"

#include <memory>
#include <string>
#include <vector>

struct zinnia_recognizer_t;

namespace linli::input {

inline constexpr const char* k_zinnia_model = "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model";

class HandwritingRecognizer {
public:
    // Opens the model, memory-mapped. Error (Internal) naming the path when it cannot.
    // `shaping` is for the benchmark, which compares shapings; the UI keeps the default.
    static Result<HandwritingRecognizer> open(const std::string& model_path = k_zinnia_model,
                                              const StrokeShaping& shaping = {});

    // The best candidates for the strokes written so far, best first, at most max_candidates,
    // each one UTF-8 character. Empty for no strokes. Never throws; Zinnia's NULL result is an
    // empty list. About 10 ms here (Zinnia scores all 6,763 classes): call it once a stroke ends.
    // Each recognition reads the whole 27 MB model; afterwards its pages leave the kiosk's
    // memory again (they stay in the page cache, so the next stroke finds them at once): between
    // strokes, and while the glyph atlas grows for the new candidates, the model costs nothing.
    std::vector<std::string> recognize(const std::vector<Stroke>& strokes, int max_candidates = 20) const;

private:
    struct Close { void operator()(zinnia_recognizer_t* recognizer) const; };
    class ModelMap;
    struct Unmap { void operator()(ModelMap* map) const; };

    HandwritingRecognizer(std::unique_ptr<ModelMap, Unmap> model, zinnia_recognizer_t* recognizer,
                          const StrokeShaping& shaping);

    std::unique_ptr<ModelMap, Unmap> m_model;  // outlives m_recognizer, which points into it
    std::unique_ptr<zinnia_recognizer_t, Close> m_recognizer;  // movable, not copyable
    StrokeShaping m_shaping;
};

}  // namespace linli::input
