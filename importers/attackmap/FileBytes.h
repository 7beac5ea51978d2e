#pragma once

#include <string>
#include <string_view>

#include <simdjson.h>

namespace attackmap {

/// A file's bytes, padded as simdjson needs them. Large files are mapped
/// from the page cache rather than copied: a 40 MB bundle read into fresh
/// memory costs more than parsing it. Move-only.
class FileBytes {
public:
    /// Throws InputError naming the file when it cannot be read.
    explicit FileBytes(const std::string& path);
    ~FileBytes();
    FileBytes(FileBytes&& other) noexcept;
    FileBytes& operator=(FileBytes&&) = delete;
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;

    const char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    std::string_view text() const { return {m_data, m_size}; }

    /// Parses the bytes in place: they are padded, so simdjson need not copy.
    simdjson::simdjson_result<simdjson::dom::element> parse(simdjson::dom::parser& parser) const {
        return parser.parse(m_data, m_size, false);
    }

private:
    void* m_map = nullptr;
    std::size_t m_mapLength = 0;
    simdjson::padded_string m_copy;
    const char* m_data = nullptr;
    std::size_t m_size = 0;
};

std::string sha256Hex(std::string_view bytes);

/// For a document simdjson refused: the line and column of the first fault,
/// found by a slower parser that reports where it stopped.
std::string describeJsonError(std::string_view bytes, simdjson::error_code error);

} // namespace attackmap
