#include "attackmap/ImportReport.h"

namespace attackmap {

std::size_t ImportReport::countOf(std::string_view name) const {
    for (const auto& [key, value] : counts) {
        if (key == name) {
            return value;
        }
    }
    return 0;
}

} // namespace attackmap
