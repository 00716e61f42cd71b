#include "input/handwriting.hpp"

#include <zinnia.h>

#include <cmath>

namespace linli::input {

namespace {

struct DestroyCharacter { void operator()(zinnia_character_t* c) const { zinnia_character_destroy(c); } };
struct DestroyResult { void operator()(zinnia_result_t* r) const { zinnia_result_destroy(r); } };

}  // namespace

void HandwritingRecognizer::Close::operator()(zinnia_recognizer_t* recognizer) const
{
    zinnia_recognizer_destroy(recognizer);
}

HandwritingRecognizer::HandwritingRecognizer(zinnia_recognizer_t* recognizer, const StrokeShaping& shaping)
    : m_recognizer(recognizer), m_shaping(shaping)
{
}

Result<HandwritingRecognizer> HandwritingRecognizer::open(const std::string& model_path, const StrokeShaping& shaping)
{
    std::unique_ptr<zinnia_recognizer_t, Close> recognizer(zinnia_recognizer_new());
    if (!recognizer)
        return Error::internal("handwriting: " + model_path + ": cannot create a Zinnia recognizer");
    if (!zinnia_recognizer_open(recognizer.get(), model_path.c_str())) {
        const char* why = zinnia_recognizer_strerror(recognizer.get());
        return Error::internal("handwriting: " + model_path + ": cannot open the model (" +
                               std::string(why && *why ? why : "no reason given") + ")");
    }
    return HandwritingRecognizer(recognizer.release(), shaping);
}

std::vector<std::string> HandwritingRecognizer::recognize(const std::vector<Stroke>& strokes, int max_candidates) const
{
    std::vector<std::string> candidates;
    if (max_candidates <= 0 || !m_recognizer)  // no recognizer: moved from
        return candidates;
    // Zinnia is C++ under its C API: a failed allocation would come through as an exception.
    try {
        const std::vector<Stroke> shaped = shape_strokes(strokes, m_shaping);
        if (shaped.empty())
            return candidates;
        std::unique_ptr<zinnia_character_t, DestroyCharacter> character(zinnia_character_new());
        if (!character)
            return candidates;
        zinnia_character_set_width(character.get(), static_cast<std::size_t>(k_writing_box));
        zinnia_character_set_height(character.get(), static_cast<std::size_t>(k_writing_box));
        // Ids in order 0, 1, 2...: Zinnia drops the later strokes when a point goes to an earlier id.
        for (std::size_t id = 0; id < shaped.size(); ++id)
            for (StrokePoint p : shaped[id])
                zinnia_character_add(character.get(), id, static_cast<int>(std::lround(p.x)),
                                     static_cast<int>(std::lround(p.y)));
        std::unique_ptr<zinnia_result_t, DestroyResult> result(
            zinnia_recognizer_classify(m_recognizer.get(), character.get(), static_cast<std::size_t>(max_candidates)));
        if (!result)
            return candidates;
        for (std::size_t i = 0; i < zinnia_result_size(result.get()); ++i)
            if (const char* value = zinnia_result_value(result.get(), i))
                candidates.emplace_back(value);
    } catch (...) {
        candidates.clear();
    }
    return candidates;
}

}  // namespace linli::input
