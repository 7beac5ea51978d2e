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
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));

    auto start = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (start == std::string::npos) {
        return FileKind::Unknown;
    }
    if (head[start] == '{') {
        if (head.find("\"mapping_objects\"") != std::string::npos ||
            head.find("\"mapping_framework\"") != std::string::npos) {
            return FileKind::MappingJson;
        }
        if (head.find("\"objects\"") != std::string::npos ||
            head.find("\"bundle\"") != std::string::npos) {
            return FileKind::AttackBundle;
        }
        return FileKind::Unknown;
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
