#include "input/handwriting.hpp"

#include <zinnia.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>

namespace linli::input {

namespace {

struct DestroyCharacter { void operator()(zinnia_character_t* c) const { zinnia_character_destroy(c); } };
struct DestroyResult { void operator()(zinnia_result_t* r) const { zinnia_result_destroy(r); } };

}  // namespace

// The model file, mapped read-only; Zinnia reads it in place.
class HandwritingRecognizer::ModelMap {
public:
    static std::unique_ptr<ModelMap, Unmap> open(const std::string& path)
    {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return nullptr;
        struct stat st;
        void* data = MAP_FAILED;
        if (fstat(fd, &st) == 0 && st.st_size > 0)
            data = mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (data == MAP_FAILED) return nullptr;
        std::unique_ptr<ModelMap, Unmap> map(new ModelMap());
        map->m_data = data;
        map->m_size = size_t(st.st_size);
        return map;
    }
    ~ModelMap() { munmap(m_data, m_size); }
    const char* data() const { return static_cast<const char*>(m_data); }
    size_t size() const { return m_size; }
    void release_pages() const { madvise(m_data, m_size, MADV_DONTNEED); }

private:
    ModelMap() = default;
    void* m_data = nullptr;
    size_t m_size = 0;
};

void HandwritingRecognizer::Unmap::operator()(ModelMap* map) const
{
    delete map;
}

void HandwritingRecognizer::Close::operator()(zinnia_recognizer_t* recognizer) const
{
    zinnia_recognizer_destroy(recognizer);
}

HandwritingRecognizer::HandwritingRecognizer(std::unique_ptr<ModelMap, Unmap> model, zinnia_recognizer_t* recognizer,
                                             const StrokeShaping& shaping)
    : m_model(std::move(model)), m_recognizer(recognizer), m_shaping(shaping)
{
}

Result<HandwritingRecognizer> HandwritingRecognizer::open(const std::string& model_path, const StrokeShaping& shaping)
{
    auto model = ModelMap::open(model_path);
    if (!model)
        return Error::internal("handwriting: " + model_path + ": cannot read the model file (" + std::strerror(errno) + ")");
    std::unique_ptr<zinnia_recognizer_t, Close> recognizer(zinnia_recognizer_new());
    if (!recognizer)
        return Error::internal("handwriting: " + model_path + ": cannot create a Zinnia recognizer");
    if (!zinnia_recognizer_open_from_ptr(recognizer.get(), model->data(), model->size())) {
        const char* why = zinnia_recognizer_strerror(recognizer.get());
        return Error::internal("handwriting: " + model_path + ": cannot open the model (" +
                               std::string(why && *why ? why : "no reason given") + ")");
    }
    model->release_pages();  // opening read the header and the index
    return HandwritingRecognizer(std::move(model), recognizer.release(), shaping);
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
        m_model->release_pages();
        if (!result)
            return candidates;
        for (std::size_t i = 0; i < zinnia_result_size(result.get()); ++i)
            if (const char* value = zinnia_result_value(result.get(), i))
                candidates.emplace_back(value);
    } catch (...) {
        candidates.clear();
        m_model->release_pages();
    }
    return candidates;
}

}  // namespace linli::input
