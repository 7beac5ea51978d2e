#pragma once

#include <optional>
#include <string_view>

namespace attackmap {

/// How well a technique is covered, worst first. Mapped is an unscored
/// mitigating mapping: it says a control applies, not how well.
enum class CoverageLevel { None = 0, Mapped = 1, Minimal = 2, Partial = 3, Significant = 4 };

std::string_view toString(CoverageLevel level); // none, mapped, minimal, partial, significant
std::optional<CoverageLevel> parseCoverageLevel(std::string_view text);

} // namespace attackmap
