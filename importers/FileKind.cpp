#include "attackmap/FileKind.h"

#include "attackmap/Error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace attackmap {

std::string_view describe(FileKind kind) {
    switch (kind) {
    case FileKind::AttackBundle:
        return "ATT&CK STIX bundle";
    case FileKind::MappingJson:
        return "Mappings Explorer JSON";
    case FileKind::MappingCsv:
        return "Mappings Explorer CSV";
    case FileKind::Unknown:
        break;
    }
    return "unknown";
}

FileKind detectFileKind(const std::string& path) {
    // Ask what the path is before opening it: reading a FIFO would block.
    std::error_code error;
    auto status = std::filesystem::status(path, error);
    if (error) {
        throw InputError(path, "", "cannot open: " + error.message());
    }
    if (std::filesystem::is_directory(status)) {
        throw InputError(path, "", "is a directory, not a file");
    }
    if (!std::filesystem::is_regular_file(status)) {
        throw InputError(path, "", "not a regular file");
    }
    if (std::filesystem::file_size(path, error) == 0) {
        throw InputError(path, "", "the file is empty");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path, "", std::string("cannot open: ") + std::strerror(errno));
    }
    // Leading whitespace says nothing: skip it, however much there is, so
    // that the window below starts at the document.
    constexpr std::size_t window = 64 * 1024;
    std::string head;
    std::size_t start = std::string::npos;
    while (start == std::string::npos) {
        head.resize(window);
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
        if (head.empty()) {
            return FileKind::Unknown;
        }
        start = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    }
    head.erase(0, start);
    start = 0;
    if (head.size() < window && in) {
        std::string more(window - head.size(), '\0');
        in.read(more.data(), static_cast<std::streamsize>(more.size()));
        head.append(more.data(), static_cast<std::size_t>(in.gcount()));
    }

    if (head[start] == '{') {
        // A long first value (a comment, a description) can push the keys
        // that tell the kinds apart past the first window: read on, up to a
        // bound, keeping a key's length of overlap between windows.
        constexpr std::size_t bound = 16 * 1024 * 1024;
        constexpr std::size_t overlap = 32;
        std::size_t read = head.size();
        while (true) {
            std::string_view text(head);
            if (text.find("\"mapping_objects\"") != std::string_view::npos ||
                text.find("\"mapping_framework\"") != std::string_view::npos) {
                return FileKind::MappingJson;
            }
            if (text.find("\"objects\"") != std::string_view::npos ||
                text.find("\"bundle\"") != std::string_view::npos) {
                return FileKind::AttackBundle;
            }
            if (!in || read >= bound) {
                return FileKind::Unknown;
            }
            head.erase(0, head.size() > overlap ? head.size() - overlap : 0);
            const std::size_t kept = head.size();
            head.resize(kept + window);
            in.read(head.data() + kept, static_cast<std::streamsize>(window));
            head.resize(kept + static_cast<std::size_t>(in.gcount()));
            read += static_cast<std::size_t>(in.gcount());
        }
    }
    auto lineEnd = head.find('\n', start);
    std::string_view header(head.data() + start,
                            (lineEnd == std::string::npos ? head.size() : lineEnd) - start);
    if (header.find("capability_id") != std::string_view::npos &&
        header.find("attack_object_id") != std::string_view::npos) {
        return FileKind::MappingCsv;
    }
    return FileKind::Unknown;
}

} // namespace attackmap
