#pragma once

#include <string>
#include <string_view>

namespace attackmap {

enum class FileKind { AttackBundle, MappingJson, MappingCsv, Unknown };

std::string_view describe(FileKind kind);

/// Tells what a file holds from its first bytes, without parsing it all.
FileKind detectFileKind(const std::string& path);

} // namespace attackmap
