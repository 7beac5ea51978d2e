#include "CoverageIndex.h"

#include <catch2/catch.hpp>

using namespace attackmap;
using namespace attackmap::desktop;

namespace {

Mapping row(MappingKind kind, ScoreValue value = ScoreValue::None) {
    Mapping mapping;
    mapping.capabilityId = "C-1";
    mapping.techniqueId = "T1552.005";
    mapping.kind = kind;
    mapping.scoreValue = value;
    return mapping;
}

} // namespace

TEST_CASE("coverage level is the best score among mappings that count", "[desktop][coverage]") {
    CHECK(coverageLevel({}) == CoverageLevel::None);
    CHECK(coverageLevel({row(MappingKind::Related), row(MappingKind::NonMappable)}) ==
          CoverageLevel::None);
    CHECK(coverageLevel({row(MappingKind::Mitigating)}) == CoverageLevel::Mapped);
    CHECK(coverageLevel({row(MappingKind::Mitigating),
                         row(MappingKind::Scored, ScoreValue::Minimal)}) == CoverageLevel::Minimal);
    CHECK(coverageLevel({row(MappingKind::Scored, ScoreValue::Significant),
                         row(MappingKind::Scored, ScoreValue::Partial)}) ==
          CoverageLevel::Significant);
    CHECK(toDisplayString(CoverageLevel::Partial) == QStringLiteral("partial"));
}
