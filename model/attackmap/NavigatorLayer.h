#pragma once

#include "attackmap/Coverage.h"

#include <nlohmann/json.hpp>

#include <string>

namespace attackmap {

/// The layer's colour for a level; none is the colour of a gap.
std::string levelColor(CoverageLevel level);

/// Score a level gets in a layer: none 0, mapped 1, minimal 2, partial 3,
/// significant 4, on a gradient from 0 to 4; reading the layer back as a
/// profile gives the same levels.
int layerScore(CoverageLevel level);

/// An ATT&CK Navigator layer (format 4.5) of a coverage analysis: every
/// covered technique with its score, colour and the capabilities that give
/// it, and every gap in the gap colour with what would close it.
nlohmann::json navigatorLayer(const CoverageResult& result);

} // namespace attackmap
